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
/** Every staff role of the school: reads lesson lists, work types and settings. */
export const JOURNAL_STAFF: readonly Role[] = ['operator', 'admin', 'director', 'deputy', 'class_teacher', 'teacher'];
/** Generate dated lessons from the timetable (R-JRN-01). */
export const LESSON_GENERATORS: readonly Role[] = ['operator', 'admin', 'deputy'];
/** Record marks transferred from another institution (R-JRN-09). */
export const EXTERNAL_MARK_WRITERS: readonly Role[] = ['operator', 'admin', 'deputy', 'class_teacher'];
/** The class journal page (R-JRN-12): the administration reads every class; a teacher the classes and subjects they teach; the class teacher their class. */
export const CLASS_PAGE_READERS: readonly Role[] = [...JOURNAL_READ_ALL, 'integration', 'class_teacher', 'teacher'];
/** Progress and attendance reports (R-JRN-13): the administration, and the class teacher for their class (004 App.4 §4.5). */
export const CLASS_REPORT_READERS: readonly Role[] = [...JOURNAL_READ_ALL, 'integration', 'class_teacher'];
