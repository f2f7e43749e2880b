import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { requiredUuid } from '../../platform/http/pipes';
import {
  CreateCurriculumPlanDto, CurriculumPlanDetailView, CurriculumPlanView, InspectionReportView, NewPlanVersionDto, PlanVersionDto, ReplacePlanLinesDto,
} from './curriculum-plan.dto';
import { CurriculumPlansService } from './curriculum-plans.service';

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('curriculum-plans')
export class CurriculumPlansController {
  constructor(private readonly plans: CurriculumPlansService) {}

  @Get()
  @ApiOperation({ summary: 'Versions of the curriculum plan of a year, newest first (R-CUR-04)' })
  @ApiQuery({ name: 'academicYearId', format: 'uuid' })
  @ApiOkResponse({ type: [CurriculumPlanView] })
  list(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string) {
    return this.plans.list(actor, academicYearId);
  }

  @Post()
  @ApiOperation({ summary: 'Create a draft plan, optionally copying another plan\'s lines (deputy, admin; R-CUR-04)' })
  @ApiCreatedResponse({ type: CurriculumPlanDetailView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCurriculumPlanDto) {
    return this.plans.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A plan with its lines: weekly hours per subject and grade, and per-class overrides' })
  @ApiOkResponse({ type: CurriculumPlanDetailView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.get(actor, id);
  }

  @Put(':id/lines')
  @ApiOperation({ summary: 'Replace the lines of a draft (approved and superseded plans are read-only: 409)' })
  @ApiOkResponse({ type: CurriculumPlanDetailView })
  replaceLines(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReplacePlanLinesDto) {
    return this.plans.replaceLines(actor, id, dto);
  }

  @Post(':id/inspect')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the electronic inspector over the plan, its teacher load and timetable (R-CUR-05)' })
  @ApiOkResponse({ type: InspectionReportView })
  inspect(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.inspect(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve a draft (director only); refused with 422 and the inspector\'s errors while errors remain' })
  @ApiOkResponse({ type: CurriculumPlanDetailView })
  @ApiUnprocessableEntityResponse({ description: 'problem+json with `errors`, `warnings` and `summary` of the inspection' })
  approve(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PlanVersionDto) {
    return this.plans.approve(actor, id, dto.version);
  }

  @Post(':id/new-version')
  @ApiOperation({ summary: 'Start a new draft version copying an approved plan (deputy, admin)' })
  @ApiCreatedResponse({ type: CurriculumPlanDetailView })
  newVersion(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: NewPlanVersionDto) {
    return this.plans.newVersion(actor, id, dto);
  }
}
