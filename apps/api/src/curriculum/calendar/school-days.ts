/** Pure date arithmetic of the school calendar (R-CUR-07); dates are ISO `YYYY-MM-DD` in the school's local calendar. */

export interface HolidaySpan {
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
  name: string;
  kind: 'holiday' | 'vacation';
}

const DAY_MS = 86_400_000;

export const addDays = (date: string, n: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** ISO weekday: Monday 1 … Sunday 7. */
export const weekdayOf = (date: string): number => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};

/** Monday of the ISO week containing `date`. */
export const mondayOf = (date: string): string => addDays(date, 1 - weekdayOf(date));

/** Parses `2026-W48` or any date into the Monday of that week; null when malformed. */
export function parseWeek(week: string): string | null {
  const iso = /^(\d{4})-W(\d{2})$/.exec(week);
  if (iso) {
    const year = Number(iso[1]);
    const w = Number(iso[2]);
    if (w < 1 || w > 53) return null;
    const jan4 = `${year}-01-04`;
    return addDays(mondayOf(jan4), (w - 1) * 7);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(week) && !Number.isNaN(Date.parse(`${week}T00:00:00Z`))) {
    return new Date(`${week}T00:00:00Z`).toISOString().slice(0, 10) === week ? mondayOf(week) : null;
  }
  return null;
}

/** The holiday or vacation covering `date` for `grade`, if any. */
export function holidayOn(date: string, grade: number, holidays: readonly HolidaySpan[]): HolidaySpan | undefined {
  return holidays.find((h) => h.startsOn <= date && date <= h.endsOn && h.gradeFrom <= grade && grade <= h.gradeTo);
}

/** Whether `date` is a school day for `grade`: inside the year, a working weekday of its mode, not a holiday. */
export function isSchoolDay(date: string, grade: number, cal: { yearStart: string; yearEnd: string; daysPerWeek: number; holidays: readonly HolidaySpan[] }): boolean {
  if (date < cal.yearStart || date > cal.yearEnd) return false;
  if (weekdayOf(date) > cal.daysPerWeek) return false;
  return !holidayOn(date, grade, cal.holidays);
}

/** Every date from `from` to `to` inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
