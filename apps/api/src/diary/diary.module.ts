import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RosterModule } from '../roster/roster.module';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { JournalModule } from '../journal/journal.module';
import { DiaryScopeService } from './scope/diary-scope.service';
import { VisitRecorder } from './visits/visit-recorder';
import { VisitsService } from './visits/visits.service';
import { VisitsController } from './visits/visits.controller';
import { DiaryWeekService } from './week/week.service';
import { DiaryWeekController } from './week/week.controller';
import { DiaryRecordsService } from './records/records.service';
import { DiaryRecordsController } from './records/records.controller';
import { SchoolCardService } from './school/school-card.service';
import { SchoolCardController } from './school/school-card.controller';
import { DiaryHomeworkFileService } from './files/homework-file.service';
import { DiaryHomeworkFileController } from './files/homework-file.controller';
import { DiaryInterestedPersonsService } from './interested/interested-persons.service';
import { DiaryInterestedPersonsController } from './interested/interested-persons.controller';
import { MessagesService } from './messages/messages.service';
import { MessagesController } from './messages/messages.controller';
import { WeekReportService } from './report/week-report.service';
import { WeekReportController } from './report/week-report.controller';
import { NewsService } from './news/news.service';
import { DiaryNewsController, NewsController } from './news/news.controller';
import { JournalFreshnessService } from './freshness/freshness.service';
import { JournalFreshnessController } from './freshness/freshness.controller';

// The scope policy (R-DIA-07) that every diary read goes through, and the visit counter it feeds (R-DIA-10).
const SCOPE = [DiaryScopeService, VisitRecorder];
// Read-only family views (R-DIA-01..06, 13) and the printable week (R-DIA-09): hand-written SQL in *.query.ts.
const READ_SERVICES = [DiaryWeekService, DiaryRecordsService, SchoolCardService, DiaryHomeworkFileService, WeekReportService];
const READ_CONTROLLERS = [DiaryWeekController, DiaryRecordsController, SchoolCardController, DiaryHomeworkFileController, WeekReportController];
// What families write: interested persons (R-DIA-12, through the roster) and messages (R-DIA-11); visit statistics for staff (R-DIA-10).
const FAMILY_SERVICES = [DiaryInterestedPersonsService, MessagesService, VisitsService];
const FAMILY_CONTROLLERS = [DiaryInterestedPersonsController, MessagesController, VisitsController];
// School news (R-DIA-13, published by the admin) and journal freshness for the administration (R-DIA-08).
const NEWS_SERVICES = [NewsService, JournalFreshnessService];
const NEWS_CONTROLLERS = [DiaryNewsController, NewsController, JournalFreshnessController];

/** Family diary: read-only views of the journal for students, parents and interested persons; messages; visits; weekly PDF. */
@Module({
  imports: [AuditModule, RosterModule, CurriculumModule, JournalModule],
  controllers: [...READ_CONTROLLERS, ...FAMILY_CONTROLLERS, ...NEWS_CONTROLLERS],
  providers: [...SCOPE, ...READ_SERVICES, ...FAMILY_SERVICES, ...NEWS_SERVICES],
  exports: [DiaryScopeService],
})
export class DiaryModule {}
