import { EntityManager } from 'typeorm';
import type { InspectionInput } from './rules';

/**
 * R-CUR-05: every row the inspector's rules need for one plan, in one set of queries (no per-class loops).
 * The template week is the one valid today (school time zone), clamped into the academic year.
 */
export async function loadInspectionInput(tx: EntityManager, plan: { id: string; schoolId: string; academicYearId: string }): Promise<InspectionInput> {
  const p = [plan.academicYearId];
  // One after another: inside a transaction the statements share one connection.
  const statements: [string, unknown[]][] = [
    [`SELECT greatest(y.starts_on, least((now() AT TIME ZONE s.time_zone)::date, y.ends_on))::text AS as_of
                FROM academic_years y JOIN schools s ON s.id = y.school_id WHERE y.id = $1`, p],
    [`SELECT c.id, c.grade || c.letter AS name, c.grade,
                     coalesce((SELECT w.days_per_week FROM working_modes w WHERE w.academic_year_id = c.academic_year_id
                                 AND c.grade BETWEEN w.grade_from AND w.grade_to ORDER BY w.grade_to - w.grade_from LIMIT 1), 5) AS "daysPerWeek"
                FROM classes c WHERE c.academic_year_id = $1 ORDER BY c.grade, c.letter`, p],
    [`SELECT id, name FROM subjects WHERE school_id = $1 ORDER BY name`, [plan.schoolId]],
    [`SELECT subject_id AS "subjectId", grade, class_id AS "classId", weekly_hours::float8 AS "weeklyHours"
                FROM curriculum_plan_lines WHERE plan_id = $1 ORDER BY grade, class_id NULLS FIRST, subject_id`, [plan.id]],
    [`SELECT g.id, g.class_id AS "classId", g.name, g.subject_name AS "subjectName"
                FROM subgroups g JOIN classes c ON c.id = g.class_id WHERE c.academic_year_id = $1 ORDER BY g.name`, p],
    [`SELECT l.id, l.teacher_id AS "teacherId", concat_ws(' ', pe.last_name, pe.first_name, pe.middle_name) AS "teacherName",
                     EXISTS (SELECT 1 FROM employments e WHERE e.school_id = l.school_id AND e.person_id = l.teacher_id AND e.dismissed_at IS NULL
                               AND e.roles && '{teacher,class_teacher}'::text[]) AS "teacherActive",
                     l.class_id AS "classId", l.subgroup_id AS "subgroupId", l.subject_id AS "subjectId", l.weekly_hours::float8 AS "weeklyHours"
                FROM teacher_loads l JOIN persons pe ON pe.id = l.teacher_id JOIN classes c ON c.id = l.class_id
               WHERE l.academic_year_id = $1 ORDER BY c.grade, c.letter, l.subject_id, l.subgroup_id NULLS FIRST, pe.last_name`, p],
    [`SELECT t.id, t.weekday, t.lesson_number AS "lessonNumber", t.class_id AS "classId", t.subgroup_id AS "subgroupId",
                     t.subject_id AS "subjectId", t.teacher_id AS "teacherId", concat_ws(' ', pe.last_name, pe.first_name, pe.middle_name) AS "teacherName",
                     t.room_id AS "roomId", r.name AS "roomName", t.valid_from::text AS "validFrom", t.valid_to::text AS "validTo"
                FROM timetable_entries t JOIN persons pe ON pe.id = t.teacher_id LEFT JOIN rooms r ON r.id = t.room_id
               WHERE t.academic_year_id = $1 ORDER BY t.weekday, t.lesson_number, t.valid_from, t.id`, p],
    [`SELECT subject_id AS "subjectId", grade_from AS "gradeFrom", grade_to AS "gradeTo" FROM textbooks WHERE school_id = $1`, [plan.schoolId]],
  ];
  const results: unknown[][] = [];
  for (const [sql, params] of statements) results.push(await tx.query(sql, params));
  const [[year], classes, subjects, lines, subgroups, loads, entries, textbooks] = results as [
    { as_of: string }[], InspectionInput['classes'], InspectionInput['subjects'], InspectionInput['lines'], InspectionInput['subgroups'],
    InspectionInput['loads'], InspectionInput['entries'], InspectionInput['textbooks']];
  return { asOf: year.as_of, classes, subjects, lines, subgroups, loads, entries, textbooks };
}
