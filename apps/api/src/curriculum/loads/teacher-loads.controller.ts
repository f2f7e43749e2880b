import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { optionalUuid, requiredUuid } from '../../platform/http/pipes';
import { ApprovedLoadsView, ApproveTeacherLoadsDto, CreateTeacherLoadDto, TeacherLoadView, UpdateTeacherLoadDto } from './teacher-load.dto';
import { TeacherLoadsService } from './teacher-loads.service';

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('teacher-loads')
export class TeacherLoadsController {
  constructor(private readonly loads: TeacherLoadsService) {}

  @Get()
  @ApiOperation({ summary: 'Teacher load of a year, optionally of one teacher or class (R-CUR-06)' })
  @ApiQuery({ name: 'academicYearId', format: 'uuid' })
  @ApiQuery({ name: 'teacherId', format: 'uuid', required: false })
  @ApiQuery({ name: 'classId', format: 'uuid', required: false })
  @ApiOkResponse({ type: [TeacherLoadView] })
  list(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string,
    @Query('teacherId', optionalUuid('teacherId')) teacherId?: string, @Query('classId', optionalUuid('classId')) classId?: string) {
    return this.loads.list(actor, { academicYearId, teacherId, classId });
  }

  @Post()
  @ApiOperation({ summary: 'Assign a teacher to a class or subgroup and subject with weekly hours (deputy, admin)' })
  @ApiCreatedResponse({ type: TeacherLoadView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTeacherLoadDto) {
    return this.loads.create(actor, dto);
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the year\'s draft loads, or the listed ones (director)' })
  @ApiOkResponse({ type: ApprovedLoadsView })
  approve(@CurrentActor() actor: Actor, @Body() dto: ApproveTeacherLoadsDto) {
    return this.loads.approve(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change hours or teacher; an approved load goes back to draft' })
  @ApiOkResponse({ type: TeacherLoadView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateTeacherLoadDto) {
    return this.loads.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a draft load (409 when approved or still in the timetable)' })
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.loads.remove(actor, id);
  }
}
