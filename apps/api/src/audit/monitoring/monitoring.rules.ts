import { InvalidField } from '../../platform/errors/domain-errors';
import { isIsoDate } from '../../curriculum/calendar/query-params';

/**
 * R-AUD-04: the pure rules of the journal-keeping monitoring (no Nest, no database). The SQL in monitoring.query.ts embeds the same
 * constants (see `expectedMarksSql`), and monitoring.rules.spec.ts pins them.
 */

/** The longest monitoring range: a school year and a bit (004 App.4 §5.2: monthly and at the end of the year). */
export const MAX_RANGE_DAYS = 366;

/**
 * Mark accumulation (004 App.4 §4.4: the teacher «отвечает за накопляемость оценок учащимися в зависимости от недельной нагрузки»).
 * The «Инструкция по ведению классного журнала» the seeds refer to asks for at least three marks per quarter (≈ 9 weeks) at a load of
 * 1–2 hours a week, and more at a higher load. Expressed over the lessons held in the range:
 *  - weekly hours < 2 (one lesson a week): one mark per 3 lessons held (3 per 9-week quarter);
 *  - weekly hours ≥ 2: one mark per 6 lessons held (3 per quarter at 2 h, 7 at 5 h);
 *  - weekly hours unknown (no teacher load): as for 2 hours.
 * The expected minimum per student is the whole number of such steps: floor(lessonsHeld / lessonsPerMark).
 */
export const LESSONS_PER_MARK_LOW_LOAD = 3;
export const LESSONS_PER_MARK = 6;
export const LOW_LOAD_BELOW_HOURS = 2;

export function lessonsPerMark(weeklyHours: number | null): number {
  return (weeklyHours ?? LOW_LOAD_BELOW_HOURS) < LOW_LOAD_BELOW_HOURS ? LESSONS_PER_MARK_LOW_LOAD : LESSONS_PER_MARK;
}

export function expectedMinMarks(lessonsHeld: number, weeklyHours: number | null): number {
  return Math.floor(lessonsHeld / lessonsPerMark(weeklyHours));
}

/** The same rule in SQL over a lessons-held count and a weekly-hours column (numeric, may be NULL). */
export const expectedMarksSql = (held: string, weeklyHours: string): string =>
  `floor(${held}::numeric / CASE WHEN coalesce(${weeklyHours}, ${LOW_LOAD_BELOW_HOURS}) < ${LOW_LOAD_BELOW_HOURS} `
  + `THEN ${LESSONS_PER_MARK_LOW_LOAD} ELSE ${LESSONS_PER_MARK} END)::int`;

/** A share in per cent with one decimal, or null when there is nothing to share. */
export const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

export const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The range of a monitoring report: both dates required and real, from ≤ to, at most MAX_RANGE_DAYS long. `today` (school-local) bounds
 * what "has happened": lessons after it are not counted, so `effectiveTo` = min(to, today).
 */
export function monitoringRange(from: string | undefined, to: string | undefined, today: string): { from: string; to: string; effectiveTo: string } {
  if (from === undefined || from === '') throw new InvalidField('from', 'from is required');
  if (to === undefined || to === '') throw new InvalidField('to', 'to is required');
  if (!isIsoDate(from)) throw new InvalidField('from', 'from must be a date YYYY-MM-DD');
  if (!isIsoDate(to)) throw new InvalidField('to', 'to must be a date YYYY-MM-DD');
  if (to < from) throw new InvalidField('to', 'to must not be before from');
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_RANGE_DAYS) throw new InvalidField('to', `the range must not exceed ${MAX_RANGE_DAYS} days`);
  return { from, to, effectiveTo: to < today ? to : today };
}

/** `?month=2026-11` → the month's first day and the first day of the next month (exclusive end). */
export function monthRange(month: string | undefined): { month: string; from: string; toExclusive: string; to: string } {
  if (month === undefined || month === '') throw new InvalidField('month', 'month is required');
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[1]) < 2000 || Number(m[1]) > 2100) {
    throw new InvalidField('month', 'month must be YYYY-MM');
  }
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const from = `${m[1]}-${m[2]}-01`;
  const toExclusive = mo === 12 ? `${y + 1}-01-01` : `${m[1]}-${String(mo + 1).padStart(2, '0')}-01`;
  return { month, from, toExclusive, to: addDays(toExclusive, -1) };
}

export const LESSON_METRICS = ['lessons_held', 'no_topic', 'no_homework', 'homework_late', 'lessons_late', 'marks_late'] as const;
export const STUDENT_METRICS = ['no_marks', 'one_mark', 'below_norm'] as const;
export const METRICS = [...LESSON_METRICS, ...STUDENT_METRICS] as const;
export type LessonMetric = (typeof LESSON_METRICS)[number];
export type StudentMetric = (typeof STUDENT_METRICS)[number];
export type Metric = (typeof METRICS)[number];

export function parseMetric(value: string | undefined): Metric {
  if (value === undefined || value === '') throw new InvalidField('metric', 'metric is required');
  if (!(METRICS as readonly string[]).includes(value)) throw new InvalidField('metric', `metric must be one of ${METRICS.join(', ')}`);
  return value as Metric;
}

export const isStudentMetric = (m: Metric): m is StudentMetric => (STUDENT_METRICS as readonly string[]).includes(m);
