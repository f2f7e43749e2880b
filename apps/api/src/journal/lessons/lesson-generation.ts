import type { EffectiveLesson } from '../../curriculum/timetable/effective-week';

/**
 * R-JRN-01: which dated lessons the effective timetable asks for, against those already generated. Pure: rows in, a plan out.
 * A lesson is keyed by (timetable entry, date) — the unique key of `lessons` — so generating twice creates nothing twice.
 */

export interface WantedLesson {
  entryId: string;
  date: string;
  lessonNumber: number;
  classId: string;
  subgroupId: string | null;
  subjectId: string;
  /** The teacher of record: the template's teacher, also on a substitution. */
  teacherId: string;
  /** Who gives the lesson on a substitution (recorded, not overwritten). */
  substituteTeacherId: string | null;
  roomId: string | null;
  cancelled: boolean;
}

export interface ExistingLesson {
  id: string;
  entryId: string;
  date: string;
  lessonNumber: number;
  teacherId: string;
  substituteTeacherId: string | null;
  roomId: string | null;
  cancelled: boolean;
  /** Anything entered on it: topic, held, homework (+ files), marks, attendance, remarks. */
  hasEntries: boolean;
}

type Synced = Pick<WantedLesson, 'lessonNumber' | 'teacherId' | 'substituteTeacherId' | 'roomId' | 'cancelled'>;

export interface LessonUpdate {
  id: string;
  before: Synced;
  after: Synced;
}

export interface SyncPlan {
  create: WantedLesson[];
  update: LessonUpdate[];
  /** Ids of empty lessons the timetable no longer gives. */
  remove: string[];
  existing: number;
  /** Lessons the timetable no longer gives, kept because they hold entries. */
  kept: number;
}

export const keyOf = (l: { entryId: string; date: string }): string => `${l.entryId}:${l.date}`;

/** A lesson of the effective timetable as a journal lesson: on a substitution the template's teacher stays the teacher of record. */
export function wantedOf(l: EffectiveLesson): WantedLesson {
  const substituted = l.originalTeacherId !== null;
  return {
    entryId: l.entryId, date: l.date, lessonNumber: l.lessonNumber, classId: l.classId, subgroupId: l.subgroupId, subjectId: l.subjectId,
    teacherId: substituted ? (l.originalTeacherId as string) : l.teacherId, substituteTeacherId: substituted ? l.teacherId : null,
    roomId: l.roomId, cancelled: l.cancelled,
  };
}

const same = (a: Synced, b: Synced): boolean => a.lessonNumber === b.lessonNumber && a.teacherId === b.teacherId
  && a.substituteTeacherId === b.substituteTeacherId && a.roomId === b.roomId && a.cancelled === b.cancelled;

/**
 * Creates what is missing, brings existing lessons in line with later one-off changes, removes empty lessons the timetable no longer
 * gives. A lesson with entries is never removed, never cancelled and keeps its teacher of record: what was recorded stays (R-JRN-07).
 */
export function planLessonSync(wanted: readonly WantedLesson[], existing: readonly ExistingLesson[]): SyncPlan {
  const byKey = new Map(existing.map((e) => [keyOf(e), e]));
  const seen = new Set<string>();
  const plan: SyncPlan = { create: [], update: [], remove: [], existing: 0, kept: 0 };
  for (const w of wanted) {
    const key = keyOf(w);
    // A lesson moved onto a date its entry also gives one: the first (the regular one) wins the key.
    if (seen.has(key)) continue;
    seen.add(key);
    const e = byKey.get(key);
    if (!e) {
      plan.create.push(w);
      continue;
    }
    const before: Synced = { lessonNumber: e.lessonNumber, teacherId: e.teacherId, substituteTeacherId: e.substituteTeacherId, roomId: e.roomId, cancelled: e.cancelled };
    const after: Synced = e.hasEntries
      ? { ...before, lessonNumber: w.lessonNumber, substituteTeacherId: w.substituteTeacherId, roomId: w.roomId, cancelled: e.cancelled && w.cancelled }
      : { lessonNumber: w.lessonNumber, teacherId: w.teacherId, substituteTeacherId: w.substituteTeacherId, roomId: w.roomId, cancelled: w.cancelled };
    if (same(before, after)) plan.existing++;
    else plan.update.push({ id: e.id, before, after });
  }
  for (const e of existing) {
    if (seen.has(keyOf(e))) continue;
    if (e.hasEntries) plan.kept++;
    else plan.remove.push(e.id);
  }
  return plan;
}

export const isEmptyPlan = (p: SyncPlan): boolean => p.create.length === 0 && p.update.length === 0 && p.remove.length === 0;
