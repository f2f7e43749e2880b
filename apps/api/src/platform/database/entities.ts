import { School } from '../../roster/schools/school.entity';
import { Person } from '../../roster/people/person.entity';
import { User } from '../../roster/people/user.entity';
import { Employment } from '../../roster/staff/employment.entity';
import { AcademicYear } from '../../roster/years/academic-year.entity';
import { SchoolClass } from '../../roster/classes/school-class.entity';
import { Student } from '../../roster/students/student.entity';
import { Enrolment } from '../../roster/movements/enrolment.entity';
import { Movement } from '../../roster/movements/movement.entity';
import { Guardian, Guardianship } from '../../roster/guardians/guardian.entity';
import { InterestedPerson } from '../../roster/guardians/interested-person.entity';
import { Subgroup, SubgroupMember } from '../../roster/subgroups/subgroup.entity';
import { IntegrationToken, RefreshToken } from '../auth/auth-tokens.entity';
import { CURRICULUM_ENTITIES } from '../../curriculum/curriculum.entities';
import { JOURNAL_ENTITIES } from '../../journal/journal.entities';
import { DIARY_ENTITIES } from '../../diary/diary.entities';
import { CONTROL_CHECK_ENTITIES } from '../../audit/control-checks/control-checks.entities';
import { PACKAGE_ENTITIES } from '../../archive/packages/packages.entities';
import { BACKUP_ENTITIES } from '../../archive/backups/backups.entities';

/** Every TypeORM entity; modules add theirs here. */
export const ENTITIES = [
  School, Person, User, Employment, AcademicYear, SchoolClass, Student, Enrolment, Movement,
  Guardian, Guardianship, InterestedPerson, Subgroup, SubgroupMember, RefreshToken, IntegrationToken,
  ...CURRICULUM_ENTITIES, ...JOURNAL_ENTITIES, ...DIARY_ENTITIES,
  ...CONTROL_CHECK_ENTITIES, ...PACKAGE_ENTITIES, ...BACKUP_ENTITIES,
];
