import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { optionalFlag } from '../calendar/query-params';
import { CreateRoomDto, RoomView, UpdateRoomDto } from './reference.dto';
import { RoomsService } from './rooms.service';

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Get()
  @ApiOperation({ summary: 'Rooms of the school, by name (R-CUR-10)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'includeArchived', enum: ['true', 'false'], required: false })
  @ApiOkResponse({ type: [RoomView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('includeArchived', optionalFlag('includeArchived')) includeArchived?: 'true' | 'false') {
    return this.rooms.list(actor, schoolId, includeArchived === 'true');
  }

  @Post()
  @ApiOperation({ summary: 'Add a room (admin; R-CUR-10)' })
  @ApiCreatedResponse({ type: RoomView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateRoomDto) {
    return this.rooms.create(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: RoomView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.rooms.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change or archive a room (rooms are never deleted)' })
  @ApiOkResponse({ type: RoomView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateRoomDto) {
    return this.rooms.update(actor, id, dto);
  }
}
