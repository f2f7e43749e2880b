import { markNumber } from '@otmetka/contracts';

/** R-DIA-04 / R-JRN-08 / R-JRN-13 arithmetic of marks. Pure. */

export interface WeightedMark {
  value: string;
  weight: number;
}

/** Weighted average of the numeric marks (1–5); pass/fail, н/а and осв do not count. Null when there is none. */
export function weightedAverage(marks: readonly WeightedMark[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const m of marks) {
    const n = markNumber(m.value);
    if (n === null || !(m.weight > 0)) continue;
    sum += n * m.weight;
    weights += m.weight;
  }
  return weights === 0 ? null : Math.round((sum / weights) * 100) / 100;
}

/**
 * R-JRN-08: the proposed period mark — the average rounded with the school's threshold: with 0.5, 3.5 → 4 and 3.49 → 3;
 * with 0.6, 3.5 → 3 and 3.6 → 4. Clamped to 2..5 (a period mark is never 1 by proposal).
 */
export function proposeMark(average: number | null, threshold = 0.5): string | null {
  if (average === null) return null;
  const whole = Math.floor(average);
  const fraction = Math.round((average - whole) * 100) / 100;
  const rounded = fraction >= threshold ? whole + 1 : whole;
  return String(Math.min(5, Math.max(2, rounded)));
}

/** R-JRN-13: % passing (no 2), % quality (only 4 and 5) and the mean of numeric marks. */
export function progressStats(values: readonly (string | null)[]): { count: number; passingPct: number | null; qualityPct: number | null; mean: number | null } {
  const nums = values.map((v) => (v === null ? null : markNumber(v))).filter((n): n is number => n !== null);
  if (nums.length === 0) return { count: 0, passingPct: null, qualityPct: null, mean: null };
  const pct = (k: number) => Math.round((k / nums.length) * 1000) / 10;
  return {
    count: nums.length,
    passingPct: pct(nums.filter((n) => n >= 3).length),
    qualityPct: pct(nums.filter((n) => n >= 4).length),
    mean: Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100,
  };
}
