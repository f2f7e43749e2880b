import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe, requiredUuid } from '../../platform/http/pipes';
import { BellSchedulesService } from './bell-schedules.service';
import { CalendarService } from './calendar.service';
import { BellScheduleView, CreateBellScheduleDto, CreateHolidayDto, HolidayView, ReplaceWorkingModesDto, SchoolDayView, UpdateBellScheduleDto,
  UpdateHolidayDto, WorkingModeView } from './calendar.dto';
import { HolidaysService } from './holidays.service';
import { optionalDate, requiredGrade, requiredVersion } from './query-params';
import { WorkingModesService } from './working-modes.service';

const yearQuery = () => ApiQuery({ name: 'academicYearId', format: 'uuid' });
const versionQuery = () => ApiQuery({ name: 'version', type: Number, description: 'The current version (R-API-03)' });

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('working-modes')
export class WorkingModesController {
  constructor(private readonly modes: WorkingModesService) {}

  @Get()
  @ApiOperation({ summary: '5- or 6-day week per grade range of a year (R-CUR-07)' })
  @yearQuery()
  @ApiOkResponse({ type: [WorkingModeView] })
  list(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string) {
    return this.modes.list(actor, academicYearId);
  }

  @Put()
  @ApiOperation({ summary: 'Replace the working mode of a year (admin); 409 when study periods would leave school days uncovered' })
  @ApiOkResponse({ type: [WorkingModeView] })
  replace(@CurrentActor() actor: Actor, @Body() dto: ReplaceWorkingModesDto) {
    return this.modes.replace(actor, dto);
  }
}

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('bell-schedules')
export class BellSchedulesController {
  constructor(private readonly bells: BellSchedulesService) {}

  @Get()
  @ApiOperation({ summary: 'Bell schedules of a year with their lessons (R-CUR-07)' })
  @yearQuery()
  @ApiOkResponse({ type: [BellScheduleView] })
  list(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string) {
    return this.bells.list(actor, academicYearId);
  }

  @Post()
  @ApiOperation({ summary: 'Add a bell schedule for some weekdays (admin); 409 when another schedule covers one of them' })
  @ApiCreatedResponse({ type: BellScheduleView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateBellScheduleDto) {
    return this.bells.create(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: BellScheduleView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.bells.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the name, weekdays or lessons (slots replace the old ones)' })
  @ApiOkResponse({ type: BellScheduleView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateBellScheduleDto) {
    return this.bells.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @versionQuery()
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('version', requiredVersion()) version: number) {
    return this.bells.remove(actor, id, version);
  }
}

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('holidays')
export class HolidaysController {
  constructor(private readonly holidays: HolidaysService) {}

  @Get()
  @ApiOperation({ summary: 'Holidays and vacations of a year, by date (R-CUR-07)' })
  @yearQuery()
  @ApiOkResponse({ type: [HolidayView] })
  list(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string) {
    return this.holidays.list(actor, academicYearId);
  }

  @Post()
  @ApiOperation({ summary: 'Add a holiday or vacation inside the year, optionally for some grades (admin)' })
  @ApiCreatedResponse({ type: HolidayView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateHolidayDto) {
    return this.holidays.create(actor, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: HolidayView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateHolidayDto) {
    return this.holidays.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a holiday; 409 when study periods would then leave school days uncovered' })
  @versionQuery()
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('version', requiredVersion()) version: number) {
    return this.holidays.remove(actor, id, version);
  }
}

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('school-days')
  @ApiOperation({ summary: 'Each date of a range for a grade: school day or not, and the holiday or vacation covering it (R-CUR-07)' })
  @yearQuery()
  @ApiQuery({ name: 'grade', type: Number })
  @ApiQuery({ name: 'from', required: false, example: '2026-10-19', description: 'Defaults to the first day of the year' })
  @ApiQuery({ name: 'to', required: false, example: '2026-11-08', description: 'Defaults to the last day of the year; at most 400 days' })
  @ApiOkResponse({ type: [SchoolDayView] })
  schoolDays(@CurrentActor() actor: Actor, @Query('academicYearId', requiredUuid('academicYearId')) academicYearId: string,
    @Query('grade', requiredGrade()) grade: number, @Query('from', optionalDate('from')) from?: string, @Query('to', optionalDate('to')) to?: string) {
    return this.calendar.schoolDays(actor, academicYearId, grade, from, to);
  }
}
