import type { Role } from '@otmetka/contracts';

// R-SEC-02 for the journal in one place. Which lessons a teacher may write is decided per lesson (teacher of record
// or substitute), not by role alone.
/** Write lessons they teach or substitute. */
export const LESSON_WRITERS: readonly Role[] = ['teacher', 'class_teacher'];
/** Read every journal of the school. The director reads all and edits nothing. */
export const JOURNAL_READ_ALL: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];
/** Add extra lessons, change period marks after the window (with a note), file change requests for others. */
export const JOURNAL_CONTROL: readonly Role[] = ['deputy'];
/** Decides change requests. */
export const CHANGE_DECIDERS: readonly Role[] = ['director'];
/** Applies approved change requests (the class teacher too when the school configures it). */
export const CHANGE_APPLIERS: readonly Role[] = ['admin', 'operator'];
/** Journal settings and work types. */
export const JOURNAL_SETTINGS_WRITE: readonly Role[] = ['admin', 'operator'];
