import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RosterModule } from '../roster/roster.module';
import { CalendarService } from './calendar/calendar.service';
import { BellSchedulesController, CalendarController, HolidaysController, WorkingModesController } from './calendar/calendar.controller';
import { BellSchedulesService } from './calendar/bell-schedules.service';
import { HolidaysService } from './calendar/holidays.service';
import { WorkingModesService } from './calendar/working-modes.service';
import { PeriodsController } from './periods/periods.controller';
import { PeriodsService } from './periods/periods.service';
import { SubjectsController } from './subjects/subjects.controller';
import { SubjectsService } from './subjects/subjects.service';
import { RoomsController } from './reference/rooms.controller';
import { RoomsService } from './reference/rooms.service';
import { TextbooksController } from './reference/textbooks.controller';
import { TextbooksService } from './reference/textbooks.service';
import { CurriculumPlansController } from './plans/curriculum-plans.controller';
import { CurriculumPlansService } from './plans/curriculum-plans.service';
import { InspectorService } from './inspector/inspector.service';
import { TeacherLoadsController } from './loads/teacher-loads.controller';
import { TeacherLoadsService } from './loads/teacher-loads.service';
import { TimetableController } from './timetable/timetable.controller';
import { TimetableEntriesService } from './timetable/timetable-entries.service';
import { TimetableChangesService } from './timetable/timetable-changes.service';
import { TimetableWeekService } from './timetable/timetable-week.service';
import { KtpController } from './ktp/ktp.controller';
import { KtpService } from './ktp/ktp.service';

const SERVICES = [CalendarService];
// Periods, subjects, rooms, textbooks, working mode, bells, holidays (R-CUR-02, 03, 07, 10).
const SETUP_SERVICES = [PeriodsService, SubjectsService, RoomsService, TextbooksService, WorkingModesService, BellSchedulesService, HolidaysService];
const SETUP_CONTROLLERS = [PeriodsController, SubjectsController, RoomsController, TextbooksController, WorkingModesController,
  BellSchedulesController, HolidaysController, CalendarController];

// Plans + inspector, teacher load, timetable, КТП (R-CUR-04, 05, 06, 08, 09).
const PLANNING_SERVICES = [InspectorService, CurriculumPlansService, TeacherLoadsService, TimetableEntriesService, TimetableWeekService,
  TimetableChangesService, KtpService];
const PLANNING_CONTROLLERS = [CurriculumPlansController, TeacherLoadsController, TimetableController, KtpController];
// For the journal: who teaches what (teaches), the next КТП topic (nextTopic), the effective timetable of a date (lessonsOn).
const PLANNING_EXPORTS = [TeacherLoadsService, KtpService, TimetableWeekService];

/** Curriculum: study periods, subjects, plans + inspector, teacher load, working mode, holidays, timetable, КТП, rooms, textbooks. */
@Module({
  imports: [AuditModule, RosterModule],
  controllers: [...SETUP_CONTROLLERS, ...PLANNING_CONTROLLERS],
  providers: [...SERVICES, ...SETUP_SERVICES, ...PLANNING_SERVICES],
  exports: [...SERVICES, ...SETUP_SERVICES, ...PLANNING_EXPORTS],
})
export class CurriculumModule {}
