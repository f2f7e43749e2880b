import type { EntityManager } from 'typeorm';
import { type JournalContext, personName, studentMarksCte, weightedAverageSql } from './journal-context';

/**
 * R-JRN-12: the rows of the class journal page — lessons, teachers, students with averages and period marks, and the cells —
 * in four statements after the context (no per-student or per-lesson queries, whatever the size of the class).
 */

export interface LessonRow {
  id: string;
  date: string;
  lessonNumber: number;
  topic: string | null;
  held: boolean;
  workTypes: string[];
  subgroupId: string | null;
  teacherId: string;
  substituteTeacherId: string | null;
  entered: boolean;
  enteredLate: boolean;
  homework: string | null;
  homeworkDueDate: string | null;
}

export interface TeacherRow { id: string; fullName: string }

export interface StudentRow {
  id: string;
  fullName: string;
  enrolledFrom: string;
  enrolledTo: string;
  weightedAverage: number | null;
  periodMarkId: string | null;
  periodMark: string | null;
  periodMarkVersion: number | null;
}

export interface CellRow {
  kind: 'mark' | 'attendance' | 'external';
  lessonId: string | null;
  studentId: string;
  id: string | null;
  value: string;
  workType: string | null;
  weight: number | null;
  comment: string | null;
  date: string | null;
  institution: string | null;
}

export interface ClassPageRows {
  lessons: LessonRow[];
  teachers: TeacherRow[];
  students: StudentRow[];
  cells: CellRow[];
}

// Lessons of the class and subject in the period; a subgroup's page has its own lessons and the whole-class ones.
const LESSONS_SQL = `
SELECT l.id, l.date::text AS date, l.lesson_number AS "lessonNumber", l.topic, l.held, l.work_types AS "workTypes",
       l.subgroup_id AS "subgroupId", l.teacher_id AS "teacherId", l.substitute_teacher_id AS "substituteTeacherId",
       l.first_entered_at IS NOT NULL AS entered, l.entered_late AS "enteredLate", h.text AS homework, h.due_date::text AS "homeworkDueDate"
  FROM lessons l LEFT JOIN homework h ON h.lesson_id = l.id
 WHERE l.class_id = $1 AND l.subject_id = $2 AND l.date BETWEEN $3::date AND $4::date AND NOT l.cancelled
   AND ($5::uuid IS NULL OR l.subgroup_id IS NULL OR l.subgroup_id = $5)
 ORDER BY l.date, l.lesson_number, l.id`;

// Teachers with a load for the class and subject (of the subgroup, or of the whole class) and the teachers of record and substitutes.
const TEACHERS_SQL = `
SELECT p.id, ${personName('p')} AS "fullName"
  FROM persons p
 WHERE p.id IN (SELECT t.teacher_id FROM teacher_loads t
                 WHERE t.academic_year_id = $1 AND t.class_id = $2 AND t.subject_id = $3
                   AND ($4::uuid IS NULL OR t.subgroup_id IS NULL OR t.subgroup_id = $4)
                UNION SELECT unnest($5::uuid[]))
 ORDER BY p.last_name, p.first_name, p.middle_name, p.id`;

// $1 class, $2 subject, $3..$4 period dates, $5 period, $6 subgroup (or null).
const STUDENTS_SQL = `
WITH ${studentMarksCte({ classId: '$1', subjectId: '$2', from: '$3', to: '$4', subgroupId: '$6' })},
av AS (SELECT student_id, ${weightedAverageSql('value', 'weight')} AS average FROM mk GROUP BY student_id)
SELECT s.id, ${personName('p')} AS "fullName", st.enrolled_from::text AS "enrolledFrom", st.enrolled_to::text AS "enrolledTo",
       av.average AS "weightedAverage", pm.id AS "periodMarkId", pm.value AS "periodMark", pm.version AS "periodMarkVersion"
  FROM st
  JOIN students s ON s.id = st.student_id
  JOIN persons p ON p.id = s.person_id
  LEFT JOIN av ON av.student_id = st.student_id
  LEFT JOIN period_marks pm ON pm.student_id = st.student_id AND pm.subject_id = $2 AND pm.kind = 'period' AND pm.period_id = $5
 ORDER BY p.last_name, p.first_name, p.middle_name, s.id`;

// Marks and attendance on the page's lessons, and marks from another institution in the period, of the page's students.
const CELLS_SQL = `
SELECT kind, "lessonId", "studentId", id, value, "workType", weight, comment, date, institution FROM (
  SELECT 'mark' AS kind, m.lesson_id AS "lessonId", m.student_id AS "studentId", m.id, m.value, m.work_type AS "workType",
         m.weight::float8 AS weight, m.comment, NULL::text AS date, NULL::text AS institution, m.entered_at AS at
    FROM marks m WHERE m.lesson_id = ANY($1::uuid[]) AND m.student_id = ANY($2::uuid[])
  UNION ALL
  SELECT 'attendance', a.lesson_id, a.student_id, NULL, a.code, NULL, NULL, NULL, NULL, NULL, NULL
    FROM attendance a WHERE a.lesson_id = ANY($1::uuid[]) AND a.student_id = ANY($2::uuid[])
  UNION ALL
  SELECT 'external', NULL, x.student_id, x.id, x.value, x.work_type, x.weight::float8, NULL, x.date::text, x.institution, x.created_at
    FROM external_marks x WHERE x.student_id = ANY($2::uuid[]) AND x.subject_id = $3 AND x.date BETWEEN $4::date AND $5::date
) cells
 ORDER BY at NULLS LAST, id`;

/** Runs the page's statements one after another on `tx` (a snapshot transaction: the page is consistent with its ETag). */
export async function loadClassPageRows(tx: EntityManager,
  ctx: JournalContext & { subject: { id: string }; period: NonNullable<JournalContext['period']> }): Promise<ClassPageRows> {
  const { cls, period, subject, subgroup } = ctx;
  const lessons: LessonRow[] = await tx.query(LESSONS_SQL, [cls.id, subject.id, period.startsOn, period.endsOn, subgroup?.id ?? null]);
  const lessonTeachers = [...new Set(lessons.flatMap((l) => (l.substituteTeacherId ? [l.teacherId, l.substituteTeacherId] : [l.teacherId])))];
  const teachers: TeacherRow[] = await tx.query(TEACHERS_SQL, [cls.academicYearId, cls.id, subject.id, subgroup?.id ?? null, lessonTeachers]);
  const students: StudentRow[] = await tx.query(STUDENTS_SQL,
    [cls.id, subject.id, period.startsOn, period.endsOn, period.id, subgroup?.id ?? null]);
  const cells: CellRow[] = students.length === 0 ? [] : await tx.query(CELLS_SQL,
    [lessons.map((l) => l.id), students.map((s) => s.id), subject.id, period.startsOn, period.endsOn]);
  return { lessons, teachers, students, cells };
}
