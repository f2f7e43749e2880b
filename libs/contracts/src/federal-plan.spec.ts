import { FEDERAL_PLAN_5DAY, FEDERAL_SUBJECTS, federalHours, MAX_WEEKLY_LOAD, maxWeeklyLoad } from './federal-plan';

describe('federal plan data (R-CUR-03, R-CUR-05)', () => {
  it('has 11 grades per line and 11 grades of maximum load', () => {
    expect(FEDERAL_PLAN_5DAY).toHaveLength(46);
    for (const line of FEDERAL_PLAN_5DAY) expect(line.hours).toHaveLength(11);
    expect(MAX_WEEKLY_LOAD.map((r) => r.grade)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('R-CUR-05 gives the grade 5 hours of the 5-day plan', () => {
    expect(federalHours('Русский язык', 5)).toBe(5);
    expect(federalHours('Литература', 5)).toBe(3);
    expect(federalHours('Математика', 5)).toBe(5);
    expect(federalHours('Русский язык', 1)).toBe(5);
    expect(federalHours('Алгебра', 5)).toBeNull();
  });

  it('R-CUR-05 every grade of the federal 5-day plan fits the sanitary maximum', () => {
    for (let grade = 1; grade <= 11; grade++) {
      const total = FEDERAL_PLAN_5DAY.reduce((sum, line) => sum + (line.hours[grade - 1] ?? 0), 0);
      expect(total, `grade ${grade}`).toBeLessThanOrEqual(maxWeeklyLoad(grade, 5)!);
    }
    expect(maxWeeklyLoad(1, 6)).toBeNull();
    expect(maxWeeklyLoad(11, 6)).toBe(37);
  });

  it('R-CUR-03 lists each federal subject once with a short name and an area', () => {
    const names = FEDERAL_SUBJECTS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(FEDERAL_SUBJECTS.find((s) => s.name === 'Алгебра')).toEqual({ name: 'Алгебра', shortName: 'Алг', area: 'Математика и информатика' });
    for (const s of FEDERAL_SUBJECTS) expect(s.area).not.toMatch(/^(НОО|ООО|СОО)$/);
  });
});
