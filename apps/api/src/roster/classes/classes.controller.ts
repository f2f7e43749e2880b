import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { optionalUuid, ParseSchoolIdPipe, ParseIdPipe } from '../../platform/http/pipes';
import { ClassDetailView, ClassView, CreateClassDto, UpdateClassDto } from './class.dto';
import { ClassesService } from './classes.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('classes')
export class ClassesController {
  constructor(private readonly classes: ClassesService) {}

  @Get()
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'academicYearId', format: 'uuid', required: false })
  @ApiOkResponse({ type: [ClassView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('academicYearId', optionalUuid('academicYearId')) academicYearId?: string) {
    return this.classes.list(actor, schoolId, academicYearId);
  }

  @Post()
  @ApiOperation({ summary: 'Create a class of an academic year (admin; R-ROS-06)' })
  @ApiCreatedResponse({ type: ClassView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateClassDto) {
    return this.classes.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A class with its current students' })
  @ApiOkResponse({ type: ClassDetailView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.classes.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ClassView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateClassDto) {
    return this.classes.update(actor, id, dto);
  }
}
