import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { optionalUuid, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { CreateMovementDto, MovementView } from './movement.dto';
import { MovementsService } from './movements.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('movements')
export class MovementsController {
  constructor(private readonly movements: MovementsService) {}

  @Get()
  @ApiOperation({ summary: 'Movement book of the school (R-ROS-08)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'studentId', format: 'uuid', required: false })
  @ApiOkResponse({ type: [MovementView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('studentId', optionalUuid('studentId')) studentId?: string) {
    return this.movements.list(actor, schoolId, studentId);
  }

  @Post()
  @ApiOperation({ summary: 'Record an enrolment, a transfer within the school, a transfer out or an expulsion' })
  @ApiCreatedResponse({ type: MovementView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMovementDto) {
    return this.movements.create(actor, dto);
  }
}
