import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { requiredUuid } from '../../platform/http/pipes';
import { CreateExternalMarkDto, ExternalMarkView } from './external-mark.dto';
import { ExternalMarksService } from './external-marks.service';

@ApiTags('journal')
@ApiBearerAuth()
@Controller('external-marks')
export class ExternalMarksController {
  constructor(private readonly marks: ExternalMarksService) {}

  @Post()
  @ApiOperation({ summary: 'Record a mark transferred from another institution with its basis document (deputy, admin, the student\'s class teacher; R-JRN-09)' })
  @ApiCreatedResponse({ type: ExternalMarkView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateExternalMarkDto) {
    return this.marks.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'A student\'s marks from other institutions (staff of the school)' })
  @ApiQuery({ name: 'studentId', format: 'uuid' })
  @ApiOkResponse({ type: [ExternalMarkView] })
  list(@CurrentActor() actor: Actor, @Query('studentId', requiredUuid('studentId')) studentId: string) {
    return this.marks.list(actor, studentId);
  }
}
