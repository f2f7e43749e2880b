import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { RosterModule } from '../roster/roster.module';
import { CurriculumModule } from '../curriculum/curriculum.module';
import { JournalSettingsController, WorkTypesController } from './settings/journal-settings.controller';
import { JournalSettingsService } from './settings/journal-settings.service';
import { WorkTypesService } from './settings/work-types.service';
import { LessonsController } from './lessons/lessons.controller';
import { LessonsService } from './lessons/lessons.service';
import { LessonPageService } from './lessons/lesson-page.service';
import { LessonGeneratorService } from './lessons/lesson-generator.service';
import { LessonSaveService } from './lessons/lesson-save.service';
import { HomeworkFilesController } from './files/homework-files.controller';
import { HomeworkFilesService } from './files/homework-files.service';
import { FILE_STORAGE, LocalDiskStorage } from './files/file-storage';
import { ExternalMarksController } from './marks/external-marks.controller';
import { ExternalMarksService } from './marks/external-marks.service';
import { APP_CONFIG, type AppConfig } from '../platform/config/config';
import { join } from 'node:path';
import { ClassPageController } from './class-page/class-page.controller';
import { ClassPageService } from './class-page/class-page.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { ChangeRequestsController } from './change-requests/change-requests.controller';
import { ChangeRequestsService } from './change-requests/change-requests.service';
import { ControlWorksController } from './control-works/control-works.controller';
import { ControlWorksService } from './control-works/control-works.service';
import { PeriodMarksController } from './period-marks/period-marks.controller';
import { PeriodMarksService } from './period-marks/period-marks.service';
import { AttendanceCorrectionsController } from './attendance-reasons/attendance-corrections.controller';
import { AttendanceCorrectionsService } from './attendance-reasons/attendance-corrections.service';

const SERVICES: never[] = [];
// R-JRN-04: the class teacher's weekly correction of absence reasons.
const ATTENDANCE_SERVICES = [AttendanceCorrectionsService];
const ATTENDANCE_CONTROLLERS = [AttendanceCorrectionsController];
// Read views (R-JRN-12, R-JRN-13): raw SQL in *.query.ts, no entities of their own.
const READ_VIEWS = [ClassPageService, ReportsService];
const READ_VIEW_CONTROLLERS = [ClassPageController, ReportsController];

// Period marks, change requests, control works (R-JRN-06, R-JRN-08, R-JRN-11).
const CONTROL_SERVICES = [PeriodMarksService, ChangeRequestsService, ControlWorksService];
const CONTROL_CONTROLLERS = [PeriodMarksController, ChangeRequestsController, ControlWorksController];

// Settings, work types, lessons, the bulk save, homework files, external marks (R-JRN-01..05, 07, 09, 10).
// Exported for the other journal parts and the diary: settings (windows), work types, lessons (find/page), homework files (open).
const RECORDING_SERVICES = [JournalSettingsService, WorkTypesService, LessonPageService, LessonsService, LessonGeneratorService, LessonSaveService,
  HomeworkFilesService, ExternalMarksService];
const RECORDING_CONTROLLERS = [JournalSettingsController, WorkTypesController, LessonsController, HomeworkFilesController, ExternalMarksController];
const RECORDING_EXPORTS = [JournalSettingsService, WorkTypesService, LessonPageService, LessonsService, HomeworkFilesService];
// DESIGN Files: attachments on the local disk under <DATA_DIR>/files (an S3-compatible FileStorage can replace it).
const FILE_STORAGE_PROVIDER = { provide: FILE_STORAGE, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new LocalDiskStorage(join(c.dataDir, 'files')) };

/** Journal: lessons, marks, attendance, homework, edit policy, change requests, period marks, control works, class page, reports. */
@Module({
  imports: [AuditModule, RosterModule, CurriculumModule],
  controllers: [...READ_VIEW_CONTROLLERS, ...CONTROL_CONTROLLERS, ...RECORDING_CONTROLLERS, ...ATTENDANCE_CONTROLLERS],
  providers: [...SERVICES, ...READ_VIEWS, ...CONTROL_SERVICES, ...RECORDING_SERVICES, ...ATTENDANCE_SERVICES, FILE_STORAGE_PROVIDER],
  exports: [...SERVICES, ...RECORDING_EXPORTS, FILE_STORAGE],
})
export class JournalModule {}
