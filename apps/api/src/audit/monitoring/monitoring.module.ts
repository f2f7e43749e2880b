import { Module } from '@nestjs/common';
import { AuditModule } from '../audit.module';

/** R-AUD-04 monitoring of journal keeping: SQL reports, drill-down, XLSX, monthly activity. */
@Module({
  imports: [AuditModule],
  controllers: [],
  providers: [],
})
export class MonitoringModule {}
