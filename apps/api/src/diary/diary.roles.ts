import type { Role } from '@otmetka/contracts';

// R-SEC-02 for the diary in one place. Who sees which student is decided by the scope policy (scope/diary-scope.ts).
/** Staff who preview the diary of any student of their school. */
export const DIARY_SCHOOL_READERS: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];
/** Staff roles that preview their own class (class teacher) or the classes they teach (teacher). */
export const DIARY_TEACHING_ROLES: readonly Role[] = ['class_teacher', 'teacher'];
/** R-DIA-10 visit statistics and R-DIA-09 class reports: the school's readers, and the class teacher for their own class. */
export const CLASS_OVERSIGHT: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];
/** R-DIA-11: who sees overdue (unanswered) threads of the school. */
export const OVERDUE_READERS: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];
/** The integration scope that reads diaries (R-API-02). */
export const DIARY_SCOPE = 'diary:read';
