import { Module } from '@nestjs/common';
import { AuditModule } from '../audit.module';

/** R-AUD-05 control checks and R-AUD-03 change history views. */
@Module({
  imports: [AuditModule],
  controllers: [],
  providers: [],
})
export class ControlChecksModule {}
