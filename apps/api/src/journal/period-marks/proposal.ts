import { markNumber } from '@otmetka/contracts';
import { proposeMark, weightedAverage, type WeightedMark } from '../marks/averages';

/** R-JRN-08 arithmetic of the proposals, per kind of mark. Pure: no Nest, no database. */

export interface Proposal {
  /** The average the proposal rests on (weighted for a period; the mean of the marks it is built from otherwise). */
  average: number | null;
  proposal: string | null;
}

const NONE: Proposal = { average: null, proposal: null };
const round2 = (n: number) => Math.round(n * 100) / 100;

/** A period mark: the weighted average of the period's current (and transferred) marks, rounded with the school's threshold. */
export function periodProposal(marks: readonly WeightedMark[], threshold: number): Proposal {
  const average = weightedAverage(marks);
  return { average, proposal: proposeMark(average, threshold) };
}

/**
 * An annual mark: the mean of the year's period marks, rounded with the school's threshold. Pass/fail subjects: зачёт when
 * every period is passed. н/а and осв count for nothing.
 */
export function annualProposal(periodMarks: readonly string[], threshold: number): Proposal {
  const nums = periodMarks.map(markNumber).filter((n): n is number => n !== null);
  if (nums.length > 0) {
    const average = round2(nums.reduce((a, b) => a + b, 0) / nums.length);
    return { average, proposal: proposeMark(average, threshold) };
  }
  const passFail = periodMarks.filter((v) => v === 'зч' || v === 'нз');
  if (passFail.length > 0) return { average: null, proposal: passFail.every((v) => v === 'зч') ? 'зч' : 'нз' };
  return NONE;
}

/**
 * A final mark from the annual and the exam mark: without an exam the annual mark; with both numeric, their mean rounded the
 * mathematical way (x.5 up) — the rule of certificates, not the school's threshold for current marks.
 */
export function finalProposal(annual: string | null, exam: string | null): Proposal {
  if (annual === null) return NONE;
  const a = markNumber(annual);
  const e = exam === null ? null : markNumber(exam);
  // No exam, or an exam without a numeric result (осв, н/а): the annual mark stands.
  if (e === null) return { average: a, proposal: annual };
  // A numeric exam after a non-numeric year (e.g. н/а made good by the exam): the exam decides.
  if (a === null) return { average: e, proposal: exam };
  const average = round2((a + e) / 2);
  return { average, proposal: proposeMark(average, 0.5) };
}
