import { attendanceSummary, classTotals, meanOf, studentSummary, subjectResult, subjectTotals } from './progress';
import type { ResultRow } from './reports.query';

const row = (over: Partial<ResultRow>): ResultRow => ({
  subjectId: 's', subjectName: 'Математика', subjectShortName: 'Матем.', studentId: 'p', marksCount: 3, weightedAverage: null, periodMark: null, ...over,
});

describe('progress report arithmetic (R-JRN-13)', () => {
  it.each([
    ['a period mark counts over the forecast', row({ weightedAverage: 3.4, periodMark: '4' }), 0.5, { forecast: '3', value: '4', basis: 'period_mark' }],
    ['no period mark: the forecast counts', row({ weightedAverage: 3.5 }), 0.5, { forecast: '4', value: '4', basis: 'forecast' }],
    ['the school threshold x.6 keeps 3.5 at 3', row({ weightedAverage: 3.5 }), 0.6, { forecast: '3', value: '3', basis: 'forecast' }],
    ['a period mark without marks', row({ marksCount: 0, periodMark: 'осв' }), 0.5, { forecast: null, value: 'осв', basis: 'period_mark' }],
    ['nothing yet', undefined, 0.5, { weightedAverage: null, marksCount: 0, forecast: null, value: null, basis: null }],
  ])('R-JRN-13 %s', (_, r, threshold, expected) => {
    expect(subjectResult('s', r, threshold)).toMatchObject(expected);
  });

  const result = (value: string | null, basis: 'period_mark' | 'forecast' | null = value === null ? null : 'forecast') =>
    ({ subjectId: 's', weightedAverage: null, marksCount: 1, periodMark: basis === 'period_mark' ? value : null, forecast: null, value, basis });

  it('R-JRN-13 subject totals: % without 2, % of 4 and 5, mean; non-numeric results are not counted; says what they come from', () => {
    expect(subjectTotals([result('5', 'period_mark'), result('4'), result('3'), result('2'), result('осв', 'period_mark'), result(null)])).toEqual({
      count: 4, passingPct: 75, qualityPct: 50, mean: 3.5, periodMarks: 1, forecasts: 3, basis: 'mixed',
    });
    expect(subjectTotals([result('5', 'period_mark')]).basis).toBe('period_marks');
    expect(subjectTotals([result('4')]).basis).toBe('forecasts');
    expect(subjectTotals([result(null)])).toEqual({ count: 0, passingPct: null, qualityPct: null, mean: null, periodMarks: 0, forecasts: 0, basis: null });
  });

  it('R-JRN-13 a student passes with no 2 anywhere and is of quality with only 4 and 5', () => {
    expect(studentSummary([result('5'), result('4')])).toEqual({ mean: 4.5, passing: true, quality: true });
    expect(studentSummary([result('5'), result('3')])).toEqual({ mean: 4, passing: true, quality: false });
    expect(studentSummary([result('5'), result('2')])).toEqual({ mean: 3.5, passing: false, quality: false });
    expect(studentSummary([result('зч'), result(null)])).toEqual({ mean: null, passing: null, quality: null });
  });

  it('R-JRN-13 class totals count students, not marks: one 2 makes the student not passing', () => {
    // Three students: 5/5, 5/2, 4/3 → passing 2 of 3, quality 1 of 3; the mean of the six marks is 4.
    expect(classTotals([[result('5'), result('5')], [result('5'), result('2')], [result('4'), result('3')], [result(null)]])).toEqual({
      count: 3, passingPct: 66.7, qualityPct: 33.3, mean: 4, periodMarks: 0, forecasts: 6, basis: 'forecasts',
    });
  });

  it('R-JRN-13 absences by reason: a lesson is one hour; being late (ОП) is not a missed lesson', () => {
    expect(attendanceSummary([{ code: 'Н', lessons: 2 }, { code: 'Б', lessons: 3 }, { code: 'Н', lessons: 1 }, { code: 'ОП', lessons: 4 }])).toEqual({
      byCode: [{ code: 'Н', lessons: 3, hours: 3 }, { code: 'У', lessons: 0, hours: 0 }, { code: 'Б', lessons: 3, hours: 3 }, { code: 'ОП', lessons: 4, hours: 4 }],
      missedLessons: 6, missedHours: 6,
    });
  });

  it('R-JRN-13 the mean of averages skips students without one', () => {
    expect(meanOf([4.33, null, 3.5])).toBe(3.92);
    expect(meanOf([null])).toBeNull();
  });
});
