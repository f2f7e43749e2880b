import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RosterModule } from '../roster/roster.module';
import { CurriculumModule } from '../curriculum/curriculum.module';

const SERVICES: never[] = [];

/** Journal: lessons, marks, attendance, homework, edit policy, change requests, period marks, control works, class page, reports. */
@Module({
  imports: [AuditModule, RosterModule, CurriculumModule],
  controllers: [],
  providers: SERVICES,
  exports: SERVICES,
})
export class JournalModule {}
