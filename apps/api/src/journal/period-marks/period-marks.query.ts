import type { EntityManager } from 'typeorm';
import type { WeightedMark } from '../marks/averages';
import type { PeriodMarkKind } from '../journal.entities';
import type { PeriodMarkView } from './period-mark.dto';

/** R-JRN-08 reads: the students of a class (or subgroup) on a day and what their period marks rest on — a few statements, no loops. */

export interface SheetScope {
  schoolId: string;
  classId: string;
  subgroupId: string | null;
  subjectId: string;
  academicYearId: string;
  /** First and last day of the period (or of the year for annual, exam and final marks). */
  from: string;
  to: string;
}

export interface StudentMarks {
  studentId: string;
  fullName: string;
  /** Current marks of the subject on lessons inside the dates, and marks transferred from another institution (R-JRN-09). */
  marks: WeightedMark[];
}

/** Students of the class (or subgroup) on the last day, with the marks of the subject inside the dates. */
export async function studentsWithMarks(tx: EntityManager, s: SheetScope): Promise<StudentMarks[]> {
  // Marks follow the student, not the class: a student transferred mid-period keeps the marks of the former class (R-ROS-08).
  return tx.query(
    `WITH st AS (
       SELECT DISTINCT s.id, p.last_name, p.first_name, p.middle_name
         FROM enrolments e JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
        WHERE e.class_id = $1 AND e.starts_on <= $4 AND (e.ends_on IS NULL OR e.ends_on >= $4)
          AND ($5::uuid IS NULL OR EXISTS (SELECT 1 FROM subgroup_members g WHERE g.subgroup_id = $5 AND g.student_id = s.id)))
     SELECT st.id AS "studentId", concat_ws(' ', st.last_name, st.first_name, st.middle_name) AS "fullName",
            coalesce((SELECT json_agg(json_build_object('value', m.value, 'weight', m.weight::float8) ORDER BY l.date)
                        FROM marks m JOIN lessons l ON l.id = m.lesson_id
                       WHERE m.student_id = st.id AND l.school_id = $6 AND l.subject_id = $2 AND l.date BETWEEN $3 AND $4 AND NOT l.cancelled), '[]')::jsonb
            || coalesce((SELECT jsonb_agg(jsonb_build_object('value', x.value, 'weight', x.weight::float8))
                        FROM external_marks x WHERE x.student_id = st.id AND x.school_id = $6 AND x.subject_id = $2 AND x.date BETWEEN $3 AND $4), '[]')
              AS marks
       FROM st ORDER BY st.last_name, st.first_name, st.middle_name, st.id`,
    [s.classId, s.subjectId, s.from, s.to, s.subgroupId, s.schoolId]);
}

export const PERIOD_MARK_SQL = `SELECT pm.id, pm.school_id AS "schoolId", pm.academic_year_id AS "academicYearId", pm.student_id AS "studentId",
  pm.subject_id AS "subjectId", pm.class_id AS "classId", pm.kind, pm.period_id AS "periodId", pm.value, pm.proposed_value AS "proposedValue",
  pm.weighted_average::float8 AS "weightedAverage", pm.note, pm.set_by AS "setBy",
  CASE WHEN p.id IS NULL THEN NULL ELSE concat_ws(' ', p.last_name, p.first_name, p.middle_name) END AS "setByName",
  to_char(pm.set_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "setAt", pm.version
  FROM period_marks pm LEFT JOIN users u ON u.id = pm.set_by LEFT JOIN persons p ON p.id = u.person_id`;

/** The marks of one kind (and period) of the subject for these students, whichever class they were set in. */
export function periodMarksOf(tx: EntityManager, q: { subjectId: string; academicYearId: string; kind: PeriodMarkKind; periodId: string | null;
  studentIds: string[] }, lock = false): Promise<PeriodMarkView[]> {
  return tx.query(
    `${PERIOD_MARK_SQL} WHERE pm.subject_id = $1 AND pm.academic_year_id = $2 AND pm.kind = $3 AND pm.period_id IS NOT DISTINCT FROM $4
        AND pm.student_id = ANY($5) ${lock ? 'FOR UPDATE OF pm' : ''}`,
    [q.subjectId, q.academicYearId, q.kind, q.periodId, q.studentIds]);
}

export interface ComponentRow {
  studentId: string;
  kind: PeriodMarkKind;
  periodId: string | null;
  periodName: string | null;
  value: string;
}

/** What annual and final marks rest on: the year's period marks, the annual and the exam mark of the subject. */
export function componentMarks(tx: EntityManager, q: { subjectId: string; academicYearId: string; kinds: PeriodMarkKind[]; studentIds: string[] }): Promise<ComponentRow[]> {
  return tx.query(
    `SELECT pm.student_id AS "studentId", pm.kind, pm.period_id AS "periodId", sp.name AS "periodName", pm.value
       FROM period_marks pm LEFT JOIN study_periods sp ON sp.id = pm.period_id
      WHERE pm.subject_id = $1 AND pm.academic_year_id = $2 AND pm.kind = ANY($3) AND pm.student_id = ANY($4)
      ORDER BY sp.number NULLS LAST, pm.kind`,
    [q.subjectId, q.academicYearId, q.kinds, q.studentIds]);
}
