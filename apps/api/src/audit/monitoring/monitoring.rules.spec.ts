import { expectedMinMarks, lessonsPerMark, monitoringRange, monthRange, parseMetric, pct } from './monitoring.rules';
import { sumFigures } from './monitoring.service';

describe('R-AUD-04 monitoring rules', () => {
  it('R-AUD-04 mark accumulation: 3 marks per 9-week quarter at 1–2 h a week, more at a higher load', () => {
    expect(lessonsPerMark(1)).toBe(3);
    expect(lessonsPerMark(1.5)).toBe(3);
    expect(lessonsPerMark(2)).toBe(6);
    expect(lessonsPerMark(5)).toBe(6);
    expect(lessonsPerMark(null)).toBe(6);
    expect(expectedMinMarks(9, 1)).toBe(3); // a quarter at 1 h
    expect(expectedMinMarks(18, 2)).toBe(3); // a quarter at 2 h
    expect(expectedMinMarks(45, 5)).toBe(7); // a quarter at 5 h
    expect(expectedMinMarks(5, 5)).toBe(0); // too few lessons to ask for a mark
    expect(expectedMinMarks(0, 1)).toBe(0);
  });

  it('R-AUD-04 a range needs real dates, from ≤ to, at most 366 days, and stops at today', () => {
    expect(monitoringRange('2026-11-01', '2026-11-30', '2026-11-20')).toEqual({ from: '2026-11-01', to: '2026-11-30', effectiveTo: '2026-11-20' });
    expect(monitoringRange('2026-09-01', '2026-10-31', '2026-11-20').effectiveTo).toBe('2026-10-31');
    expect(() => monitoringRange(undefined, '2026-11-30', '2026-11-20')).toThrow(/from is required/);
    expect(() => monitoringRange('2026-11-31', '2026-12-01', '2026-11-20')).toThrow(/from must be a date/);
    expect(() => monitoringRange('2026-11-02', '2026-11-01', '2026-11-20')).toThrow(/not be before/);
    expect(() => monitoringRange('2025-09-01', '2026-09-03', '2026-11-20')).toThrow(/366 days/);
    expect(monitoringRange('2025-09-01', '2026-09-02', '2026-11-20').to).toBe('2026-09-02');
  });

  it('R-AUD-04 a month is YYYY-MM, December ending the year', () => {
    expect(monthRange('2026-12')).toEqual({ month: '2026-12', from: '2026-12-01', toExclusive: '2027-01-01', to: '2026-12-31' });
    expect(monthRange('2027-02')).toMatchObject({ from: '2027-02-01', to: '2027-02-28' });
    expect(() => monthRange('2026-13')).toThrow(/YYYY-MM/);
    expect(() => monthRange('2026-1')).toThrow(/YYYY-MM/);
    expect(() => monthRange(undefined)).toThrow(/required/);
  });

  it('R-AUD-04 metrics are a closed list; shares have one decimal and are null without a whole', () => {
    expect(parseMetric('no_marks')).toBe('no_marks');
    expect(() => parseMetric('all')).toThrow(/metric must be one of/);
    expect(pct(1, 3)).toBe(33.3);
    expect(pct(0, 0)).toBeNull();
  });

  it('R-AUD-04 totals sum the rows and compute shares from the sums; КТП only over rows that have one', () => {
    const row = { lessonsHeld: 10, lessonsWithoutTopic: 1, lessonsWithoutHomework: 2, homeworkLate: 0, lessonsFilledLate: 0, marks: 30, marksLate: 1,
      lessonsWithLateMarks: 1, students: 25, studentsWithoutMarks: 1, studentsWithOneMark: 2, studentsBelowNorm: 3, ktpHours: 34, ktpDue: 20, ktpCovered: 18 };
    const t = sumFigures([row, { ...row, lessonsHeld: 10, lessonsWithoutTopic: 3, ktpHours: null, ktpDue: null, ktpCovered: null }]);
    expect(t).toMatchObject({ lessonsHeld: 20, lessonsWithoutTopic: 4, topicPct: 80, students: 50, studentsWithoutMarks: 2, studentsWithoutMarksPct: 4,
      ktpHours: 34, ktpDue: 20, ktpCovered: 18, ktpCompletionPct: 90 });
    expect(sumFigures([])).toMatchObject({ lessonsHeld: 0, topicPct: null, ktpDue: null, ktpCompletionPct: null });
  });
});
