import { type HolidaySpan, isSchoolDay } from '../calendar/school-days';
import { checkPeriodScheme, type PeriodDates, periodName, type SchemeCalendar } from './period-scheme';
import type { PeriodKind } from './study-period.entity';

const YEAR = { yearStart: '2026-09-01', yearEnd: '2027-05-31' };
const all = (startsOn: string, endsOn: string, name: string, kind: HolidaySpan['kind'] = 'vacation'): HolidaySpan =>
  ({ startsOn, endsOn, name, kind, gradeFrom: 1, gradeTo: 11 });
const HOLIDAYS: HolidaySpan[] = [
  all('2026-10-26', '2026-11-03', 'Осенние каникулы'),
  all('2026-11-04', '2026-11-04', 'День народного единства', 'holiday'),
  all('2026-12-31', '2027-01-11', 'Зимние каникулы'),
  { ...all('2027-02-15', '2027-02-21', 'Дополнительные каникулы'), gradeFrom: 1, gradeTo: 1 },
  all('2027-03-21', '2027-03-29', 'Весенние каникулы'),
];

/** A scheme calendar for a grade range: a day is a school day when it is one for any grade of the range. */
function calendar(grades: [number, number], daysPerWeek = 5, holidays = HOLIDAYS): SchemeCalendar {
  return {
    ...YEAR,
    isSchoolDay: (date) => {
      for (let g = grades[0]; g <= grades[1]; g++) if (isSchoolDay(date, g, { ...YEAR, daysPerWeek, holidays })) return true;
      return false;
    },
  };
}

const p = (startsOn: string, endsOn: string): PeriodDates => ({ startsOn, endsOn });
const QUARTERS = [p('2026-09-01', '2026-10-24'), p('2026-11-05', '2026-12-30'), p('2027-01-12', '2027-03-20'), p('2027-03-30', '2027-05-31')];
const with_ = (i: number, over: Partial<PeriodDates>) => QUARTERS.map((q, j) => (j === i ? { ...q, ...over } : q));

describe('study period scheme (R-CUR-02)', () => {
  it.each<[string, PeriodKind, PeriodDates[], SchemeCalendar, { field: string; message: RegExp }[]]>([
    ['quarters with vacations and a holiday between them', 'quarter', QUARTERS, calendar([1, 9]), []],
    ['quarters back to back with no vacation', 'quarter',
      [p('2026-09-01', '2026-10-31'), p('2026-11-01', '2026-12-31'), p('2027-01-01', '2027-03-15'), p('2027-03-16', '2027-05-31')], calendar([1, 9]), []],
    ['a gap of a weekend and a vacation before a period', 'quarter', with_(0, { endsOn: '2026-10-23' }), calendar([5, 9]), []],
    ['trimesters', 'trimester', [p('2026-09-01', '2026-11-29'), p('2026-11-30', '2027-02-28'), p('2027-03-01', '2027-05-31')], calendar([1, 11]), []],
    ['half-years split by the winter vacation', 'half_year', [p('2026-09-01', '2026-12-30'), p('2027-01-12', '2027-05-31')], calendar([10, 11]), []],
    ['a gap on a school day', 'quarter', with_(1, { startsOn: '2026-11-06' }), calendar([1, 9]),
      [{ field: 'periods[1].startsOn', message: /2026-11-05 .*belongs to no period/ }]],
    ['a gap on a Saturday of a 6-day week', 'quarter', with_(0, { endsOn: '2026-10-23' }), calendar([5, 9], 6),
      [{ field: 'periods[1].startsOn', message: /2026-10-24/ }]],
    ['a gap covered only by grade 1\'s extra vacation, in a 1–4 scheme', 'quarter',
      [p('2026-09-01', '2026-10-24'), p('2026-11-05', '2027-02-14'), p('2027-02-22', '2027-03-20'), p('2027-03-30', '2027-05-31')], calendar([1, 4]),
      [{ field: 'periods[2].startsOn', message: /2027-02-15/ }]],
    ['the same gap in a scheme of grade 1 alone', 'quarter',
      [p('2026-09-01', '2026-10-24'), p('2026-11-05', '2027-02-14'), p('2027-02-22', '2027-03-20'), p('2027-03-30', '2027-05-31')], calendar([1, 1]), []],
    ['overlapping periods', 'quarter', with_(1, { startsOn: '2026-10-20' }), calendar([1, 9]),
      [{ field: 'periods[1].startsOn', message: /overlaps period 1/ }]],
    ['periods out of order', 'quarter', [QUARTERS[0], QUARTERS[2], QUARTERS[1], QUARTERS[3]], calendar([1, 9]),
      [{ field: 'periods[1].startsOn', message: /2026-11-05 .*no period/ }, { field: 'periods[2].startsOn', message: /overlaps period 2/ },
        { field: 'periods[3].startsOn', message: /2027-01-12 .*no period/ }]],
    ['three quarters', 'quarter', QUARTERS.slice(0, 3), calendar([1, 9]), [{ field: 'periods', message: /4 periods, not 3/ }]],
    ['four trimesters', 'trimester', QUARTERS, calendar([1, 9]), [{ field: 'periods', message: /3 periods, not 4/ }]],
    ['three half-years', 'half_year', QUARTERS.slice(0, 3), calendar([1, 9]), [{ field: 'periods', message: /2 periods, not 3/ }]],
    ['a period starting before the year', 'quarter', with_(0, { startsOn: '2026-08-25' }), calendar([1, 9]),
      [{ field: 'periods[0].startsOn', message: /outside the academic year/ }]],
    ['a period ending after the year', 'quarter', with_(3, { endsOn: '2027-06-10' }), calendar([1, 9]),
      [{ field: 'periods[3].endsOn', message: /outside the academic year/ }]],
    ['a far-away date (the gap check stays inside the year)', 'quarter', with_(3, { startsOn: '9999-01-01', endsOn: '9999-12-31' }), calendar([1, 9]),
      [{ field: 'periods[3].startsOn', message: /outside/ }, { field: 'periods[3].endsOn', message: /outside/ }]],
    ['a first period starting after the year\'s first day', 'quarter', with_(0, { startsOn: '2026-09-02' }), calendar([1, 9]),
      [{ field: 'periods[0].startsOn', message: /first day 2026-09-01/ }]],
    ['a last period ending before the year\'s last day', 'quarter', with_(3, { endsOn: '2027-05-26' }), calendar([1, 9]),
      [{ field: 'periods[3].endsOn', message: /last day 2027-05-31/ }]],
    ['a period ending before it starts', 'quarter', with_(2, { endsOn: '2027-01-10' }), calendar([1, 9]),
      [{ field: 'periods[2].endsOn', message: /before it starts/ }, { field: 'periods[3].startsOn', message: /2027-03-2|2027-01-1/ }]],
  ])('R-CUR-02 %s', (_name, kind, periods, cal, expected) => {
    const problems = checkPeriodScheme(kind, periods, cal);
    expect(problems.map((x) => x.field)).toEqual(expected.map((e) => e.field));
    problems.forEach((x, i) => expect(x.message).toMatch(expected[i].message));
  });

  it('R-CUR-02 names periods in Russian', () => {
    expect(periodName('quarter', 1)).toBe('1 четверть');
    expect(periodName('trimester', 2)).toBe('2 триместр');
    expect(periodName('half_year', 1)).toBe('1 полугодие');
  });
});
