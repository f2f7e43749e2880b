import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { requiredUuid, ParseIdPipe } from '../../platform/http/pipes';
import { CreateSubgroupDto, SubgroupView, UpdateSubgroupDto } from './subgroup.dto';
import { SubgroupsService } from './subgroups.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('subgroups')
export class SubgroupsController {
  constructor(private readonly subgroups: SubgroupsService) {}

  @Get()
  @ApiQuery({ name: 'classId', format: 'uuid' })
  @ApiOkResponse({ type: [SubgroupView] })
  list(@CurrentActor() actor: Actor, @Query('classId', requiredUuid('classId')) classId: string) {
    return this.subgroups.list(actor, classId);
  }

  @Post()
  @ApiOperation({ summary: 'Create a subgroup of a class for a subject (deputy, admin; R-ROS-07)' })
  @ApiCreatedResponse({ type: SubgroupView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSubgroupDto) {
    return this.subgroups.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SubgroupView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateSubgroupDto) {
    return this.subgroups.update(actor, id, dto);
  }
}
