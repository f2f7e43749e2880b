import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SchoolsController } from './schools/schools.controller';
import { SchoolsService } from './schools/schools.service';
import { YearsController } from './years/years.controller';
import { YearsService } from './years/years.service';
import { StaffController } from './staff/staff.controller';
import { StaffService } from './staff/staff.service';

/** Roster: schools, academic years, staff, students, parents, classes, subgroups, movements (R-ROS-*). */
@Module({
  imports: [AuditModule],
  controllers: [SchoolsController, YearsController, StaffController],
  providers: [SchoolsService, YearsService, StaffService],
  exports: [SchoolsService, YearsService, StaffService],
})
export class RosterModule {}
