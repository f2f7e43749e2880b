import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { JournalModule } from '../../journal/journal.module';
import { RosterModule } from '../../roster/roster.module';
import { ArchiveController, YearClosingController } from './archive.controller';
import { ArchiveItemsService } from './archive-items.service';
import { DisposalService } from './disposal.service';
import { YearClosingService } from './year-closing.service';

/** R-ARC-01 … R-ARC-04, R-ARC-07: year closing, archive packages, summary sheets, printouts, retention. */
@Module({
  imports: [AuditModule, RosterModule, JournalModule],
  controllers: [YearClosingController, ArchiveController],
  providers: [ArchiveItemsService, YearClosingService, DisposalService],
  exports: [ArchiveItemsService, YearClosingService],
})
export class ArchivePackagesModule {}
