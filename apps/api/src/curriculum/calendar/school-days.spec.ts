import { addDays, holidayOn, isSchoolDay, mondayOf, parseWeek, weekdayOf } from './school-days';

describe('school calendar (R-CUR-07)', () => {
  const holidays = [
    { startsOn: '2026-11-04', endsOn: '2026-11-04', gradeFrom: 1, gradeTo: 11, name: 'День народного единства', kind: 'holiday' as const },
    { startsOn: '2027-02-08', endsOn: '2027-02-14', gradeFrom: 1, gradeTo: 1, name: 'Дополнительные каникулы', kind: 'vacation' as const },
  ];
  const cal = { yearStart: '2026-09-01', yearEnd: '2027-05-26', daysPerWeek: 5, holidays };

  it('computes ISO weekdays and Mondays', () => {
    expect(weekdayOf('2026-11-30')).toBe(1);
    expect(weekdayOf('2026-12-06')).toBe(7);
    expect(mondayOf('2026-12-03')).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('parses ISO weeks and dates into the Monday', () => {
    expect(parseWeek('2026-W49')).toBe('2026-11-30');
    expect(parseWeek('2026-12-02')).toBe('2026-11-30');
    expect(parseWeek('2026-W60')).toBeNull();
    expect(parseWeek('2026-02-30')).toBeNull();
    expect(parseWeek('soon')).toBeNull();
  });

  it('R-CUR-07 excludes weekends of a 5-day week, holidays and grade-specific vacations', () => {
    expect(isSchoolDay('2026-11-30', 5, cal)).toBe(true);
    expect(isSchoolDay('2026-12-05', 5, cal)).toBe(false);
    expect(isSchoolDay('2026-12-05', 5, { ...cal, daysPerWeek: 6 })).toBe(true);
    expect(isSchoolDay('2026-11-04', 5, cal)).toBe(false);
    expect(isSchoolDay('2027-02-09', 1, cal)).toBe(false);
    expect(isSchoolDay('2027-02-09', 2, cal)).toBe(true);
    expect(isSchoolDay('2027-06-01', 2, cal)).toBe(false);
    expect(holidayOn('2027-02-09', 1, holidays)?.name).toBe('Дополнительные каникулы');
  });
});
