import { Module } from '@nestjs/common';
import { AuditModule } from '../audit.module';
import { MonitoringController } from './monitoring.controller';
import { MonitoringService } from './monitoring.service';

/** R-AUD-04 monitoring of journal keeping: SQL reports, drill-down, XLSX, monthly activity. */
@Module({
  imports: [AuditModule],
  controllers: [MonitoringController],
  providers: [MonitoringService],
})
export class MonitoringModule {}
