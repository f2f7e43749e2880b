import type { HolidaySpan } from '../../curriculum/calendar/school-days';
import { addDays, weekdayOf } from '../../curriculum/calendar/school-days';

/** R-DIA-11: a family's message is answered within 2 working days of the school's calendar. Pure: no Nest, no DB. */
export const REPLY_WORKING_DAYS = 2;

/** One academic year of a school, as far as teachers' working days go. */
export interface WorkingYear {
  yearStart: string;
  yearEnd: string;
  /** 6 when any grade studies six days a week (teachers work on Saturday then), else 5. */
  daysPerWeek: number;
  holidays: readonly HolidaySpan[];
}

/**
 * A working day of the school's staff: a day of its working week that no holiday or vacation of the whole school covers.
 * A vacation of some grades only (the extra February week of grade 1) is a working day. Outside every academic year
 * (summer) Monday to Friday are working days.
 */
export function isWorkingDay(date: string, years: readonly WorkingYear[]): boolean {
  const year = years.find((y) => y.yearStart <= date && date <= y.yearEnd);
  if (!year) return weekdayOf(date) <= 5;
  if (weekdayOf(date) > year.daysPerWeek) return false;
  return !year.holidays.some((h) => h.startsOn <= date && date <= h.endsOn && h.gradeFrom <= 1 && h.gradeTo >= 11);
}

/** The last day to answer a message sent on `sentOn` (school-local): the `days`-th working day after it. */
export function replyDueOn(sentOn: string, years: readonly WorkingYear[], days = REPLY_WORKING_DAYS): string {
  let date = sentOn;
  // A year has far fewer than 400 days off in a row; the bound only guards against a calendar without working days.
  for (let counted = 0, guard = 0; counted < days && guard < 400; guard++) {
    date = addDays(date, 1);
    if (isWorkingDay(date, years)) counted++;
  }
  return date;
}

/** Unanswered for longer than the deadline: the deadline day has passed in the school's calendar. */
export const isOverdue = (sentOn: string, today: string, years: readonly WorkingYear[]): boolean => today > replyDueOn(sentOn, years);
