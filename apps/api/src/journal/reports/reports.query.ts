import type { EntityManager } from 'typeorm';
import { enrolledStudentsCte, personName, studentMarksCte, weightedAverageSql } from '../class-page/journal-context';

/**
 * R-JRN-13: the rows of the progress and attendance reports of a class, aggregated in SQL — one statement per kind of fact
 * (students, student × subject results, absences), whatever the size of the class.
 */

export interface ReportStudentRow { id: string; fullName: string; enrolledFrom: string; enrolledTo: string }

export interface ResultRow {
  subjectId: string;
  subjectName: string;
  subjectShortName: string;
  /** Null on the one row of a subject nobody has a result in yet. */
  studentId: string | null;
  marksCount: number | null;
  weightedAverage: number | null;
  periodMark: string | null;
}

export interface AbsenceRow { studentId: string; subjectId: string; code: string; lessons: number }

export interface LessonCountRow { subjectId: string; subjectName: string; subjectShortName: string; lessons: number }

const STUDENTS_SQL = `
WITH ${enrolledStudentsCte({ classId: '$1', from: '$2', to: '$3' })}
SELECT s.id, ${personName('p')} AS "fullName", st.enrolled_from::text AS "enrolledFrom", st.enrolled_to::text AS "enrolledTo"
  FROM st JOIN students s ON s.id = st.student_id JOIN persons p ON p.id = s.person_id
 ORDER BY p.last_name, p.first_name, p.middle_name, s.id`;

// Subjects of the class (its loads, its lessons of the period) and of its students' results; each student's weighted average and
// marks count per subject, and the period mark when set. $1 class, $2..$3 period dates, $4 period.
const RESULTS_SQL = `
WITH ${studentMarksCte({ classId: '$1', from: '$2', to: '$3' })},
agg AS (SELECT student_id, subject_id, count(*)::int AS marks, ${weightedAverageSql('value', 'weight')} AS average FROM mk GROUP BY student_id, subject_id),
pm AS (SELECT student_id, subject_id, value FROM period_marks
        WHERE kind = 'period' AND period_id = $4 AND student_id IN (SELECT student_id FROM st)),
res AS (SELECT coalesce(agg.student_id, pm.student_id) AS student_id, coalesce(agg.subject_id, pm.subject_id) AS subject_id,
               coalesce(agg.marks, 0) AS marks, agg.average, pm.value AS period_mark
          FROM agg FULL JOIN pm ON pm.student_id = agg.student_id AND pm.subject_id = agg.subject_id),
subj AS (SELECT t.subject_id FROM teacher_loads t JOIN classes c ON c.id = t.class_id AND c.academic_year_id = t.academic_year_id WHERE t.class_id = $1
         UNION SELECT l.subject_id FROM lessons l WHERE l.class_id = $1 AND l.date BETWEEN $2::date AND $3::date AND NOT l.cancelled
         UNION SELECT subject_id FROM res)
SELECT su.id AS "subjectId", su.name AS "subjectName", su.short_name AS "subjectShortName", res.student_id AS "studentId",
       res.marks AS "marksCount", res.average AS "weightedAverage", res.period_mark AS "periodMark"
  FROM subj JOIN subjects su ON su.id = subj.subject_id
  LEFT JOIN res ON res.subject_id = subj.subject_id
 ORDER BY su.name, su.id`;

// R-JRN-04/13: absences by reason on the class's lessons of the range, per student and subject (a lesson is one academic hour).
// The lesson ids go to attendance's primary key as an array (see studentMarksCte).
const ABSENCES_SQL = `
WITH ls AS MATERIALIZED (SELECT l.id, l.subject_id FROM lessons l WHERE l.class_id = $1 AND l.date BETWEEN $2::date AND $3::date AND NOT l.cancelled)
SELECT a.student_id AS "studentId", ls.subject_id AS "subjectId", a.code, count(*)::int AS lessons
  FROM attendance a JOIN ls ON ls.id = a.lesson_id
 WHERE a.lesson_id = ANY (ARRAY(SELECT id FROM ls))
 GROUP BY a.student_id, ls.subject_id, a.code`;

const LESSON_COUNTS_SQL = `
SELECT su.id AS "subjectId", su.name AS "subjectName", su.short_name AS "subjectShortName", count(*)::int AS lessons
  FROM lessons l JOIN subjects su ON su.id = l.subject_id
 WHERE l.class_id = $1 AND l.date BETWEEN $2::date AND $3::date AND NOT l.cancelled
 GROUP BY su.id ORDER BY su.name, su.id`;

export interface ProgressRows { students: ReportStudentRow[]; results: ResultRow[]; absences: AbsenceRow[] }

/** Class × period: students, their results per subject and their absences — three statements on `tx`. */
export async function loadProgressRows(tx: EntityManager, q: { classId: string; periodId: string; from: string; to: string }): Promise<ProgressRows> {
  const students: ReportStudentRow[] = await tx.query(STUDENTS_SQL, [q.classId, q.from, q.to]);
  const results: ResultRow[] = await tx.query(RESULTS_SQL, [q.classId, q.from, q.to, q.periodId]);
  const absences: AbsenceRow[] = await tx.query(ABSENCES_SQL, [q.classId, q.from, q.to]);
  return { students, results, absences };
}

export interface AttendanceRows { students: ReportStudentRow[]; subjects: LessonCountRow[]; absences: AbsenceRow[] }

/** Class × date range: students, the class's lessons per subject and absences by reason — three statements on `tx`. */
export async function loadAttendanceRows(tx: EntityManager, q: { classId: string; from: string; to: string }): Promise<AttendanceRows> {
  const students: ReportStudentRow[] = await tx.query(STUDENTS_SQL, [q.classId, q.from, q.to]);
  const subjects: LessonCountRow[] = await tx.query(LESSON_COUNTS_SQL, [q.classId, q.from, q.to]);
  const absences: AbsenceRow[] = await tx.query(ABSENCES_SQL, [q.classId, q.from, q.to]);
  return { students, subjects, absences };
}
