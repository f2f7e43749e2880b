import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';

/** R-ARC-01 … R-ARC-04, R-ARC-07: year closing, archive packages, summary sheets, printouts, retention. */
@Module({
  imports: [AuditModule],
  controllers: [],
  providers: [],
})
export class ArchivePackagesModule {}
