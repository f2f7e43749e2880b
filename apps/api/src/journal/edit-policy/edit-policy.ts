import { addDays, zonedInstant } from './zoned-time';

/**
 * R-JRN-05 / R-JRN-07 / R-JRN-08: who may write what, and until when — in one place. Pure: no Nest, no database.
 * Controllers and SPAs do not re-implement these rules; the API returns `editableUntil` and `reason` from here.
 */

/** Per-school settings (journal_settings) with the seeds' defaults. */
export interface EditWindows {
  /** Lesson content, current marks and attendance stay editable this many days after the lesson day (003 §3.3). */
  contentEditDays: number;
  /** A first entry is still accepted this many days after the lesson day, flagged late (002 §3.3.2). */
  lateEntryDays: number;
  /** Homework is due within this many hours after the class's last lesson ends; later entry is flagged (002 §3.3.7). */
  homeworkHoursAfterClasses: number;
  /** Marks of control works stay editable this many days (003 §3.3). */
  controlMarkEditDays: number;
  /** Period marks stay editable this many days after the period ends (003 §3.3). */
  periodMarkEditDays: number;
}

export const DEFAULT_EDIT_WINDOWS: EditWindows = {
  contentEditDays: 2, lateEntryDays: 7, homeworkHoursAfterClasses: 2, controlMarkEditDays: 10, periodMarkEditDays: 7,
};

export type Denial = 'not_yet' | 'window_closed' | 'period_closed' | 'year_closed';

export type Decision =
  | { allowed: true; late: boolean; editableUntil: string; reason: 'on_time' | 'late_first_entry' | 'within_edit_window' }
  | { allowed: false; reason: Denial; editableUntil: string | null; needsChangeRequest: boolean };

/** What is being written on a lesson. */
export type LessonItem = 'content' | 'attendance' | 'mark' | 'control_mark' | 'homework';

export interface LessonTarget {
  /** Lesson date in the school's local calendar. */
  date: string;
  /** Whether anything was entered for this lesson before (first entry vs. edit). */
  alreadyEntered: boolean;
  /** When the first entry was made, if it was late: edits then stay open until the late-entry window closes. */
  enteredLate?: boolean;
  periodClosed: boolean;
  yearClosed: boolean;
  /** Local end time ('HH:MM') of the class's last lesson that day, for the homework deadline. */
  classesEndAt?: string;
}

const endOfDay = (date: string, days: number, tz: string): Date => zonedInstant(addDays(date, days + 1), '00:00', tz);

/** Decides a write to a lesson item at `now` for a school in time zone `tz`. */
export function decideLessonEdit(w: EditWindows, item: LessonItem, t: LessonTarget, now: Date, tz: string): Decision {
  if (t.yearClosed) return { allowed: false, reason: 'year_closed', editableUntil: null, needsChangeRequest: false };
  if (t.periodClosed) return { allowed: false, reason: 'period_closed', editableUntil: null, needsChangeRequest: true };
  const dayStart = zonedInstant(t.date, '00:00', tz);
  // R-JRN-07: no entries before the lesson day (marks and attendance); planning content and homework ahead is allowed.
  if (now < dayStart && (item === 'attendance' || item === 'mark' || item === 'control_mark')) {
    return { allowed: false, reason: 'not_yet', editableUntil: null, needsChangeRequest: false };
  }
  const editDays = item === 'control_mark' ? Math.max(w.controlMarkEditDays, w.contentEditDays) : w.contentEditDays;
  const editUntil = endOfDay(t.date, editDays, tz);
  const lateUntil = endOfDay(t.date, Math.max(w.lateEntryDays, editDays), tz);
  const lessonDayEnd = endOfDay(t.date, 0, tz);
  if (!t.alreadyEntered || t.enteredLate) {
    const until = t.alreadyEntered ? lateUntil : now < editUntil ? editUntil : lateUntil;
    if (now < until) {
      const late = isLate(w, item, t, now, tz, lessonDayEnd);
      return { allowed: true, late, editableUntil: until.toISOString(), reason: late ? 'late_first_entry' : 'on_time' };
    }
    return { allowed: false, reason: 'window_closed', editableUntil: until.toISOString(), needsChangeRequest: true };
  }
  if (now < editUntil) {
    return { allowed: true, late: isLate(w, item, t, now, tz, lessonDayEnd), editableUntil: editUntil.toISOString(), reason: 'within_edit_window' };
  }
  return { allowed: false, reason: 'window_closed', editableUntil: editUntil.toISOString(), needsChangeRequest: true };
}

/** R-JRN-05: an entry after the lesson day is late; homework is late after the deadline that follows the day's classes. */
function isLate(w: EditWindows, item: LessonItem, t: LessonTarget, now: Date, tz: string, lessonDayEnd: Date): boolean {
  if (item === 'homework') return now > homeworkDeadline(w, t, tz);
  return now >= lessonDayEnd;
}

/** Homework is due `homeworkHoursAfterClasses` after the class's last lesson of the day (default 15:00 when unknown). */
export function homeworkDeadline(w: EditWindows, t: Pick<LessonTarget, 'date' | 'classesEndAt'>, tz: string): Date {
  const end = zonedInstant(t.date, t.classesEndAt ?? '15:00', tz);
  return new Date(end.getTime() + w.homeworkHoursAfterClasses * 3_600_000);
}

/** R-JRN-08: a period mark is set by the teacher until the window after the period end; afterwards only the deputy, with a note. */
export function decidePeriodMarkEdit(w: EditWindows, p: { periodEndsOn: string; periodClosed: boolean; yearClosed: boolean },
  actorIsDeputy: boolean, now: Date, tz: string): Decision & { requiresNote?: boolean } {
  if (p.yearClosed) return { allowed: false, reason: 'year_closed', editableUntil: null, needsChangeRequest: false };
  const until = endOfDay(p.periodEndsOn, w.periodMarkEditDays, tz);
  if (!p.periodClosed && now < until) return { allowed: true, late: false, editableUntil: until.toISOString(), reason: 'within_edit_window' };
  if (actorIsDeputy) return { allowed: true, late: true, editableUntil: until.toISOString(), reason: 'late_first_entry', requiresNote: true };
  return { allowed: false, reason: p.periodClosed ? 'period_closed' : 'window_closed', editableUntil: until.toISOString(), needsChangeRequest: true };
}
