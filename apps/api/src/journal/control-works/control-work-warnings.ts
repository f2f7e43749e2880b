import { addDays } from '../edit-policy/zoned-time';

/** R-JRN-11: warnings when control works of a class pile up. Pure: no Nest, no database. */

/** More control works than this in one week (Monday–Sunday) of a class draws a warning (sanitary rules ask for an even load). */
export const MAX_CONTROL_WORKS_PER_WEEK = 3;

export interface PlannedWork {
  id: string;
  date: string;
  subjectName: string;
  title: string;
}

export interface ControlWorkWarning {
  code: 'same_day' | 'busy_week';
  message: string;
  others: PlannedWork[];
}

/** Monday of the ISO week of a date. */
export function weekStart(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/**
 * Warnings for a control work of `className` on `date`, given the class's other control works (the work itself excluded): another one
 * the same day (R-JRN-11: more than one a day), and more than MAX_CONTROL_WORKS_PER_WEEK in its week counting this one.
 */
export function controlWorkWarnings(className: string, date: string, others: readonly PlannedWork[]): ControlWorkWarning[] {
  const out: ControlWorkWarning[] = [];
  const sameDay = others.filter((o) => o.date === date);
  if (sameDay.length > 0) {
    out.push({ code: 'same_day', others: sameDay,
      message: `${className} already has ${sameDay.length} control work(s) on ${date}: ${sameDay.map((o) => `${o.subjectName} — ${o.title}`).join('; ')}` });
  }
  const monday = weekStart(date);
  const sunday = addDays(monday, 6);
  const week = others.filter((o) => o.date >= monday && o.date <= sunday);
  if (week.length + 1 > MAX_CONTROL_WORKS_PER_WEEK) {
    out.push({ code: 'busy_week', others: week,
      message: `${className} would have ${week.length + 1} control works in the week of ${monday} (more than ${MAX_CONTROL_WORKS_PER_WEEK})` });
  }
  return out;
}
