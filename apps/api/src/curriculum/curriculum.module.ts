import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RosterModule } from '../roster/roster.module';
import { CalendarService } from './calendar/calendar.service';

const SERVICES = [CalendarService];

/** Curriculum: study periods, subjects, plans + inspector, teacher load, working mode, holidays, timetable, КТП, rooms, textbooks. */
@Module({
  imports: [AuditModule, RosterModule],
  controllers: [],
  providers: SERVICES,
  exports: SERVICES,
})
export class CurriculumModule {}
