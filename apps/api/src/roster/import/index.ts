import { ExportsController, ImportBodyParser, ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { ClassesImport } from './kinds/classes.import';
import { ParentsImport } from './kinds/parents.import';
import { StaffImport } from './kinds/staff.import';
import { StudentsImport } from './kinds/students.import';

/** R-ROS-11 pieces for RosterModule. */
export const IMPORT_CONTROLLERS = [ImportsController, ExportsController];
export const IMPORT_PROVIDERS = [ImportsService, StaffImport, StudentsImport, ParentsImport, ClassesImport, ImportBodyParser];
