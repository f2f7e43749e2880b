import { ABSENCE_CODES, markNumber } from '@otmetka/contracts';
import { progressStats, proposeMark } from '../marks/averages';
import type { AttendanceSummaryView, ProgressStatsView, StudentProgressSummaryView, SubjectResultView } from './reports.dto';
import type { AbsenceRow, ResultRow } from './reports.query';

/** R-JRN-13 arithmetic of the reports over rows SQL has already aggregated. Pure. */

/** Absences by reason, every code in the order Н, У, Б, ОП; a lesson is one academic hour; ОП (late) is not a missed lesson. */
export function attendanceSummary(rows: readonly Pick<AbsenceRow, 'code' | 'lessons'>[]): AttendanceSummaryView {
  const byCode = ABSENCE_CODES.map((code) => {
    const lessons = rows.filter((r) => r.code === code).reduce((n, r) => n + r.lessons, 0);
    return { code, lessons, hours: lessons };
  });
  const missedLessons = byCode.filter((c) => c.code !== 'ОП').reduce((n, c) => n + c.lessons, 0);
  return { byCode, missedLessons, missedHours: missedLessons };
}

/** A student's result in a subject: the period mark when set, else the forecast of the average so far (R-JRN-08 rounding). */
export function subjectResult(subjectId: string, row: ResultRow | undefined, threshold: number): SubjectResultView {
  const weightedAverage = row?.weightedAverage ?? null;
  const periodMark = row?.periodMark ?? null;
  const forecast = proposeMark(weightedAverage, threshold);
  const value = periodMark ?? forecast;
  return { subjectId, weightedAverage, marksCount: row?.marksCount ?? 0, periodMark, forecast, value,
    basis: periodMark !== null ? 'period_mark' : forecast !== null ? 'forecast' : null };
}

const basisOf = (periodMarks: number, forecasts: number): ProgressStatsView['basis'] =>
  periodMarks && forecasts ? 'mixed' : periodMarks ? 'period_marks' : forecasts ? 'forecasts' : null;

const counted = (results: readonly SubjectResultView[]) => results.filter((r) => r.value !== null && markNumber(r.value) !== null);

/** % passing (no 2), % quality (only 4 and 5) and the mean of one subject's results, saying what they come from. */
export function subjectTotals(results: readonly SubjectResultView[]): ProgressStatsView {
  const used = counted(results);
  const { count, passingPct, qualityPct, mean } = progressStats(used.map((r) => r.value));
  const periodMarks = used.filter((r) => r.basis === 'period_mark').length;
  return { count, passingPct, qualityPct, mean, periodMarks, forecasts: used.length - periodMarks, basis: basisOf(periodMarks, used.length - periodMarks) };
}

/** A student across subjects: passing with no 2 anywhere, quality with only 4 and 5 everywhere. */
export function studentSummary(results: readonly SubjectResultView[]): StudentProgressSummaryView {
  const nums = counted(results).map((r) => markNumber(r.value as string) as number);
  if (nums.length === 0) return { mean: null, passing: null, quality: null };
  const worst = Math.min(...nums);
  return { mean: progressStats(nums.map(String)).mean, passing: worst >= 3, quality: worst >= 4 };
}

/**
 * The class: % of students passing (no 2 in any subject) and of quality (only 4 and 5) — the school's «успеваемость» and «качество
 * знаний» — from each student's worst counted mark, and the mean of every counted mark.
 */
export function classTotals(students: readonly (readonly SubjectResultView[])[]): ProgressStatsView {
  const worst = students.map((rs) => counted(rs).map((r) => markNumber(r.value as string) as number))
    .filter((nums) => nums.length > 0).map((nums) => String(Math.min(...nums)));
  const all = students.flatMap((rs) => counted(rs));
  const { count, passingPct, qualityPct } = progressStats(worst);
  const periodMarks = all.filter((r) => r.basis === 'period_mark').length;
  return { count, passingPct, qualityPct, mean: progressStats(all.map((r) => r.value)).mean, periodMarks, forecasts: all.length - periodMarks,
    basis: basisOf(periodMarks, all.length - periodMarks) };
}

export const meanOf = (values: readonly (number | null)[]): number | null => {
  const nums = values.filter((v): v is number => v !== null);
  return nums.length ? Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100 : null;
};
