import { weekdayOf } from '../calendar/school-days';

/**
 * R-CUR-08: the effective timetable of some dates — the weekly template valid on each date, minus holidays, with the
 * deputy's one-off changes applied. Pure: rows in, lessons out.
 *  - cancel: the lesson stays at its place, marked with `change.kind = 'cancel'` and `cancelled = true`, so a class sees
 *    that the lesson is off (it occupies no teacher, room or class — see `occupying`);
 *  - move: the lesson leaves its place and appears at the new date and lesson number (and room), with `change.kind = 'move'`;
 *  - substitute: the lesson keeps its place; `teacherId` is the substitute and `originalTeacherId` the template's teacher.
 * A holiday or vacation of the class's grade removes every lesson of that day, moved-in ones included.
 */

export interface TemplateRow {
  id: string;
  weekday: number;
  lessonNumber: number;
  classId: string;
  className: string;
  grade: number;
  subgroupId: string | null;
  subgroupName: string | null;
  subjectId: string;
  subjectName: string;
  teacherId: string;
  teacherName: string;
  roomId: string | null;
  roomName: string | null;
  validFrom: string;
  validTo: string | null;
}

export type ChangeKind = 'cancel' | 'move' | 'substitute';

export interface ChangeRow {
  id: string;
  entryId: string;
  date: string;
  kind: ChangeKind;
  newLessonNumber: number | null;
  newDate: string | null;
  newRoomId: string | null;
  newRoomName: string | null;
  substituteTeacherId: string | null;
  substituteTeacherName: string | null;
  reason: string;
}

export interface AppliedChange {
  id: string;
  kind: ChangeKind;
  reason: string;
  /** For a moved lesson: where it came from. */
  fromDate: string | null;
  fromLessonNumber: number | null;
}

export interface EffectiveLesson {
  entryId: string;
  /** The date the template gave the lesson (differs from `date` for a lesson moved to another day). */
  sourceDate: string;
  date: string;
  lessonNumber: number;
  classId: string;
  className: string;
  grade: number;
  subgroupId: string | null;
  subgroupName: string | null;
  subjectId: string;
  subjectName: string;
  teacherId: string;
  teacherName: string;
  originalTeacherId: string | null;
  originalTeacherName: string | null;
  roomId: string | null;
  roomName: string | null;
  change: AppliedChange | null;
  cancelled: boolean;
}

export const validOn = (e: Pick<TemplateRow, 'validFrom' | 'validTo'>, date: string): boolean => e.validFrom <= date && (e.validTo === null || date <= e.validTo);

function lessonOf(e: TemplateRow, date: string): EffectiveLesson {
  return {
    entryId: e.id, sourceDate: date, date, lessonNumber: e.lessonNumber, classId: e.classId, className: e.className, grade: e.grade,
    subgroupId: e.subgroupId, subgroupName: e.subgroupName, subjectId: e.subjectId, subjectName: e.subjectName, teacherId: e.teacherId,
    teacherName: e.teacherName, originalTeacherId: null, originalTeacherName: null, roomId: e.roomId, roomName: e.roomName, change: null, cancelled: false,
  };
}

const applied = (c: ChangeRow, from: EffectiveLesson | null = null): AppliedChange => ({
  id: c.id, kind: c.kind, reason: c.reason, fromDate: from?.date ?? null, fromLessonNumber: from?.lessonNumber ?? null,
});

const withRoom = (l: EffectiveLesson, c: ChangeRow): EffectiveLesson =>
  c.newRoomId ? { ...l, roomId: c.newRoomId, roomName: c.newRoomName } : l;

export function effectiveLessons(
  dates: readonly string[],
  entries: readonly TemplateRow[],
  changes: readonly ChangeRow[],
  isSchoolDay: (date: string, grade: number) => boolean,
): EffectiveLesson[] {
  const wanted = new Set(dates);
  const changeOf = new Map(changes.map((c) => [`${c.entryId}:${c.date}`, c]));
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const out: EffectiveLesson[] = [];
  for (const date of dates) {
    const weekday = weekdayOf(date);
    for (const e of entries) {
      if (e.weekday !== weekday || !validOn(e, date) || !isSchoolDay(date, e.grade)) continue;
      const lesson = lessonOf(e, date);
      const c = changeOf.get(`${e.id}:${date}`);
      if (!c) out.push(lesson);
      else if (c.kind === 'cancel') out.push({ ...lesson, change: applied(c), cancelled: true });
      else if (c.kind === 'substitute' && c.substituteTeacherId) {
        out.push(withRoom({ ...lesson, teacherId: c.substituteTeacherId, teacherName: c.substituteTeacherName ?? '', originalTeacherId: e.teacherId,
          originalTeacherName: e.teacherName, change: applied(c) }, c));
      }
      // a moved lesson leaves its place; it is added below at its new one
    }
  }
  for (const c of changes) {
    if (c.kind !== 'move') continue;
    const e = entryById.get(c.entryId);
    const to = c.newDate ?? c.date;
    if (!e || !wanted.has(to) || !isSchoolDay(to, e.grade)) continue;
    const from = lessonOf(e, c.date);
    out.push(withRoom({ ...from, date: to, lessonNumber: c.newLessonNumber ?? e.lessonNumber, change: applied(c, from) }, c));
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.lessonNumber - b.lessonNumber
    || a.className.localeCompare(b.className) || (a.subgroupName ?? '').localeCompare(b.subgroupName ?? ''));
}

/** Lessons that take a teacher, a room and (part of) a class at their time: all but cancelled ones. */
export const occupying = (lessons: readonly EffectiveLesson[]): EffectiveLesson[] => lessons.filter((l) => !l.cancelled);
