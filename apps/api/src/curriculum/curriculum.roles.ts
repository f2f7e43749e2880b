import type { Role } from '@otmetka/contracts';

// R-SEC-02 for the curriculum in one place.
/** Read the curriculum, timetable and reference data: every staff role of the school. */
export const CURRICULUM_READ: readonly Role[] = ['operator', 'admin', 'director', 'deputy', 'class_teacher', 'teacher', 'integration'];
/** Study periods, subjects, rooms, textbooks, working mode, bells, holidays: the journal administrator. */
export const CALENDAR_WRITE: readonly Role[] = ['operator', 'admin'];
/** Curriculum plan drafts, teacher load and timetable: the academic deputy (and the admin). */
export const PLANNING_WRITE: readonly Role[] = ['operator', 'admin', 'deputy'];
/** Approves the plan and the teacher load. */
export const APPROVERS: readonly Role[] = ['director'];
