import { ABSENCE_CODES, MARK_VALUES } from '@otmetka/contracts';
import type { FieldError } from '../../platform/errors/validation';
import type { LessonItem } from '../edit-policy/edit-policy';
import type { AttendanceRow, HomeworkRow, LessonEntries, MarkRow } from './lesson-page.query';

/**
 * R-JRN-02..04, R-JRN-10: what a bulk save of a lesson changes, validated as a unit. Pure: the request and the lesson's current state in,
 * the list of changes out (or every bad field at once). Items sent back unchanged are no changes, so a closed window never refuses
 * what the SPA merely echoes.
 */

export interface SaveRequest {
  topic?: string | null;
  held?: boolean;
  workTypes?: string[];
  homework?: { text: string; dueDate?: string | null } | null;
  attendance?: { studentId: string; code: string | null; minutesLate?: number | null }[];
  marks?: { upsert?: { id?: string; studentId: string; value: string; workType: string; comment?: string | null }[]; delete?: string[] };
  remarks?: { studentId: string; text: string }[];
}

export interface SaveState {
  date: string;
  topic: string | null;
  held: boolean;
  workTypes: string[];
  firstEnteredAt: Date | null;
  enteredLate: boolean;
  studentIds: ReadonlySet<string>;
  entries: LessonEntries;
  workTypeTable: readonly { code: string; weight: number; isControl: boolean; archived: boolean }[];
}

export interface Content {
  topic: string | null;
  held: boolean;
  workTypes: string[];
}
export interface MarkFields {
  studentId: string;
  value: string;
  workType: string;
  weight: number;
  comment: string | null;
}
export interface AttendanceFields {
  code: string;
  minutesLate: number | null;
}

interface OpBase {
  /** Where in the request, for errors and denials. */
  field: string;
  /** The edit-policy item deciding it. */
  item: LessonItem;
  /** What is there already (its late flag): null for a first entry. */
  entered: { enteredLate: boolean } | null;
}

export type SaveOp = OpBase & (
  | { kind: 'content'; before: Content; after: Content }
  | { kind: 'homework'; before: HomeworkRow | null; after: { text: string; dueDate: string | null } | null }
  | { kind: 'attendance'; studentId: string; before: AttendanceRow | null; after: AttendanceFields | null }
  | { kind: 'mark'; before: MarkRow | null; after: MarkFields | null; markId: string | null }
  | { kind: 'remark'; studentId: string; text: string }
);

export class SaveInvalid extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

const notOfLesson = (date: string) => `not a student of this lesson's class (or group) on ${date}`;
const blankToNull = (s: string | null | undefined): string | null => (s === null || s === undefined || s.trim() === '' ? null : s.trim());

export function planSave(req: SaveRequest, st: SaveState): SaveOp[] {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string) => errors.push({ field, message });
  const ops: SaveOp[] = [];
  const types = new Map(st.workTypeTable.map((w) => [w.code, w]));

  // Content: topic, held, work types (R-JRN-02).
  if (req.topic !== undefined || req.held !== undefined || req.workTypes !== undefined) {
    const before: Content = { topic: st.topic, held: st.held, workTypes: st.workTypes };
    const after: Content = {
      topic: req.topic === undefined ? st.topic : blankToNull(req.topic), held: req.held ?? st.held,
      workTypes: req.workTypes === undefined ? st.workTypes : [...new Set(req.workTypes)],
    };
    if (after.held && after.topic === null) bad('topic', 'the topic is required once the lesson is marked held (R-JRN-02)');
    (req.workTypes ?? []).forEach((code, i) => {
      const t = types.get(code);
      if (!t) bad(`workTypes[${i}]`, `no work type "${code}" in this school`);
      else if (t.archived && !st.workTypes.includes(code)) bad(`workTypes[${i}]`, `the work type "${code}" is archived`);
    });
    if (before.topic !== after.topic || before.held !== after.held || before.workTypes.join('\n') !== after.workTypes.join('\n')) {
      ops.push({ kind: 'content', field: req.topic !== undefined && before.topic !== after.topic ? 'topic' : req.held !== undefined && before.held !== after.held ? 'held' : 'workTypes',
        item: 'content', entered: st.firstEnteredAt ? { enteredLate: st.enteredLate } : null, before, after });
    }
  }

  // Homework with its due date (R-JRN-02).
  if (req.homework !== undefined) {
    const was = st.entries.homework;
    if (req.homework === null) {
      if (was) ops.push({ kind: 'homework', field: 'homework', item: 'homework', entered: was, before: was, after: null });
    } else {
      const after = { text: req.homework.text.trim(), dueDate: req.homework.dueDate ?? null };
      if (after.dueDate !== null && after.dueDate < st.date) bad('homework.dueDate', 'the homework cannot be due before the lesson');
      if (!was || was.text !== after.text || was.dueDate !== after.dueDate) {
        ops.push({ kind: 'homework', field: 'homework', item: 'homework', entered: was, before: was, after });
      }
    }
  }

  // Attendance (R-JRN-04): no row = present.
  const attendanceSeen = new Set<string>();
  (req.attendance ?? []).forEach((a, i) => {
    const field = `attendance[${i}]`;
    if (!st.studentIds.has(a.studentId)) return bad(`${field}.studentId`, notOfLesson(st.date));
    if (attendanceSeen.has(a.studentId)) return bad(`${field}.studentId`, 'the student is listed twice');
    attendanceSeen.add(a.studentId);
    if (a.code !== null && !(ABSENCE_CODES as readonly string[]).includes(a.code)) return bad(`${field}.code`, `code must be one of ${ABSENCE_CODES.join(', ')} or null`);
    if (a.minutesLate !== undefined && a.minutesLate !== null && a.code !== 'ОП') return bad(`${field}.minutesLate`, 'minutes late go with the code ОП only');
    const was = st.entries.attendance.find((r) => r.studentId === a.studentId) ?? null;
    const after = a.code === null ? null : { code: a.code, minutesLate: a.minutesLate ?? null };
    if (was === null && after === null) return;
    if (was && after && was.code === after.code && was.minutesLate === after.minutesLate) return;
    ops.push({ kind: 'attendance', field, item: 'attendance', entered: was, studentId: a.studentId, before: was, after });
  });

  // Marks (R-JRN-03): weight from the work type; several per student per lesson.
  const deleted = new Set(req.marks?.delete ?? []);
  const touched = new Set<string>();
  (req.marks?.upsert ?? []).forEach((m, i) => {
    const field = `marks.upsert[${i}]`;
    const before = errors.length;
    if (!(MARK_VALUES as readonly string[]).includes(m.value)) bad(`${field}.value`, `value must be one of ${MARK_VALUES.join(', ')}`);
    if (!st.studentIds.has(m.studentId)) bad(`${field}.studentId`, notOfLesson(st.date));
    const type = types.get(m.workType);
    const was = m.id ? st.entries.marks.find((x) => x.id === m.id) ?? null : null;
    if (!type) bad(`${field}.workType`, `no work type "${m.workType}" in this school`);
    else if (type.archived && was?.workType !== m.workType) bad(`${field}.workType`, `the work type "${m.workType}" is archived`);
    if (m.id) {
      if (!was) bad(`${field}.id`, 'no such mark on this lesson');
      else if (was.studentId !== m.studentId) bad(`${field}.studentId`, 'a mark cannot move to another student');
      if (touched.has(m.id)) bad(`${field}.id`, 'the mark is listed twice');
      if (deleted.has(m.id)) bad(`${field}.id`, 'the mark is both changed and deleted');
      touched.add(m.id);
    }
    if (errors.length > before || !type) return;
    const comment = blankToNull(m.comment);
    if (was) {
      const after: MarkFields = { studentId: was.studentId, value: m.value, workType: m.workType, weight: was.workType === m.workType ? was.weight : type.weight, comment };
      if (was.value === after.value && was.workType === after.workType && was.comment === after.comment) return;
      // The mark's own type decides its window: switching it to a control type does not reopen it.
      ops.push({ kind: 'mark', field, item: was.isControl ? 'control_mark' : 'mark', entered: was, before: was, after, markId: was.id });
    } else {
      ops.push({ kind: 'mark', field, item: type.isControl ? 'control_mark' : 'mark', entered: null, before: null, markId: null,
        after: { studentId: m.studentId, value: m.value, workType: m.workType, weight: type.weight, comment } });
    }
  });
  [...deleted].forEach((id) => {
    const i = (req.marks?.delete ?? []).indexOf(id);
    const was = st.entries.marks.find((x) => x.id === id);
    if (!was) return bad(`marks.delete[${i}]`, 'no such mark on this lesson');
    ops.push({ kind: 'mark', field: `marks.delete[${i}]`, item: was.isControl ? 'control_mark' : 'mark', entered: was, before: was, after: null, markId: id });
  });

  // Remarks (R-JRN-10): new ones only; a remark is entered on or after the lesson day like a mark.
  (req.remarks ?? []).forEach((r, i) => {
    if (!st.studentIds.has(r.studentId)) return bad(`remarks[${i}].studentId`, notOfLesson(st.date));
    ops.push({ kind: 'remark', field: `remarks[${i}]`, item: 'mark', entered: null, studentId: r.studentId, text: r.text.trim() });
  });

  if (errors.length) throw new SaveInvalid(errors);
  return ops;
}
