import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { JournalModule } from '../../journal/journal.module';
import { BackupsController } from './backups.controller';
import { BackupJobs } from './backups.jobs';
import { BackupsService } from './backups.service';
import { IntegrityService } from './integrity.service';

/** R-ARC-05, R-ARC-06: backups (pg-boss), restore, integrity control. */
@Module({
  imports: [AuditModule, JournalModule],
  controllers: [BackupsController],
  providers: [BackupsService, IntegrityService, BackupJobs],
  exports: [BackupsService, IntegrityService],
})
export class BackupsModule {}
