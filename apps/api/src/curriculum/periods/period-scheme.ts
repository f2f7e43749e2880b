/** R-CUR-02: the rules of a study-period scheme (quarters, trimesters, half-years) as pure functions; no Nest, no DB. */
import { addDays } from '../calendar/school-days';
import type { PeriodKind } from './study-period.entity';

export const PERIOD_KINDS = ['quarter', 'trimester', 'half_year'] as const satisfies readonly PeriodKind[];

/** How many periods a scheme of each kind has. */
export const PERIOD_COUNT: Record<PeriodKind, number> = { quarter: 4, trimester: 3, half_year: 2 };

const KIND_NAME_RU: Record<PeriodKind, string> = { quarter: 'четверть', trimester: 'триместр', half_year: 'полугодие' };

/** "1 четверть", "2 триместр", "1 полугодие". */
export const periodName = (kind: PeriodKind, number: number): string => `${number} ${KIND_NAME_RU[kind]}`;

export interface PeriodDates {
  startsOn: string;
  endsOn: string;
}

export interface SchemeCalendar {
  yearStart: string;
  yearEnd: string;
  /** Whether a date is a school day for any grade of the scheme's range (weekends, holidays and vacations are not). */
  isSchoolDay: (date: string) => boolean;
}

export interface SchemeProblem {
  field: string;
  message: string;
}

/**
 * Checks a scheme against the academic year: the count matches the kind, each period lies inside the year, the first starts on
 * the year's first day and the last ends on its last day, periods follow each other without overlap, and every day between two
 * periods is a non-school day (so vacations between quarters are fine, but a school day belonging to no period is not).
 * Returns the problems found, at most one per field.
 */
export function checkPeriodScheme(kind: PeriodKind, periods: readonly PeriodDates[], cal: SchemeCalendar): SchemeProblem[] {
  const expected = PERIOD_COUNT[kind];
  if (periods.length !== expected) {
    return [{ field: 'periods', message: `a scheme of ${kind} has ${expected} periods, not ${periods.length}` }];
  }
  const problems: SchemeProblem[] = [];
  const at = (i: number, key: keyof PeriodDates) => `periods[${i}].${key}`;
  periods.forEach((p, i) => {
    if (p.endsOn < p.startsOn) problems.push({ field: at(i, 'endsOn'), message: `ends (${p.endsOn}) before it starts (${p.startsOn})` });
    if (p.startsOn < cal.yearStart || p.startsOn > cal.yearEnd) {
      problems.push({ field: at(i, 'startsOn'), message: `${p.startsOn} is outside the academic year ${cal.yearStart}..${cal.yearEnd}` });
    }
    if (p.endsOn < cal.yearStart || p.endsOn > cal.yearEnd) {
      problems.push({ field: at(i, 'endsOn'), message: `${p.endsOn} is outside the academic year ${cal.yearStart}..${cal.yearEnd}` });
    }
  });
  if (periods[0].startsOn !== cal.yearStart && periods[0].startsOn >= cal.yearStart) {
    problems.push({ field: at(0, 'startsOn'), message: `the first period must start on the year's first day ${cal.yearStart}` });
  }
  const last = periods.length - 1;
  if (periods[last].endsOn !== cal.yearEnd && periods[last].endsOn <= cal.yearEnd) {
    problems.push({ field: at(last, 'endsOn'), message: `the last period must end on the year's last day ${cal.yearEnd}` });
  }
  for (let i = 1; i < periods.length; i++) {
    const prev = periods[i - 1];
    const cur = periods[i];
    if (cur.startsOn <= prev.endsOn) {
      problems.push({ field: at(i, 'startsOn'), message: `overlaps period ${i} (which ends ${prev.endsOn}); periods must follow in order` });
      continue;
    }
    const gapDay = firstSchoolDayBetween(prev.endsOn, cur.startsOn, cal);
    if (gapDay) {
      problems.push({ field: at(i, 'startsOn'), message: `the school day ${gapDay} between periods ${i} and ${i + 1} belongs to no period` });
    }
  }
  // One message per field: the first found is the one to fix first.
  return problems.filter((x, i) => problems.findIndex((y) => y.field === x.field) === i);
}

/** The first school day strictly between two dates (within the year), if any. */
function firstSchoolDayBetween(after: string, before: string, cal: SchemeCalendar): string | undefined {
  const from = addDays(after, 1) > cal.yearStart ? addDays(after, 1) : cal.yearStart;
  for (let d = from; d < before && d <= cal.yearEnd; d = addDays(d, 1)) {
    if (cal.isSchoolDay(d)) return d;
  }
  return undefined;
}
