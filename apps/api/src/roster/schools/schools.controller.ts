import { ParseIdPipe } from '../../platform/http/pipes';
import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { CreateSchoolDto, SchoolView, UpdateSchoolDto } from './school.dto';
import { SchoolsService } from './schools.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Get()
  @ApiOperation({ summary: 'Schools the caller belongs to' })
  @ApiOkResponse({ type: [SchoolView] })
  list(@CurrentActor() actor: Actor) {
    return this.schools.list(actor);
  }

  @Post()
  @ApiOperation({ summary: 'Create a school (regional operator; R-ROS-01)' })
  @ApiCreatedResponse({ type: SchoolView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSchoolDto) {
    return this.schools.create(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: SchoolView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.schools.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update the school card (admin, operator)' })
  @ApiOkResponse({ type: SchoolView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateSchoolDto) {
    return this.schools.update(actor, id, dto);
  }
}
