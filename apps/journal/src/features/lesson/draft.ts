import type { LessonMark, LessonPageData, LessonStudent, SaveLessonBody } from './types';

/**
 * The unsaved changes of a lesson page, kept apart from the lesson as the server last sent it (the base), so that a reload after a
 * conflict (409) replaces the base and keeps every pending value. Each change remembers the value it replaced (`was`): when the base
 * now holds something else, someone changed it meanwhile and the grid shows both values.
 */

export interface MarkChange {
  studentId: string;
  value: string;
  workType: string;
  comment: string | null;
  /** The value the teacher saw when changing it. */
  was: string;
}

export interface MarkRemoval {
  studentId: string;
  removed: true;
  was: string;
}

export interface NewMark {
  key: string;
  value: string;
  workType: string;
  comment: string | null;
}

export interface NewRemark {
  key: string;
  studentId: string;
  text: string;
}

export interface Draft {
  topic?: { value: string; was: string | null };
  held?: { value: boolean; was: boolean };
  workTypes?: { value: string[]; was: string[] };
  homework?: { text: string; dueDate: string; was: { text: string; dueDate: string } };
  /** By student id: the absence code, or null for present. */
  attendance: Record<string, { code: string | null; was: string | null }>;
  /** By mark id. */
  marks: Record<string, MarkChange | MarkRemoval>;
  /** New marks by student id. */
  added: Record<string, NewMark[]>;
  remarks: NewRemark[];
}

export const emptyDraft = (): Draft => ({ attendance: {}, marks: {}, added: {}, remarks: [] });

let seq = 0;
const nextKey = () => `n${++seq}`;

export const isRemoval = (c: MarkChange | MarkRemoval | undefined): c is MarkRemoval => !!c && 'removed' in c;

/** How many things the teacher changed and has not saved. */
export function countChanges(d: Draft): number {
  return (d.topic ? 1 : 0) + (d.held ? 1 : 0) + (d.workTypes ? 1 : 0) + (d.homework ? 1 : 0)
    + Object.keys(d.attendance).length + Object.keys(d.marks).length
    + Object.values(d.added).reduce((n, list) => n + list.length, 0) + d.remarks.length;
}

export const homeworkOf = (l: LessonPageData) => ({ text: l.homework?.text ?? '', dueDate: l.homework?.dueDate ?? '' });
const sameList = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

export function setTopic(d: Draft, l: LessonPageData, value: string): Draft {
  const { topic: _old, ...rest } = d;
  return value === (l.topic ?? '') ? rest as Draft : { ...d, topic: { value, was: d.topic?.was ?? l.topic ?? null } };
}

export function setHeld(d: Draft, l: LessonPageData, value: boolean): Draft {
  const { held: _old, ...rest } = d;
  return value === l.held ? rest as Draft : { ...d, held: { value, was: d.held?.was ?? l.held } };
}

export function setWorkTypes(d: Draft, l: LessonPageData, value: string[]): Draft {
  const { workTypes: _old, ...rest } = d;
  return sameList(value, l.workTypes) ? rest as Draft : { ...d, workTypes: { value, was: d.workTypes?.was ?? l.workTypes } };
}

export function setHomework(d: Draft, l: LessonPageData, value: { text: string; dueDate: string }): Draft {
  const base = homeworkOf(l);
  const { homework: _old, ...rest } = d;
  return value.text === base.text && value.dueDate === base.dueDate ? rest as Draft : { ...d, homework: { ...value, was: d.homework?.was ?? base } };
}

export function setAttendance(d: Draft, s: LessonStudent, code: string | null): Draft {
  const current = s.attendance?.code ?? null;
  const attendance = { ...d.attendance };
  if (code === current) delete attendance[s.studentId];
  else attendance[s.studentId] = { code, was: d.attendance[s.studentId]?.was ?? current };
  return { ...d, attendance };
}

export function addRemark(d: Draft, studentId: string, text: string): Draft {
  return { ...d, remarks: [...d.remarks, { key: nextKey(), studentId, text }] };
}

export function dropRemark(d: Draft, key: string): Draft {
  return { ...d, remarks: d.remarks.filter((r) => r.key !== key) };
}

/** One mark position of a student's row: an existing mark (maybe changed or removed), a new one, or the empty cell at the end. */
export type Slot =
  | { kind: 'existing'; mark: LessonMark; change?: MarkChange | MarkRemoval }
  | { kind: 'added'; added: NewMark; index: number }
  | { kind: 'empty' };

export function slotsOf(d: Draft, s: LessonStudent): Slot[] {
  return [
    ...s.marks.map((mark): Slot => ({ kind: 'existing', mark, change: d.marks[mark.id] })),
    ...(d.added[s.studentId] ?? []).map((added, index): Slot => ({ kind: 'added', added, index })),
  ];
}

export function slotAt(d: Draft, s: LessonStudent, i: number): Slot {
  return slotsOf(d, s)[i] ?? { kind: 'empty' };
}

/** Sets a mark in slot `i`: changes an existing one (keeping its work type), replaces a new one, or adds one of `workType`. */
export function setMark(d: Draft, s: LessonStudent, i: number, value: string, workType: string, comment?: string | null): Draft {
  const slot = slotAt(d, s, i);
  if (slot.kind === 'existing') {
    const m = slot.mark;
    const marks = { ...d.marks };
    const nextType = comment !== undefined ? workType : (isRemoval(slot.change) ? m.workType : slot.change?.workType ?? m.workType);
    const nextComment = comment !== undefined ? comment : (isRemoval(slot.change) ? m.comment : slot.change?.comment ?? m.comment);
    if (value === m.value && nextType === m.workType && (nextComment ?? null) === (m.comment ?? null)) delete marks[m.id];
    else marks[m.id] = { studentId: s.studentId, value, workType: nextType, comment: nextComment ?? null, was: slot.change?.was ?? m.value };
    return { ...d, marks };
  }
  const list = [...(d.added[s.studentId] ?? [])];
  if (slot.kind === 'added') list[slot.index] = { ...slot.added, value, ...(comment !== undefined ? { workType, comment } : {}) };
  else list.push({ key: nextKey(), value, workType, comment: comment ?? null });
  return { ...d, added: { ...d.added, [s.studentId]: list } };
}

/** Clears slot `i`: removes an existing mark (or undoes its change), or drops a new one. */
export function clearMark(d: Draft, s: LessonStudent, i: number): Draft {
  const slot = slotAt(d, s, i);
  if (slot.kind === 'existing') {
    const marks = { ...d.marks };
    if (isRemoval(slot.change)) return d;
    marks[slot.mark.id] = { studentId: s.studentId, removed: true, was: slot.change?.was ?? slot.mark.value };
    return { ...d, marks };
  }
  if (slot.kind === 'added') {
    const list = (d.added[s.studentId] ?? []).filter((_, k) => k !== slot.index);
    const added = { ...d.added };
    if (list.length) added[s.studentId] = list;
    else delete added[s.studentId];
    return { ...d, added };
  }
  return d;
}

/** Undoes the change of an existing mark (restores what the server has). */
export function undoMark(d: Draft, markId: string): Draft {
  const marks = { ...d.marks };
  delete marks[markId];
  return { ...d, marks };
}

/** The bulk save request: only what changed, so items outside their window that the teacher did not touch are not sent. */
export function buildBody(d: Draft, l: LessonPageData): SaveLessonBody {
  const body: SaveLessonBody = { version: l.version };
  if (d.topic) body.topic = d.topic.value.trim() === '' ? null : d.topic.value.trim();
  if (d.held) body.held = d.held.value;
  if (d.workTypes) body.workTypes = d.workTypes.value;
  if (d.homework) body.homework = d.homework.text.trim() === '' ? null : { text: d.homework.text.trim(), dueDate: d.homework.dueDate || null };
  const attendance = Object.entries(d.attendance).map(([studentId, a]) => ({ studentId, code: a.code }));
  if (attendance.length) body.attendance = attendance;
  const byId = new Map(l.students.flatMap((s) => s.marks.map((m) => [m.id, { m, s }] as const)));
  const upsert: NonNullable<NonNullable<SaveLessonBody['marks']>['upsert']> = [];
  const remove: string[] = [];
  for (const [id, c] of Object.entries(d.marks)) {
    const found = byId.get(id);
    if (!found) continue;
    if (isRemoval(c)) remove.push(id);
    else upsert.push({ id, studentId: found.s.studentId, value: c.value, workType: c.workType, ...(c.comment !== (found.m.comment ?? null) ? { comment: c.comment } : {}) });
  }
  for (const [studentId, list] of Object.entries(d.added)) {
    for (const a of list) upsert.push({ studentId, value: a.value, workType: a.workType, ...(a.comment ? { comment: a.comment } : {}) });
  }
  if (upsert.length || remove.length) body.marks = { ...(upsert.length ? { upsert } : {}), ...(remove.length ? { delete: remove } : {}) };
  if (d.remarks.length) body.remarks = d.remarks.map((r) => ({ studentId: r.studentId, text: r.text }));
  return body;
}

/**
 * After a reload (409), keeps every pending value against the new base: a change to a mark someone else removed becomes a new mark,
 * a change that now equals the current value is dropped (nothing left to do), everything else stays with what it replaced.
 */
export function rebase(d: Draft, l: LessonPageData): Draft {
  const students = new Map(l.students.map((s) => [s.studentId, s]));
  const marks = new Map(l.students.flatMap((s) => s.marks.map((m) => [m.id, m] as const)));
  const next: Draft = { ...d, attendance: {}, marks: {}, added: {} };
  for (const [studentId, list] of Object.entries(d.added)) next.added[studentId] = [...list];
  for (const [studentId, a] of Object.entries(d.attendance)) {
    const s = students.get(studentId);
    if (s && (s.attendance?.code ?? null) !== a.code) next.attendance[studentId] = a;
  }
  for (const [id, c] of Object.entries(d.marks)) {
    const m = marks.get(id);
    if (!m) {
      // Removed by someone else: a removal has nothing left to do; a changed value is added again as a new mark.
      if (!isRemoval(c) && students.has(c.studentId)) {
        next.added[c.studentId] = [...(next.added[c.studentId] ?? []), { key: nextKey(), value: c.value, workType: c.workType, comment: c.comment }];
      }
      continue;
    }
    if (isRemoval(c) || c.value !== m.value || c.workType !== m.workType || (c.comment ?? null) !== (m.comment ?? null)) next.marks[id] = c;
  }
  if (d.topic && d.topic.value === (l.topic ?? '')) delete next.topic;
  if (d.held && d.held.value === l.held) delete next.held;
  if (d.workTypes && sameList(d.workTypes.value, l.workTypes)) delete next.workTypes;
  if (d.homework) {
    const h = homeworkOf(l);
    if (d.homework.text === h.text && d.homework.dueDate === h.dueDate) delete next.homework;
  }
  return next;
}
