import type { SaveLessonBody } from '../lesson/types';

/** R-JRN-06: what a change request asks for, item by item (POST /change-requests). */
export type ChangeItemKind = 'mark' | 'attendance' | 'lesson_content' | 'period_mark';

export interface ChangeItemInput {
  kind: ChangeItemKind;
  /** The mark (or period mark) to change or remove. */
  targetId?: string;
  lessonId?: string;
  studentId?: string;
  /** Work type of a mark to add. */
  workType?: string;
  newValue: string | null;
}

/** One item the edit policy refused in a lesson save (403 /problems/edit-window-closed). */
export interface DeniedItem {
  field: string;
  item: string;
  reason: string;
  editableUntil: string | null;
  needsChangeRequest: boolean;
}

/** Turns the refused parts of a lesson save into change-request items, so the teacher files exactly what was refused. */
export function changeItemsFromDenied(lessonId: string, body: SaveLessonBody, denied: DeniedItem[]): ChangeItemInput[] {
  const out: ChangeItemInput[] = [];
  for (const d of denied) {
    if (!d.needsChangeRequest) continue;
    const m = /^(attendance|marks\.upsert|marks\.delete)\[(\d+)\]/.exec(d.field);
    if (m) {
      const i = Number(m[2]);
      if (m[1] === 'attendance') {
        const a = body.attendance?.[i];
        if (a) out.push({ kind: 'attendance', lessonId, studentId: a.studentId, newValue: a.code });
      } else if (m[1] === 'marks.upsert') {
        const u = body.marks?.upsert?.[i];
        if (u?.id) out.push({ kind: 'mark', targetId: u.id, newValue: u.value });
        else if (u) out.push({ kind: 'mark', lessonId, studentId: u.studentId, workType: u.workType, newValue: u.value });
      } else {
        const id = body.marks?.delete?.[i];
        if (id) out.push({ kind: 'mark', targetId: id, newValue: null });
      }
    } else if (d.field === 'topic' && body.topic) {
      out.push({ kind: 'lesson_content', lessonId, newValue: body.topic });
    }
  }
  return out;
}
