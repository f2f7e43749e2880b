import { Module } from '@nestjs/common';
import { AuditModule } from '../audit.module';
import { ControlChecksController, HistoryController } from './control-checks.controller';
import { ControlChecksService } from './control-checks.service';
import { HistoryService } from './history.service';

/** R-AUD-05 control checks and R-AUD-03 change history views. */
@Module({
  imports: [AuditModule],
  controllers: [ControlChecksController, HistoryController],
  providers: [ControlChecksService, HistoryService],
})
export class ControlChecksModule {}
