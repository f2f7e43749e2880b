import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { optionalFlag } from '../../curriculum/calendar/query-params';
import { CreateWorkTypeDto, JournalSettingsView, UpdateJournalSettingsDto, UpdateWorkTypeDto, WorkTypeView } from './journal-settings.dto';
import { JournalSettingsService } from './journal-settings.service';
import { WorkTypesService } from './work-types.service';

@ApiTags('journal')
@ApiBearerAuth()
@Controller('journal-settings')
export class JournalSettingsController {
  constructor(private readonly settings: JournalSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'The school\'s edit windows and rounding threshold (R-JRN-05, R-JRN-08); the defaults until the admin saves them' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiOkResponse({ type: JournalSettingsView })
  get(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string) {
    return this.settings.read(actor, schoolId);
  }

  @Put()
  @ApiOperation({ summary: 'Change the edit windows and the rounding threshold (admin; version, 412 when stale)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiOkResponse({ type: JournalSettingsView })
  update(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string, @Body() dto: UpdateJournalSettingsDto) {
    return this.settings.update(actor, schoolId, dto);
  }
}

@ApiTags('journal')
@ApiBearerAuth()
@Controller('work-types')
export class WorkTypesController {
  constructor(private readonly workTypes: WorkTypesService) {}

  @Get()
  @ApiOperation({ summary: 'The school\'s work types with their weights (R-JRN-03); the defaults are added on first use' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'includeArchived', enum: ['true', 'false'], required: false })
  @ApiOkResponse({ type: [WorkTypeView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('includeArchived', optionalFlag('includeArchived')) includeArchived?: 'true' | 'false') {
    return this.workTypes.list(actor, schoolId, includeArchived === 'true');
  }

  @Post()
  @ApiOperation({ summary: 'Add a work type (admin)' })
  @ApiCreatedResponse({ type: WorkTypeView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWorkTypeDto) {
    return this.workTypes.create(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, reweigh, mark as control work or archive a work type (admin); marks already entered keep their weight' })
  @ApiOkResponse({ type: WorkTypeView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateWorkTypeDto) {
    return this.workTypes.update(actor, id, dto);
  }
}
