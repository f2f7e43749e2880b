import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe, requiredUuid } from '../../platform/http/pipes';
import { optionalDate, requiredVersion } from '../../curriculum/calendar/query-params';
import {
  ControlWorkAnalysisView, ControlWorkView, ControlWorkWriteView, CreateControlWorkDto, UpdateControlWorkDto,
} from './control-work.dto';
import { ControlWorksService } from './control-works.service';

@ApiTags('journal')
@ApiBearerAuth()
@Controller('control-works')
export class ControlWorksController {
  constructor(private readonly works: ControlWorksService) {}

  @Get()
  @ApiOperation({ summary: 'Control works planned for a class, by date (R-JRN-11); every staff role of the school' })
  @ApiQuery({ name: 'classId', format: 'uuid' })
  @ApiQuery({ name: 'from', required: false, example: '2026-12-01' })
  @ApiQuery({ name: 'to', required: false, example: '2026-12-31' })
  @ApiOkResponse({ type: [ControlWorkView] })
  list(@CurrentActor() actor: Actor, @Query('classId', requiredUuid('classId')) classId: string,
    @Query('from', optionalDate('from')) from?: string, @Query('to', optionalDate('to')) to?: string) {
    return this.works.list(actor, { classId, from, to });
  }

  @Post()
  @ApiOperation({
    summary: 'Plan a control work (teacher of the class and subject, or the deputy; R-JRN-11)',
    description: '`warnings` lists another control work of the class the same day and more than 3 in its week; the work is saved anyway.',
  })
  @ApiCreatedResponse({ type: ControlWorkWriteView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateControlWorkDto) {
    return this.works.create(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Move, rename or retype a control work before its date' })
  @ApiOkResponse({ type: ControlWorkWriteView })
  @ApiConflictResponse({ description: 'The date has come' })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateControlWorkDto) {
    return this.works.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a control work before its date' })
  @ApiQuery({ name: 'version', type: Number })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'The date has come' })
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('version', requiredVersion()) version: number) {
    await this.works.remove(actor, id, version);
  }

  @Get(':id/analysis')
  @ApiOperation({ summary: 'Results of a control work: mark distribution, % passing, % quality, mean, students without a mark (R-JRN-11)' })
  @ApiOkResponse({ type: ControlWorkAnalysisView })
  analysis(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.works.analysis(actor, id);
  }
}
