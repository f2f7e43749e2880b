import type { Role } from '@otmetka/contracts';

// R-SEC-02 in one place for the roster: who reads and who writes which roster facts.
/** Change roster facts of a school (schools, years, staff, classes, students, parents, movements). */
export const ROSTER_WRITE: readonly Role[] = ['operator', 'admin'];
/** Read the whole school's roster. The director reads everything and edits nothing. */
export const ROSTER_READ_ALL: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];
/** Staff who read class lists (names) of their school. */
export const CLASS_LIST_READ: readonly Role[] = [...ROSTER_READ_ALL, 'class_teacher', 'teacher', 'integration'];
/** Subgroups are set by the deputy with the teachers (R-ROS-07). */
export const SUBGROUP_WRITE: readonly Role[] = ['operator', 'admin', 'deputy'];
/** Parent and student credentials are issued by the class teacher (or the admin) (R-ROS-10). */
export const CREDENTIALS_ISSUE: readonly Role[] = ['operator', 'admin', 'class_teacher'];
