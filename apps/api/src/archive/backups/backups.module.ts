import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';

/** R-ARC-05, R-ARC-06: backups (pg-boss), restore, integrity control. */
@Module({
  imports: [AuditModule],
  controllers: [],
  providers: [],
})
export class BackupsModule {}
