import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { optionalUuid, page, ParseSchoolIdPipe, ParseIdPipe } from '../../platform/http/pipes';
import { CreateStudentDto, StudentCardView, StudentPage, UpdateStudentDto } from './student.dto';
import { StudentsService } from './students.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('students')
export class StudentsController {
  constructor(private readonly students: StudentsService) {}

  @Get()
  @ApiOperation({ summary: 'Students of a school, by class and name (teachers: of one class)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'classId', format: 'uuid', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'Part of the name' })
  @ApiQuery({ name: 'status', required: false, enum: ['studying', 'left', 'graduated'] })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ type: StudentPage })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('classId', optionalUuid('classId')) classId?: string, @Query('q') q?: string, @Query('status') status?: string,
    @Query('limit') limit?: string, @Query('offset') offset?: string) {
    if (q !== undefined && q.length > 100) throw new InvalidField('q', 'q must be at most 100 characters');
    return this.students.list(actor, schoolId, { classId, search: q || undefined, status, ...page(limit, offset) });
  }

  @Post()
  @ApiOperation({ summary: 'Enrol a new student into a class (creates the card, the enrolment and the enrol movement)' })
  @ApiCreatedResponse({ type: StudentCardView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStudentDto) {
    return this.students.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Personal card (R-ROS-03); each read is logged (R-AUD-06)' })
  @ApiOkResponse({ type: StudentCardView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.students.card(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: StudentCardView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateStudentDto) {
    return this.students.update(actor, id, dto);
  }
}
