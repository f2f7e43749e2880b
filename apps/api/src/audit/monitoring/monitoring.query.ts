import type { EntityManager } from 'typeorm';
import { expectedMarksSql, type LessonMetric, type StudentMetric } from './monitoring.rules';

/**
 * R-AUD-04: the monitoring figures, computed in PostgreSQL over the journal's tables (DESIGN: audit does not import journal services) —
 * one set-based statement per report part, whatever the size of the school; Node only receives the aggregated rows.
 *
 * Definitions (documented in the API too):
 *  - a lesson "has happened" when it is not cancelled, falls in [from, min(to, today)] and its day is over, or it is today's and marked held;
 *  - rows are per teacher of record (lessons.teacher_id, the load holder; a substitute's lessons count for the class's teacher) × class × subject;
 *  - without topic: topic empty; without homework: no homework text and no homework file;
 *  - homework late: homework.entered_late — the journal stamps it when the homework was first entered after the deadline
 *    (the class's last lesson of the day + journal_settings.homework_hours_after_classes, R-JRN-05);
 *  - lessons filled late: lessons.entered_late — the content was first entered after the lesson day (R-JRN-07);
 *  - marks late: marks.entered_late — the mark was first entered after the lesson day, within the school's late-entry window;
 *  - the students of a row: enrolled in the class at some time in the range; for a row whose lessons are all subgroup lessons, only the
 *    subgroups' members; their marks are those given on the row's lessons;
 *  - КТП: the teacher's plan hours for the class and subject; due = lessons scheduled from the year start to the report's end (cancelled
 *    ones too: the programme still expects them), capped at the plan hours; covered = those held with a topic, capped at due.
 */

/** $1 school, $2 from, $3 effective to (≤ today), $4 today, $5 class | null, $6 teacher | null, $7 subject | null. */
const BASE_CTES = `
ls AS MATERIALIZED (
  SELECT l.id, l.academic_year_id, l.date, l.lesson_number, l.class_id, l.subject_id, l.teacher_id, l.subgroup_id, l.topic, l.entered_late
    FROM lessons l
   WHERE l.school_id = $1 AND l.date BETWEEN $2::date AND $3::date AND NOT l.cancelled AND (l.date < $4::date OR l.held)
     AND ($5::uuid IS NULL OR l.class_id = $5::uuid) AND ($6::uuid IS NULL OR l.teacher_id = $6::uuid) AND ($7::uuid IS NULL OR l.subject_id = $7::uuid)),
hw AS MATERIALIZED (
  SELECT h.lesson_id, h.entered_late FROM homework h WHERE h.lesson_id = ANY (ARRAY(SELECT id FROM ls))),
hf AS MATERIALIZED (
  SELECT DISTINCT f.lesson_id FROM homework_files f WHERE f.lesson_id = ANY (ARRAY(SELECT id FROM ls))),
lh AS MATERIALIZED (
  SELECT ls.*, (ls.topic IS NULL OR btrim(ls.topic) = '') AS no_topic,
         (hw.lesson_id IS NULL AND hf.lesson_id IS NULL) AS no_hw, coalesce(hw.entered_late, false) AS hw_late
    FROM ls LEFT JOIN hw ON hw.lesson_id = ls.id LEFT JOIN hf ON hf.lesson_id = ls.id),
mk AS MATERIALIZED (
  SELECT m.lesson_id, m.student_id, m.entered_late FROM marks m WHERE m.lesson_id = ANY (ARRAY(SELECT id FROM ls))),
lm AS MATERIALIZED (SELECT lesson_id, count(*)::int AS marks, count(*) FILTER (WHERE entered_late)::int AS late FROM mk GROUP BY lesson_id)`;

const STUDENT_CTES = `
r AS MATERIALIZED (
  SELECT ls.teacher_id, ls.class_id, ls.subject_id, count(*)::int AS held, bool_or(ls.subgroup_id IS NULL) AS whole_class,
         coalesce(array_agg(DISTINCT ls.subgroup_id) FILTER (WHERE ls.subgroup_id IS NOT NULL), '{}') AS subgroups
    FROM ls GROUP BY ls.teacher_id, ls.class_id, ls.subject_id),
wh AS MATERIALIZED (
  SELECT t.teacher_id, t.class_id, t.subject_id, max(t.weekly_hours) AS weekly_hours FROM teacher_loads t
   WHERE t.class_id = ANY (ARRAY(SELECT DISTINCT class_id FROM r)) GROUP BY t.teacher_id, t.class_id, t.subject_id),
rx AS MATERIALIZED (
  SELECT r.*, wh.weekly_hours, ${expectedMarksSql('r.held', 'wh.weekly_hours')} AS expected
    FROM r LEFT JOIN wh ON wh.teacher_id = r.teacher_id AND wh.class_id = r.class_id AND wh.subject_id = r.subject_id),
enr AS MATERIALIZED (
  SELECT DISTINCT e.class_id, e.student_id FROM enrolments e
   WHERE e.class_id = ANY (ARRAY(SELECT DISTINCT class_id FROM r)) AND e.starts_on <= $3::date AND (e.ends_on IS NULL OR e.ends_on >= $2::date)),
sm AS MATERIALIZED (
  SELECT ls.teacher_id, ls.class_id, ls.subject_id, mk.student_id, count(*)::int AS n
    FROM mk JOIN ls ON ls.id = mk.lesson_id GROUP BY ls.teacher_id, ls.class_id, ls.subject_id, mk.student_id),
rs AS MATERIALIZED (
  SELECT rx.teacher_id, rx.class_id, rx.subject_id, rx.expected, enr.student_id, coalesce(sm.n, 0) AS n
    FROM rx JOIN enr ON enr.class_id = rx.class_id
    LEFT JOIN sm ON sm.teacher_id = rx.teacher_id AND sm.class_id = rx.class_id AND sm.subject_id = rx.subject_id AND sm.student_id = enr.student_id
   WHERE rx.whole_class OR EXISTS (SELECT 1 FROM subgroup_members g WHERE g.subgroup_id = ANY (rx.subgroups) AND g.student_id = enr.student_id))`;

const JOURNAL_SQL = `
WITH ${BASE_CTES},
${STUDENT_CTES},
lr AS MATERIALIZED (
  SELECT lh.teacher_id, lh.class_id, lh.subject_id,
         count(*) FILTER (WHERE lh.no_topic)::int AS no_topic, count(*) FILTER (WHERE lh.no_hw)::int AS no_hw,
         count(*) FILTER (WHERE lh.hw_late)::int AS hw_late, count(*) FILTER (WHERE lh.entered_late)::int AS lessons_late,
         coalesce(sum(lm.marks), 0)::int AS marks, coalesce(sum(lm.late), 0)::int AS marks_late,
         count(*) FILTER (WHERE lm.late > 0)::int AS lessons_marks_late
    FROM lh LEFT JOIN lm ON lm.lesson_id = lh.id
   GROUP BY lh.teacher_id, lh.class_id, lh.subject_id),
ss AS MATERIALIZED (
  SELECT rs.teacher_id, rs.class_id, rs.subject_id, count(*)::int AS students,
         count(*) FILTER (WHERE rs.n = 0)::int AS no_marks, count(*) FILTER (WHERE rs.n = 1)::int AS one_mark,
         count(*) FILTER (WHERE rs.n < rs.expected)::int AS below_norm
    FROM rs GROUP BY rs.teacher_id, rs.class_id, rs.subject_id),
kp AS MATERIALIZED (
  SELECT p.teacher_id, p.class_id, p.subject_id, max(th.hours) AS hours
    FROM ktp_plans p CROSS JOIN LATERAL (SELECT sum(kt.hours) AS hours FROM ktp_topics kt WHERE kt.plan_id = p.id) th
   WHERE p.class_id = ANY (ARRAY(SELECT DISTINCT class_id FROM r)) AND p.teacher_id = ANY (ARRAY(SELECT DISTINCT teacher_id FROM r))
   GROUP BY p.teacher_id, p.class_id, p.subject_id),
yl AS MATERIALIZED (
  SELECT l.teacher_id, l.class_id, l.subject_id, count(DISTINCT (l.date, l.lesson_number))::int AS scheduled,
         count(DISTINCT (l.date, l.lesson_number)) FILTER (WHERE NOT l.cancelled AND (l.date < $4::date OR l.held)
                                                            AND l.topic IS NOT NULL AND btrim(l.topic) <> '')::int AS covered
    FROM lessons l JOIN academic_years y ON y.id = l.academic_year_id
   WHERE l.class_id = ANY (ARRAY(SELECT DISTINCT class_id FROM kp)) AND l.date BETWEEN y.starts_on AND $3::date
     AND EXISTS (SELECT 1 FROM kp WHERE kp.teacher_id = l.teacher_id AND kp.class_id = l.class_id AND kp.subject_id = l.subject_id)
   GROUP BY l.teacher_id, l.class_id, l.subject_id)
SELECT rx.teacher_id AS "teacherId", concat_ws(' ', tp.last_name, tp.first_name, tp.middle_name) AS "teacherName",
       rx.class_id AS "classId", c.grade || c.letter AS "className", c.grade, c.letter,
       rx.subject_id AS "subjectId", su.name AS "subjectName",
       rx.held AS "lessonsHeld", lr.no_topic AS "lessonsWithoutTopic", lr.no_hw AS "lessonsWithoutHomework",
       lr.hw_late AS "homeworkLate", lr.lessons_late AS "lessonsFilledLate", lr.marks AS "marks", lr.marks_late AS "marksLate",
       lr.lessons_marks_late AS "lessonsWithLateMarks",
       coalesce(ss.students, 0) AS "students", coalesce(ss.no_marks, 0) AS "studentsWithoutMarks", coalesce(ss.one_mark, 0) AS "studentsWithOneMark",
       coalesce(ss.below_norm, 0) AS "studentsBelowNorm", rx.weekly_hours::float8 AS "weeklyHours", rx.expected AS "expectedMarksPerStudent",
       kp.hours::float8 AS "ktpHours",
       CASE WHEN kp.hours IS NULL THEN NULL ELSE least(kp.hours, coalesce(yl.scheduled, 0))::float8 END AS "ktpDue",
       CASE WHEN kp.hours IS NULL THEN NULL ELSE least(coalesce(yl.covered, 0), kp.hours, coalesce(yl.scheduled, 0))::float8 END AS "ktpCovered"
  FROM rx
  JOIN lr ON lr.teacher_id = rx.teacher_id AND lr.class_id = rx.class_id AND lr.subject_id = rx.subject_id
  LEFT JOIN ss ON ss.teacher_id = rx.teacher_id AND ss.class_id = rx.class_id AND ss.subject_id = rx.subject_id
  LEFT JOIN kp ON kp.teacher_id = rx.teacher_id AND kp.class_id = rx.class_id AND kp.subject_id = rx.subject_id
  LEFT JOIN yl ON yl.teacher_id = rx.teacher_id AND yl.class_id = rx.class_id AND yl.subject_id = rx.subject_id
  JOIN persons tp ON tp.id = rx.teacher_id
  JOIN classes c ON c.id = rx.class_id
  JOIN subjects su ON su.id = rx.subject_id`;

export interface JournalRow {
  teacherId: string; teacherName: string; classId: string; className: string; grade: number; letter: string; subjectId: string; subjectName: string;
  lessonsHeld: number; lessonsWithoutTopic: number; lessonsWithoutHomework: number; homeworkLate: number; lessonsFilledLate: number;
  marks: number; marksLate: number; lessonsWithLateMarks: number;
  students: number; studentsWithoutMarks: number; studentsWithOneMark: number; studentsBelowNorm: number;
  weeklyHours: number | null; expectedMarksPerStudent: number; ktpHours: number | null; ktpDue: number | null; ktpCovered: number | null;
}

/** Diary use per class: $1 school, $2 from, $3 to, $4 class | null. R-DIA-10 stores one row per account and local day. */
const VISITS_SQL = `
WITH enr AS MATERIALIZED (
  SELECT DISTINCT e.class_id, e.student_id FROM enrolments e
   WHERE e.school_id = $1 AND e.starts_on <= $3::date AND (e.ends_on IS NULL OR e.ends_on >= $2::date) AND ($4::uuid IS NULL OR e.class_id = $4::uuid)),
v AS MATERIALIZED (SELECT DISTINCT person_id, role FROM diary_visits WHERE school_id = $1 AND day BETWEEN $2::date AND $3::date),
sv AS MATERIALIZED (
  SELECT enr.class_id, count(*)::int AS students,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM v WHERE v.role = 'student' AND v.person_id = s.person_id))::int AS visited
    FROM enr JOIN students s ON s.id = enr.student_id GROUP BY enr.class_id),
par AS MATERIALIZED (
  SELECT DISTINCT enr.class_id, g.person_id FROM enr JOIN guardianships gs ON gs.student_id = enr.student_id JOIN guardians g ON g.id = gs.guardian_id),
pv AS MATERIALIZED (
  SELECT par.class_id, count(*)::int AS parents,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM v WHERE v.role = 'parent' AND v.person_id = par.person_id))::int AS visited
    FROM par GROUP BY par.class_id)
SELECT c.id AS "classId", c.grade || c.letter AS "className", c.grade, c.letter, sv.students, sv.visited AS "studentsVisited",
       coalesce(pv.parents, 0) AS parents, coalesce(pv.visited, 0) AS "parentsVisited"
  FROM sv JOIN classes c ON c.id = sv.class_id LEFT JOIN pv ON pv.class_id = sv.class_id`;

export interface VisitsRow { classId: string; className: string; grade: number; letter: string; students: number; studentsVisited: number; parents: number; parentsVisited: number }

export interface JournalQuery { schoolId: string; from: string; effectiveTo: string; to: string; today: string; classId?: string; teacherId?: string; subjectId?: string }

const journalParams = (q: JournalQuery) => [q.schoolId, q.from, q.effectiveTo, q.today, q.classId ?? null, q.teacherId ?? null, q.subjectId ?? null];

export async function loadJournalRows(tx: EntityManager, q: JournalQuery): Promise<{ rows: JournalRow[]; visits: VisitsRow[] }> {
  const rows: JournalRow[] = await tx.query(JOURNAL_SQL, journalParams(q));
  const visits: VisitsRow[] = await tx.query(VISITS_SQL, [q.schoolId, q.from, q.to, q.classId ?? null]);
  return { rows, visits };
}

const LESSON_PREDICATE: Record<LessonMetric, string> = {
  lessons_held: 'true',
  no_topic: 'lh.no_topic',
  no_homework: 'lh.no_hw',
  homework_late: 'lh.hw_late',
  lessons_late: 'lh.entered_late',
  marks_late: 'coalesce(lm.late, 0) > 0',
};

/** The lessons behind a lesson figure (at most `limit`, oldest first) and their total. */
const lessonDetailsSql = (metric: LessonMetric) => `
WITH ${BASE_CTES}
SELECT lh.id, lh.date::text AS date, lh.lesson_number AS "lessonNumber", lh.class_id AS "classId", c.grade || c.letter AS "className",
       lh.subject_id AS "subjectId", su.name AS "subjectName", lh.teacher_id AS "teacherId",
       concat_ws(' ', tp.last_name, tp.first_name, tp.middle_name) AS "teacherName", lh.topic, NOT lh.no_topic AS "hasTopic",
       NOT lh.no_hw AS "hasHomework", lh.hw_late AS "homeworkLate", lh.entered_late AS "filledLate",
       coalesce(lm.marks, 0) AS marks, coalesce(lm.late, 0) AS "marksLate", count(*) OVER ()::int AS total
  FROM lh LEFT JOIN lm ON lm.lesson_id = lh.id
  JOIN classes c ON c.id = lh.class_id JOIN subjects su ON su.id = lh.subject_id JOIN persons tp ON tp.id = lh.teacher_id
 WHERE ${LESSON_PREDICATE[metric]}
 ORDER BY lh.date, lh.lesson_number, c.grade, c.letter, lh.id
 LIMIT $8`;

const STUDENT_PREDICATE: Record<StudentMetric, string> = {
  no_marks: 'rs.n = 0',
  one_mark: 'rs.n = 1',
  below_norm: 'rs.n < rs.expected',
};

const studentDetailsSql = (metric: StudentMetric) => `
WITH ${BASE_CTES},
${STUDENT_CTES}
SELECT rs.student_id AS id, concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "fullName", p.last_name AS "lastName",
       rs.class_id AS "classId", c.grade || c.letter AS "className", c.grade, c.letter, rs.subject_id AS "subjectId", su.name AS "subjectName",
       rs.teacher_id AS "teacherId", concat_ws(' ', tp.last_name, tp.first_name, tp.middle_name) AS "teacherName",
       rs.n AS marks, rs.expected AS "expectedMarks", count(*) OVER ()::int AS total
  FROM rs JOIN students s ON s.id = rs.student_id JOIN persons p ON p.id = s.person_id
  JOIN classes c ON c.id = rs.class_id JOIN subjects su ON su.id = rs.subject_id JOIN persons tp ON tp.id = rs.teacher_id
 WHERE ${STUDENT_PREDICATE[metric]}
 LIMIT $8`;

export interface LessonDetailRow {
  id: string; date: string; lessonNumber: number; classId: string; className: string; subjectId: string; subjectName: string; teacherId: string;
  teacherName: string; topic: string | null; hasTopic: boolean; hasHomework: boolean; homeworkLate: boolean; filledLate: boolean; marks: number;
  marksLate: number; total: number;
}
export interface StudentDetailRow {
  id: string; fullName: string; lastName: string; classId: string; className: string; grade: number; letter: string; subjectId: string;
  subjectName: string; teacherId: string; teacherName: string; marks: number; expectedMarks: number; total: number;
}

export const loadLessonDetails = (tx: EntityManager, q: JournalQuery, metric: LessonMetric, limit: number): Promise<LessonDetailRow[]> =>
  tx.query(lessonDetailsSql(metric), [...journalParams(q), limit]);

export const loadStudentDetails = (tx: EntityManager, q: JournalQuery, metric: StudentMetric, limit: number): Promise<StudentDetailRow[]> =>
  tx.query(studentDetailsSql(metric), [...journalParams(q), limit]);

/**
 * Monthly activity (004 App.4 §5.1): $1 school, $2 month start, $3 next month's start (local dates of the school's time zone), $4..$5 the
 * same as instants.
 * Per staff member employed at some time in the month: lessons filled (content first entered in the month, by the teacher who gave the
 * lesson — the substitute when there was one), marks entered (marks.entered_by), sign-ins (a sign-in starts a refresh-token family:
 * families whose first token was issued in the month), audited changes made (audit_events by the account).
 */
const ACTIVITY_SQL = `
WITH b AS (SELECT $4::timestamptz AS t0, $5::timestamptz AS t1),
staff AS (
  SELECT e.person_id, array_agg(DISTINCT r.role) AS roles, string_agg(DISTINCT e.position, ', ') AS position
    FROM employments e CROSS JOIN LATERAL unnest(e.roles) AS r(role)
   WHERE e.school_id = $1 AND e.starts_on < $3::date AND (e.dismissed_at IS NULL OR e.dismissed_at >= (SELECT t0 FROM b))
     AND (e.ends_on IS NULL OR e.ends_on >= $2::date)
   GROUP BY e.person_id),
su AS (SELECT staff.*, u.id AS user_id, u.login, u.last_login_at FROM staff LEFT JOIN users u ON u.person_id = staff.person_id),
lf AS (
  SELECT coalesce(l.substitute_teacher_id, l.teacher_id) AS person_id, count(*)::int AS n
    FROM lessons l, b WHERE l.school_id = $1 AND l.first_entered_at >= b.t0 AND l.first_entered_at < b.t1 GROUP BY 1),
me AS (
  SELECT m.entered_by AS user_id, count(*)::int AS n FROM marks m, b
   WHERE m.school_id = $1 AND m.entered_at >= b.t0 AND m.entered_at < b.t1 AND m.entered_by IS NOT NULL GROUP BY 1),
si AS (
  SELECT f.user_id, count(*)::int AS n
    FROM (SELECT t.user_id, t.family_id, min(t.created_at) AS started FROM refresh_tokens t, b
           WHERE t.user_id = ANY (ARRAY(SELECT user_id FROM su WHERE user_id IS NOT NULL)) AND t.created_at < b.t1
           GROUP BY t.user_id, t.family_id) f, b
   WHERE f.started >= b.t0 GROUP BY f.user_id),
ch AS (
  SELECT a.actor_user_id AS user_id, count(*)::int AS n FROM audit_events a, b
   WHERE a.school_key = $1::text AND a.occurred_at >= b.t0 AND a.occurred_at < b.t1 AND a.actor_user_id IS NOT NULL GROUP BY 1)
SELECT su.person_id AS "personId", su.user_id AS "userId", concat_ws(' ', p.last_name, p.first_name, p.middle_name) AS "fullName",
       su.roles, su.position, coalesce(lf.n, 0) AS "lessonsFilled", coalesce(me.n, 0) AS "marksEntered", coalesce(si.n, 0) AS "signIns",
       coalesce(ch.n, 0) AS "changes", su.last_login_at AS "lastSignInAt"
  FROM su JOIN persons p ON p.id = su.person_id
  LEFT JOIN lf ON lf.person_id = su.person_id LEFT JOIN me ON me.user_id = su.user_id
  LEFT JOIN si ON si.user_id = su.user_id LEFT JOIN ch ON ch.user_id = su.user_id`;

export interface ActivityStaffRow {
  personId: string; userId: string | null; fullName: string; roles: string[]; position: string; lessonsFilled: number; marksEntered: number;
  signIns: number; changes: number; lastSignInAt: Date | null;
}

/** Families: diary visitors and visit-days per role in the month, and how many accounts there are. $1 school, $2 from, $3 next month. */
const FAMILY_SQL = `
WITH v AS (
  SELECT role, count(DISTINCT user_id)::int AS visitors, count(*)::int AS "visitDays" FROM diary_visits
   WHERE school_id = $1 AND day >= $2::date AND day < $3::date GROUP BY role),
acc AS (
  SELECT 'student' AS role, count(*)::int AS accounts FROM students s JOIN users u ON u.person_id = s.person_id AND u.status = 'active'
   WHERE s.school_id = $1 AND s.status = 'studying'
  UNION ALL
  SELECT 'parent', count(DISTINCT g.person_id)::int FROM guardians g JOIN users u ON u.person_id = g.person_id AND u.status = 'active' WHERE g.school_id = $1
  UNION ALL
  SELECT 'interested_person', count(DISTINCT ip.person_id)::int FROM interested_persons ip JOIN users u ON u.person_id = ip.person_id AND u.status = 'active'
   WHERE ip.school_id = $1 AND ip.revoked_at IS NULL)
SELECT acc.role, acc.accounts, coalesce(v.visitors, 0) AS visitors, coalesce(v."visitDays", 0) AS "visitDays"
  FROM acc LEFT JOIN v ON v.role = acc.role`;

export interface FamilyActivityRow { role: 'student' | 'parent' | 'interested_person'; accounts: number; visitors: number; visitDays: number }

export async function loadActivityRows(tx: EntityManager, q: { schoolId: string; from: string; toExclusive: string }): Promise<{ staff: ActivityStaffRow[]; families: FamilyActivityRow[] }> {
  // The month's bounds as instants of the school's time zone, passed as constants so that the planner uses the time indexes.
  const [b]: { t0: Date; t1: Date }[] = await tx.query(`SELECT ($2::date::timestamp AT TIME ZONE s.time_zone) AS t0,
      ($3::date::timestamp AT TIME ZONE s.time_zone) AS t1 FROM schools s WHERE s.id = $1`, [q.schoolId, q.from, q.toExclusive]);
  const staff: ActivityStaffRow[] = await tx.query(ACTIVITY_SQL, [q.schoolId, q.from, q.toExclusive, b.t0, b.t1]);
  const families: FamilyActivityRow[] = await tx.query(FAMILY_SQL, [q.schoolId, q.from, q.toExclusive]);
  return { staff, families };
}
