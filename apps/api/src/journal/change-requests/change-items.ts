import { ABSENCE_CODES, MARK_VALUES } from '@otmetka/contracts';
import type { EntityManager } from 'typeorm';
import { rolesIn, type Actor } from '../../platform/auth/principal';
import { InvalidField, NotFound } from '../../platform/errors/domain-errors';
import type { ChangeItemKind, ChangeItemView } from './change-request.dto';

/**
 * R-JRN-06: the items of a change request — what each one targets and its value now. Filing stores this (the current value is
 * filled by the server); applying resolves the items again and refuses when a value changed since the request was filed.
 */

/** The lesson (or period mark) an item belongs to: where the change is made and who may ask for it. */
export interface ItemScope {
  schoolId: string;
  academicYearId: string;
  classId: string;
  grade: number;
  subjectId: string;
  /** Teacher of record and substitute of the lesson (lesson items). */
  lessonTeachers: string[];
  subgroupId: string | null;
  /** The period mark's own period (period_mark items). */
  periodId: string | null;
}

export type ResolvedItem = ChangeItemView & { scope: ItemScope };

/** An item as filed (the DTO) or as stored in the request (ids may be null). */
export interface ItemInput {
  kind: ChangeItemKind;
  targetId?: string | null;
  lessonId?: string | null;
  studentId?: string | null;
  workType?: string | null;
  newValue: string | null;
}

interface LessonRow {
  id: string; schoolId: string; academicYearId: string; date: string; lessonNumber: number; classId: string; grade: number; subgroupId: string | null;
  subjectId: string; teacherId: string; substituteTeacherId: string | null;
}

const LESSON_SQL = `SELECT l.id, l.school_id AS "schoolId", l.academic_year_id AS "academicYearId", l.date::text AS date, l.lesson_number AS "lessonNumber",
  l.class_id AS "classId", c.grade, l.subgroup_id AS "subgroupId", l.subject_id AS "subjectId", l.teacher_id AS "teacherId",
  l.substitute_teacher_id AS "substituteTeacherId" FROM lessons l JOIN classes c ON c.id = l.class_id`;

const visible = (actor: Actor, schoolId: string | undefined) => !!schoolId && rolesIn(actor.principal, schoolId).length > 0;

const lessonScope = (l: LessonRow): ItemScope => ({
  schoolId: l.schoolId, academicYearId: l.academicYearId, classId: l.classId, grade: l.grade, subjectId: l.subjectId, subgroupId: l.subgroupId,
  lessonTeachers: [l.teacherId, ...(l.substituteTeacherId ? [l.substituteTeacherId] : [])], periodId: null,
});

async function lesson(tx: EntityManager, actor: Actor, id: string | null | undefined, field: string): Promise<LessonRow> {
  if (!id) throw new InvalidField(field, `${field.replace(/^.*\./, '')} is required for this kind of item`);
  const [row]: LessonRow[] = await tx.query(`${LESSON_SQL} WHERE l.id = $1`, [id]);
  if (!row || !visible(actor, row.schoolId)) throw new NotFound('No such lesson');
  return row;
}

/** The student's name, when they were in the lesson's class (and subgroup) on its date (R-ROS-08: data stays with that time). */
async function studentOfLesson(tx: EntityManager, l: LessonRow, studentId: string | null | undefined, field: string): Promise<string> {
  if (!studentId) throw new InvalidField(field, 'studentId is required for this kind of item');
  const [row] = await tx.query(
    `SELECT concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS name FROM students s JOIN persons p ON p.id = s.person_id
      WHERE s.id = $1 AND EXISTS (SELECT 1 FROM enrolments e WHERE e.student_id = s.id AND e.class_id = $2 AND e.starts_on <= $3
                                    AND (e.ends_on IS NULL OR e.ends_on >= $3))
        AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM subgroup_members g WHERE g.subgroup_id = $4 AND g.student_id = s.id))`,
    [studentId, l.classId, l.date, l.subgroupId]);
  if (!row) throw new InvalidField(field, `is not a student of the lesson's class on ${l.date}`);
  return row.name;
}

function checkValue(kind: ChangeItemKind, value: string | null, allowNull: boolean, field: string): void {
  if (value === null) {
    if (!allowNull) throw new InvalidField(field, 'newValue is required for this kind of item');
    return;
  }
  if ((kind === 'mark' || kind === 'period_mark') && !(MARK_VALUES as readonly string[]).includes(value)) {
    throw new InvalidField(field, `newValue must be one of ${MARK_VALUES.join(', ')}${allowNull ? ' or null' : ''}`);
  }
  if (kind === 'attendance' && !(ABSENCE_CODES as readonly string[]).includes(value)) {
    throw new InvalidField(field, `newValue must be one of ${ABSENCE_CODES.join(', ')} or null (present)`);
  }
}

/**
 * Resolves item `i` against the journal as it is now: its target, the class and subject it belongs to, and its current value.
 * Unknown targets, or targets in a school the caller has no role in, answer 404; a malformed item 400 naming `items[i].…`.
 */
export async function resolveItem(tx: EntityManager, actor: Actor, item: ItemInput, i: number, knownWorkTypes: (schoolId: string) => Promise<string[]>):
  Promise<ResolvedItem> {
  const at = (f: string) => `items[${i}].${f}`;
  const base = { kind: item.kind, targetId: item.targetId ?? null, lessonId: item.lessonId ?? null, studentId: item.studentId ?? null,
    workType: null as string | null, newValue: item.newValue };
  let resolved: ResolvedItem;
  switch (item.kind) {
    case 'mark': {
      if (item.targetId) {
        checkValue('mark', item.newValue, true, at('newValue'));
        const [m] = await tx.query(`SELECT id, lesson_id, student_id, value, work_type FROM marks WHERE id = $1`, [item.targetId]);
        if (!m) throw new NotFound('No such mark');
        const l = await lesson(tx, actor, m.lesson_id, at('lessonId'));
        if (item.lessonId && item.lessonId !== m.lesson_id) throw new InvalidField(at('lessonId'), 'is not the lesson of the mark');
        if (item.studentId && item.studentId !== m.student_id) throw new InvalidField(at('studentId'), 'is not the student of the mark');
        const [s] = await tx.query(`SELECT concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS name FROM students s JOIN persons p ON p.id = s.person_id
          WHERE s.id = $1`, [m.student_id]);
        resolved = { ...base, lessonId: l.id, studentId: m.student_id, workType: m.work_type, studentName: s.name, date: l.date,
          lessonNumber: l.lessonNumber, currentValue: m.value, scope: lessonScope(l) };
      } else {
        if (!item.lessonId) throw new InvalidField(at('targetId'), 'targetId (the mark), or lessonId, studentId and workType to add a mark, is required');
        checkValue('mark', item.newValue, false, at('newValue'));
        const l = await lesson(tx, actor, item.lessonId, at('lessonId'));
        const studentName = await studentOfLesson(tx, l, item.studentId, at('studentId'));
        if (!item.workType) throw new InvalidField(at('workType'), 'workType is required to add a mark (R-JRN-03)');
        if (!(await knownWorkTypes(l.schoolId)).includes(item.workType)) throw new InvalidField(at('workType'), 'is not a work type of the school');
        resolved = { ...base, workType: item.workType, studentName, date: l.date, lessonNumber: l.lessonNumber, currentValue: null, scope: lessonScope(l) };
      }
      break;
    }
    case 'attendance': {
      checkValue('attendance', item.newValue, true, at('newValue'));
      const l = await lesson(tx, actor, item.lessonId, at('lessonId'));
      const studentName = await studentOfLesson(tx, l, item.studentId, at('studentId'));
      const [a] = await tx.query(`SELECT code FROM attendance WHERE lesson_id = $1 AND student_id = $2`, [l.id, item.studentId]);
      resolved = { ...base, studentName, date: l.date, lessonNumber: l.lessonNumber, currentValue: a?.code ?? null, scope: lessonScope(l) };
      break;
    }
    case 'lesson_content': {
      checkValue('lesson_content', item.newValue, false, at('newValue'));
      if (item.studentId) throw new InvalidField(at('studentId'), 'is not used for lesson content');
      const l = await lesson(tx, actor, item.lessonId ?? item.targetId, at('lessonId'));
      const [row] = await tx.query(`SELECT topic FROM lessons WHERE id = $1`, [l.id]);
      resolved = { ...base, targetId: l.id, lessonId: l.id, studentName: null, date: l.date, lessonNumber: l.lessonNumber, currentValue: row.topic,
        scope: lessonScope(l) };
      break;
    }
    case 'period_mark': {
      if (!item.targetId) throw new InvalidField(at('targetId'), 'targetId (the period mark) is required');
      checkValue('period_mark', item.newValue, false, at('newValue'));
      const [pm] = await tx.query(
        `SELECT pm.id, pm.school_id, pm.academic_year_id, pm.class_id, c.grade, pm.subject_id, pm.student_id, pm.period_id, pm.value,
                coalesce(sp.ends_on, y.ends_on)::text AS date, concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS student_name
           FROM period_marks pm JOIN classes c ON c.id = pm.class_id JOIN academic_years y ON y.id = pm.academic_year_id
           LEFT JOIN study_periods sp ON sp.id = pm.period_id JOIN students s ON s.id = pm.student_id JOIN persons p ON p.id = s.person_id
          WHERE pm.id = $1`, [item.targetId]);
      if (!pm || !visible(actor, pm.school_id)) throw new NotFound('No such period mark');
      if (item.lessonId) throw new InvalidField(at('lessonId'), 'is not used for a period mark');
      if (item.studentId && item.studentId !== pm.student_id) throw new InvalidField(at('studentId'), 'is not the student of the period mark');
      resolved = { ...base, studentId: pm.student_id, studentName: pm.student_name, date: pm.date, lessonNumber: null, currentValue: pm.value,
        scope: { schoolId: pm.school_id, academicYearId: pm.academic_year_id, classId: pm.class_id, grade: pm.grade, subjectId: pm.subject_id,
          lessonTeachers: [], subgroupId: null, periodId: pm.period_id } };
      break;
    }
  }
  if (resolved.currentValue === resolved.newValue) throw new InvalidField(at('newValue'), 'is the current value: nothing to change');
  return resolved;
}

/** The item as stored in the request (jsonb) and shown: what, where, and the value then → the value asked for. */
export const storedItem = ({ scope: _scope, ...view }: ResolvedItem): ChangeItemView => view;
