import { progressStats, proposeMark, weightedAverage } from './averages';

describe('averages and rounding (R-JRN-08, R-JRN-13, R-DIA-04)', () => {
  it('R-DIA-04 weights marks by their work type and ignores non-numeric ones', () => {
    expect(weightedAverage([{ value: '5', weight: 1 }, { value: '3', weight: 2 }])).toBe(3.67);
    expect(weightedAverage([{ value: '4', weight: 1 }, { value: 'зч', weight: 1 }, { value: 'н/а', weight: 1 }, { value: 'осв', weight: 1 }])).toBe(4);
    expect(weightedAverage([{ value: 'зч', weight: 1 }])).toBeNull();
    expect(weightedAverage([])).toBeNull();
  });

  it.each([
    [3.5, 0.5, '4'], [3.49, 0.5, '3'], [4.5, 0.5, '5'], [3.5, 0.6, '3'], [3.6, 0.6, '4'], [4.99, 0.5, '5'], [1.2, 0.5, '2'], [null, 0.5, null],
  ] as const)('R-JRN-08 proposes %s with threshold %s as %s', (avg, threshold, mark) => {
    expect(proposeMark(avg, threshold)).toBe(mark);
  });

  it('R-JRN-13 computes % passing, % quality and the mean', () => {
    expect(progressStats(['5', '4', '3', '2', null, 'зч'])).toEqual({ count: 4, passingPct: 75, qualityPct: 50, mean: 3.5 });
    expect(progressStats([])).toEqual({ count: 0, passingPct: null, qualityPct: null, mean: null });
  });
});
