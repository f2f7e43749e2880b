import { addDays, mondayOf } from '../../curriculum/calendar/school-days';
import { localDate, zonedInstant } from '../edit-policy/zoned-time';

/**
 * R-JRN-04 (002 §3.2.8): the class teacher corrects the reasons of absences weekly — the absences of the current and of the previous
 * ISO week (Monday to Sunday, in the school's time zone) are open to correction; an older week is changed through a change request
 * (R-JRN-06). Pure: no Nest, no database.
 */

export type CorrectionState = 'open' | 'too_old' | 'not_yet';

export interface CorrectionWeek {
  /** Monday of the week. */
  weekStart: string;
  /** Sunday of the week. */
  weekEnd: string;
  state: CorrectionState;
  /** The instant the week's correction closes: the end of the Sunday after it. */
  correctableUntil: string;
}

/** The correction week of `date` at `now` for a school in `tz`. */
export function correctionWeek(date: string, now: Date, tz: string): CorrectionWeek {
  const weekStart = mondayOf(date);
  const thisWeek = mondayOf(localDate(now, tz));
  const state: CorrectionState = weekStart > thisWeek ? 'not_yet' : weekStart >= addDays(thisWeek, -7) ? 'open' : 'too_old';
  return { weekStart, weekEnd: addDays(weekStart, 6), state, correctableUntil: zonedInstant(addDays(weekStart, 14), '00:00', tz).toISOString() };
}
