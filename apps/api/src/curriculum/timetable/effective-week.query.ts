import { EntityManager } from 'typeorm';
import type { ChangeRow, TemplateRow } from './effective-week';

export interface WeekScope {
  schoolId: string;
  from: string;
  to: string;
  classId?: string;
  teacherId?: string;
}

const PERSON = (a: string) => `concat_ws(' ', ${a}.last_name, ${a}.first_name, ${a}.middle_name)`;

/**
 * R-CUR-08: template entries and one-off changes behind the effective timetable of a date range, for one class, one
 * teacher or the whole school, in two statements. Entries include those whose lessons are moved into the range or
 * substituted by the teacher, even when they are another teacher's or valid on other days only.
 */
export async function loadWeek(tx: EntityManager, s: WeekScope): Promise<{ entries: TemplateRow[]; changes: ChangeRow[] }> {
  const params = [s.schoolId, s.from, s.to, s.classId ?? null, s.teacherId ?? null];
  const changes: (ChangeRow & { entryId: string })[] = await tx.query(
    `SELECT ch.id, ch.entry_id AS "entryId", ch.date::text AS date, ch.kind, ch.new_lesson_number AS "newLessonNumber", ch.new_date::text AS "newDate",
            ch.new_room_id AS "newRoomId", r.name AS "newRoomName", ch.substitute_teacher_id AS "substituteTeacherId",
            CASE WHEN sp.id IS NULL THEN NULL ELSE ${PERSON('sp')} END AS "substituteTeacherName", ch.reason
       FROM timetable_changes ch JOIN timetable_entries e ON e.id = ch.entry_id
       LEFT JOIN rooms r ON r.id = ch.new_room_id LEFT JOIN persons sp ON sp.id = ch.substitute_teacher_id
      WHERE ch.school_id = $1 AND (ch.date BETWEEN $2::date AND $3::date OR ch.new_date BETWEEN $2::date AND $3::date)
        AND ($4::uuid IS NULL OR e.class_id = $4) AND ($5::uuid IS NULL OR e.teacher_id = $5 OR ch.substitute_teacher_id = $5)`, params);
  const entries: TemplateRow[] = await tx.query(
    `SELECT t.id, t.weekday, t.lesson_number AS "lessonNumber", t.class_id AS "classId", c.grade || c.letter AS "className", c.grade,
            t.subgroup_id AS "subgroupId", g.name AS "subgroupName", t.subject_id AS "subjectId", sj.name AS "subjectName",
            t.teacher_id AS "teacherId", ${PERSON('p')} AS "teacherName", t.room_id AS "roomId", r.name AS "roomName",
            t.valid_from::text AS "validFrom", t.valid_to::text AS "validTo"
       FROM timetable_entries t JOIN classes c ON c.id = t.class_id JOIN subjects sj ON sj.id = t.subject_id JOIN persons p ON p.id = t.teacher_id
       LEFT JOIN subgroups g ON g.id = t.subgroup_id LEFT JOIN rooms r ON r.id = t.room_id
      WHERE t.school_id = $1 AND (
              (t.valid_from <= $3::date AND (t.valid_to IS NULL OR t.valid_to >= $2::date)
                AND ($4::uuid IS NULL OR t.class_id = $4) AND ($5::uuid IS NULL OR t.teacher_id = $5))
              OR t.id = ANY($6::uuid[]))`,
    [...params, [...new Set(changes.map((c) => c.entryId))]]);
  return { entries, changes };
}
