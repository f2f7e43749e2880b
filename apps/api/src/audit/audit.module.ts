import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditService } from './log/audit.service';

/** Audit log (R-AUD-01..03, R-AUD-06); other modules record through AuditService inside their transactions. */
@Module({
  controllers: [AuditController],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
