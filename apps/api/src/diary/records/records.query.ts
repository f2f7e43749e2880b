import { EntityManager } from 'typeorm';

/**
 * R-DIA-02..06: hand-written reads of one student's records — marks of a period, period and final marks, attendance,
 * teachers — each one or two statements over the journal's and curriculum's tables.
 */

const PERSON = (a: string) => `concat_ws(' ', ${a}.last_name, ${a}.first_name, ${a}.middle_name)`;
/** The student ($1) is in the subgroup of a row (or the row is for the whole class). */
const IN_SUBGROUP = (col: string) => `(${col} IS NULL OR EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.subgroup_id = ${col} AND sm.student_id = $1))`;
/** Enrolments of the student ($1) overlapping the range [$2, $3]. */
const ENROLLED = `e.student_id = $1 AND e.starts_on <= $3::date AND (e.ends_on IS NULL OR e.ends_on >= $2::date)`;

export interface PeriodRow {
  id: string;
  academicYearId: string;
  name: string;
  number: number;
  kind: string;
  startsOn: string;
  endsOn: string;
}

const PERIOD_COLUMNS = `p.id, p.academic_year_id AS "academicYearId", p.name, p.number, p.kind, p.starts_on::text AS "startsOn", p.ends_on::text AS "endsOn"`;

/** Study periods of a year for a grade (R-CUR-02), in order. */
export function periodsOf(tx: EntityManager, academicYearId: string, grade: number): Promise<PeriodRow[]> {
  return tx.query(`SELECT ${PERIOD_COLUMNS} FROM study_periods p WHERE p.academic_year_id = $1 AND p.grade_from <= $2 AND p.grade_to >= $2
    ORDER BY p.starts_on`, [academicYearId, grade]);
}

export async function periodOfSchool(tx: EntityManager, schoolId: string, id: string): Promise<PeriodRow | undefined> {
  const [row] = await tx.query(`SELECT ${PERIOD_COLUMNS} FROM study_periods p WHERE p.id = $1 AND p.school_id = $2`, [id, schoolId]);
  return row;
}

export async function yearOfSchool(tx: EntityManager, schoolId: string, id: string): Promise<{ id: string; name: string; startsOn: string; endsOn: string } | undefined> {
  const [row] = await tx.query(`SELECT id, name, starts_on::text AS "startsOn", ends_on::text AS "endsOn" FROM academic_years WHERE id = $1 AND school_id = $2`,
    [id, schoolId]);
  return row;
}

/** The student's class in an academic year (the last one when they moved within the year). */
export async function classInYear(tx: EntityManager, studentId: string, academicYearId: string): Promise<{ classId: string; className: string; grade: number } | undefined> {
  const [row] = await tx.query(
    `SELECT c.id AS "classId", c.grade || c.letter AS "className", c.grade FROM enrolments e JOIN classes c ON c.id = e.class_id
      WHERE e.student_id = $1 AND c.academic_year_id = $2 ORDER BY e.starts_on DESC, e.created_at DESC LIMIT 1`, [studentId, academicYearId]);
  return row;
}

export interface MarkLine {
  id: string;
  date: string;
  lessonId: string | null;
  subjectId: string;
  subjectName: string;
  value: string;
  workType: string;
  workTypeName: string | null;
  weight: number;
  comment: string | null;
  external: boolean;
  institution: string | null;
}

/** R-DIA-04: the student's marks in a date range — journal marks and marks transferred from another institution (R-JRN-09). */
export function marksBetween(tx: EntityManager, studentId: string, from: string, to: string): Promise<MarkLine[]> {
  return tx.query(
    `SELECT m.id, l.date::text AS date, l.id AS "lessonId", l.subject_id AS "subjectId", sj.name AS "subjectName", m.value, m.work_type AS "workType",
            wt.name AS "workTypeName", m.weight::float8 AS weight, m.comment, false AS external, NULL::text AS institution
       FROM marks m JOIN lessons l ON l.id = m.lesson_id JOIN subjects sj ON sj.id = l.subject_id
       LEFT JOIN work_types wt ON wt.school_id = m.school_id AND wt.code = m.work_type
      WHERE m.student_id = $1 AND l.date BETWEEN $2::date AND $3::date
     UNION ALL
     SELECT x.id, x.date::text, NULL, x.subject_id, sj.name, x.value, x.work_type, wt.name, x.weight::float8, NULL, true, x.institution
       FROM external_marks x JOIN subjects sj ON sj.id = x.subject_id LEFT JOIN work_types wt ON wt.school_id = x.school_id AND wt.code = x.work_type
      WHERE x.student_id = $1 AND x.date BETWEEN $2::date AND $3::date
      ORDER BY date, id`, [studentId, from, to]);
}

/** Subjects the student is taught in a range: the teacher loads of their classes (subgroups they belong to). */
export function subjectsTaught(tx: EntityManager, studentId: string, from: string, to: string): Promise<{ subjectId: string; subjectName: string }[]> {
  return tx.query(
    `SELECT DISTINCT sj.id AS "subjectId", sj.name AS "subjectName"
       FROM enrolments e JOIN teacher_loads tl ON tl.class_id = e.class_id JOIN subjects sj ON sj.id = tl.subject_id
      WHERE ${ENROLLED} AND ${IN_SUBGROUP('tl.subgroup_id')}`, [studentId, from, to]);
}

export interface PeriodMarkRow {
  academicYearId: string;
  academicYearName: string;
  yearStartsOn: string;
  className: string;
  subjectId: string;
  subjectName: string;
  kind: 'period' | 'annual' | 'exam' | 'final';
  periodId: string | null;
  value: string;
}

const PERIOD_MARK_COLUMNS = `pm.academic_year_id AS "academicYearId", y.name AS "academicYearName", y.starts_on::text AS "yearStartsOn",
  c.grade || c.letter AS "className", pm.subject_id AS "subjectId", sj.name AS "subjectName", pm.kind, pm.period_id AS "periodId", pm.value`;
const PERIOD_MARK_FROM = `period_marks pm JOIN academic_years y ON y.id = pm.academic_year_id JOIN classes c ON c.id = pm.class_id
  JOIN subjects sj ON sj.id = pm.subject_id`;

/** R-DIA-05: period, annual, exam and final marks of one year. */
export function periodMarksOfYear(tx: EntityManager, studentId: string, academicYearId: string): Promise<PeriodMarkRow[]> {
  return tx.query(`SELECT ${PERIOD_MARK_COLUMNS} FROM ${PERIOD_MARK_FROM} WHERE pm.student_id = $1 AND pm.academic_year_id = $2
    ORDER BY sj.name`, [studentId, academicYearId]);
}

/** R-DIA-06: annual, exam and final marks of every year but the current one, newest first. */
export function finalMarks(tx: EntityManager, studentId: string, currentYearId: string | null): Promise<PeriodMarkRow[]> {
  return tx.query(`SELECT ${PERIOD_MARK_COLUMNS} FROM ${PERIOD_MARK_FROM}
    WHERE pm.student_id = $1 AND pm.kind IN ('annual', 'exam', 'final') AND pm.academic_year_id IS DISTINCT FROM $2::uuid
    ORDER BY y.starts_on DESC, sj.name`, [studentId, currentYearId]);
}

export interface AbsenceRow {
  lessonId: string;
  date: string;
  lessonNumber: number;
  subjectId: string;
  subjectName: string;
  code: string;
  minutesLate: number | null;
}

/** R-DIA-02: every absence or lateness of the student in a range, lesson by lesson. */
export function absencesBetween(tx: EntityManager, studentId: string, from: string, to: string): Promise<AbsenceRow[]> {
  return tx.query(
    `SELECT l.id AS "lessonId", l.date::text AS date, l.lesson_number AS "lessonNumber", l.subject_id AS "subjectId", sj.name AS "subjectName",
            a.code, a.minutes_late AS "minutesLate"
       FROM attendance a JOIN lessons l ON l.id = a.lesson_id JOIN subjects sj ON sj.id = l.subject_id
      WHERE a.student_id = $1 AND l.date BETWEEN $2::date AND $3::date
      ORDER BY l.date, l.lesson_number`, [studentId, from, to]);
}

/** Lessons the student had (not cancelled, up to `until`) per subject: the base of the absence shares. */
export function lessonsPerSubject(tx: EntityManager, studentId: string, from: string, to: string): Promise<{ subjectId: string; subjectName: string; lessons: number }[]> {
  return tx.query(
    `SELECT l.subject_id AS "subjectId", sj.name AS "subjectName", count(*)::int AS lessons
       FROM enrolments e JOIN lessons l ON l.class_id = e.class_id AND l.date BETWEEN e.starts_on AND coalesce(e.ends_on, 'infinity'::date)
       JOIN subjects sj ON sj.id = l.subject_id
      WHERE ${ENROLLED} AND l.date BETWEEN $2::date AND $3::date AND NOT l.cancelled AND ${IN_SUBGROUP('l.subgroup_id')}
      GROUP BY l.subject_id, sj.name`, [studentId, from, to]);
}

export interface TeacherRow {
  subjectId: string;
  subjectName: string;
  personId: string;
  fullName: string;
  subgroupName: string | null;
}

/** R-DIA-03 / R-DIA-11: the teachers of the student in a class (loads of the class, the student's subgroups only). */
export function teachersOf(tx: EntityManager, studentId: string, classId: string): Promise<TeacherRow[]> {
  return tx.query(
    `SELECT DISTINCT tl.subject_id AS "subjectId", sj.name AS "subjectName", tl.teacher_id AS "personId", ${PERSON('p')} AS "fullName",
            g.name AS "subgroupName"
       FROM teacher_loads tl JOIN subjects sj ON sj.id = tl.subject_id JOIN persons p ON p.id = tl.teacher_id
       LEFT JOIN subgroups g ON g.id = tl.subgroup_id
      WHERE tl.class_id = $2 AND ${IN_SUBGROUP('tl.subgroup_id')}
      ORDER BY "subjectName", "fullName"`, [studentId, classId]);
}

export async function personName(tx: EntityManager, personId: string): Promise<string | null> {
  const [row] = await tx.query(`SELECT ${PERSON('p')} AS name FROM persons p WHERE p.id = $1`, [personId]);
  return row?.name ?? null;
}
