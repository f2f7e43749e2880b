import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SchoolsController } from './schools/schools.controller';
import { SchoolsService } from './schools/schools.service';
import { YearsController } from './years/years.controller';
import { YearsService } from './years/years.service';
import { StaffController } from './staff/staff.controller';
import { StaffService } from './staff/staff.service';
import { ClassesController } from './classes/classes.controller';
import { ClassesService } from './classes/classes.service';
import { StudentsController } from './students/students.controller';
import { StudentsService } from './students/students.service';
import { MovementsController } from './movements/movements.controller';
import { MovementsService } from './movements/movements.service';
import { GuardiansController, InterestedPersonsController } from './guardians/guardians.controller';
import { GuardiansService } from './guardians/guardians.service';
import { InterestedPersonsService } from './guardians/interested-persons.service';
import { SubgroupsController } from './subgroups/subgroups.controller';
import { SubgroupsService } from './subgroups/subgroups.service';
import { YearTransitionsController } from './transition/year-transitions.controller';
import { YearTransitionsService } from './transition/year-transitions.service';
import { CredentialSlipsController } from './credentials/credential-slips.controller';
import { CredentialSlipsService } from './credentials/credential-slips.service';
import { IMPORT_CONTROLLERS, IMPORT_PROVIDERS } from './import';

const SERVICES = [SchoolsService, YearsService, StaffService, ClassesService, StudentsService, MovementsService, GuardiansService,
  InterestedPersonsService, SubgroupsService, YearTransitionsService, CredentialSlipsService];

/** Roster: schools, academic years, staff, students, parents, classes, subgroups, movements (R-ROS-*). */
@Module({
  imports: [AuditModule],
  controllers: [SchoolsController, YearsController, StaffController, ClassesController, StudentsController, MovementsController,
    GuardiansController, InterestedPersonsController, SubgroupsController, YearTransitionsController,
    CredentialSlipsController, ...IMPORT_CONTROLLERS],
  providers: [...SERVICES, ...IMPORT_PROVIDERS],
  exports: SERVICES,
})
export class RosterModule {}
