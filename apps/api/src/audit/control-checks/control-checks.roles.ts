import type { Role } from '@otmetka/contracts';

// R-SEC-02 for control checks (R-AUD-05) and change history (R-AUD-03) in one place.
/** Record checks and remarks, accept or reopen remarks (002 §3.4.7: the deputy director). */
export const CONTROL_WRITERS: readonly Role[] = ['deputy'];
/** Read every check of the school; the director reads and writes nothing. */
export const CONTROL_READERS: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];
/** Teachers see and fix the remarks addressed to them (002 §3.3.15). */
export const CONTROL_TEACHERS: readonly Role[] = ['teacher', 'class_teacher'];
/** The history of marks, lessons, attendance and period marks (R-AUD-03): the deputy and the director (and admin/operator). */
export const HISTORY_READERS: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];

export const CHECK_KINDS = ['planned', 'unplanned', 'thematic', 'period_end', 'exam_preparation'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const REMARK_STATUSES = ['open', 'fixed', 'accepted'] as const;
export type RemarkStatus = (typeof REMARK_STATUSES)[number];
export const HISTORY_ENTITIES = ['mark', 'lesson', 'attendance', 'period_mark'] as const;
export type HistoryEntity = (typeof HISTORY_ENTITIES)[number];
