import { annualProposal, finalProposal, periodProposal } from './proposal';

describe('period, annual and final proposals (R-JRN-08)', () => {
  it.each<[string, { value: string; weight: number }[], number, number | null, string | null]>([
    ['weighted: two 5s of a control work and a 3', [{ value: '5', weight: 2 }, { value: '3', weight: 1 }], 0.5, 4.33, '4'],
    ['x.5 rounds up with threshold 0.5', [{ value: '4', weight: 1 }, { value: '3', weight: 1 }], 0.5, 3.5, '4'],
    ['x.5 stays down with threshold 0.6', [{ value: '4', weight: 1 }, { value: '3', weight: 1 }], 0.6, 3.5, '3'],
    ['pass/fail and special marks do not count', [{ value: 'зч', weight: 1 }, { value: 'н/а', weight: 1 }, { value: '5', weight: 1 }], 0.5, 5, '5'],
    ['no numeric marks, no proposal', [{ value: 'осв', weight: 1 }], 0.5, null, null],
  ])('R-JRN-08 period: %s', (_n, marks, threshold, average, proposal) => {
    expect(periodProposal(marks, threshold)).toEqual({ average, proposal });
  });

  it.each<[string, string[], number, number | null, string | null]>([
    ['mean of four quarters 5,4,4,5 → 4.5 → 5', ['5', '4', '4', '5'], 0.5, 4.5, '5'],
    ['the same with threshold 0.6 → 4', ['5', '4', '4', '5'], 0.6, 4.5, '4'],
    ['3,4,4 → 3.67 → 4', ['3', '4', '4'], 0.5, 3.67, '4'],
    ['pass/fail subject all passed → зч', ['зч', 'зч'], 0.5, null, 'зч'],
    ['pass/fail subject with a fail → нз', ['зч', 'нз'], 0.5, null, 'нз'],
    ['no period marks', [], 0.5, null, null],
  ])('R-JRN-08 annual: %s', (_n, marks, threshold, average, proposal) => {
    expect(annualProposal(marks, threshold)).toEqual({ average, proposal });
  });

  it.each<[string, string | null, string | null, number | null, string | null]>([
    ['no annual mark', null, '5', null, null],
    ['no exam: the annual mark', '4', null, 4, '4'],
    ['annual 4, exam 5 → 4.5 → 5 (mathematical rounding)', '4', '5', 4.5, '5'],
    ['annual 4, exam 3 → 3.5 → 4', '4', '3', 3.5, '4'],
    ['annual 5, exam 3 → 4', '5', '3', 4, '4'],
    ['exempt from the exam: the annual mark', '4', 'осв', 4, '4'],
    ['н/а for the year made good by the exam', 'н/а', '3', 3, '3'],
  ])('R-JRN-08 final: %s', (_n, annual, exam, average, proposal) => {
    expect(finalProposal(annual, exam)).toEqual({ average, proposal });
  });
});
