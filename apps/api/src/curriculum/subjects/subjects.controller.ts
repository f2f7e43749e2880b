import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { optionalFlag } from '../calendar/query-params';
import { CreateSubjectDto, FederalImportResult, ImportFederalSubjectsDto, SubjectView, UpdateSubjectDto } from './subject.dto';
import { SubjectsService } from './subjects.service';

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('subjects')
export class SubjectsController {
  constructor(private readonly subjects: SubjectsService) {}

  @Get()
  @ApiOperation({ summary: 'The school\'s subject catalogue, by name (R-CUR-03)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'includeArchived', enum: ['true', 'false'], required: false })
  @ApiOkResponse({ type: [SubjectView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('includeArchived', optionalFlag('includeArchived')) includeArchived?: 'true' | 'false') {
    return this.subjects.list(actor, schoolId, includeArchived === 'true');
  }

  @Post()
  @ApiOperation({ summary: 'Add a subject to the catalogue (admin; R-CUR-03)' })
  @ApiCreatedResponse({ type: SubjectView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSubjectDto) {
    return this.subjects.create(actor, dto);
  }

  @Post('federal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add the federal subject list; names already in the catalogue are skipped (idempotent)' })
  @ApiOkResponse({ type: FederalImportResult })
  importFederal(@CurrentActor() actor: Actor, @Body() dto: ImportFederalSubjectsDto) {
    return this.subjects.importFederal(actor, dto.schoolId);
  }

  @Get(':id')
  @ApiOkResponse({ type: SubjectView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.subjects.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename, change the short name or area, archive or restore a subject' })
  @ApiOkResponse({ type: SubjectView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateSubjectDto) {
    return this.subjects.update(actor, id, dto);
  }
}
