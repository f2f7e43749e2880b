import { EntityManager } from 'typeorm';

/** Read side of lessons: hand-written SQL returning typed rows (a page is a few statements, never a loop of ORM calls). */

const PERSON = (a: string) => `concat_ws(' ', ${a}.last_name, ${a}.first_name, ${a}.middle_name)`;

export interface LessonRow {
  id: string;
  schoolId: string;
  academicYearId: string;
  yearStatus: string;
  timeZone: string;
  date: string;
  lessonNumber: number;
  classId: string;
  className: string;
  grade: number;
  classTeacherId: string | null;
  subgroupId: string | null;
  subgroupName: string | null;
  subjectId: string;
  subjectName: string;
  teacherId: string;
  teacherName: string;
  substituteTeacherId: string | null;
  substituteTeacherName: string | null;
  roomId: string | null;
  roomName: string | null;
  source: string;
  cancelled: boolean;
  held: boolean;
  topic: string | null;
  workTypes: string[];
  firstEnteredAt: Date | null;
  enteredLate: boolean;
  hasHomework: boolean;
  markCount: number;
  absenceCount: number;
  version: number;
}

export const LESSON_SQL = `SELECT l.id, l.school_id AS "schoolId", l.academic_year_id AS "academicYearId", y.status AS "yearStatus", sc.time_zone AS "timeZone",
  l.date::text AS date, l.lesson_number AS "lessonNumber", l.class_id AS "classId", c.grade || c.letter AS "className", c.grade,
  c.class_teacher_id AS "classTeacherId", l.subgroup_id AS "subgroupId", g.name AS "subgroupName", l.subject_id AS "subjectId", sj.name AS "subjectName",
  l.teacher_id AS "teacherId", ${PERSON('tp')} AS "teacherName", l.substitute_teacher_id AS "substituteTeacherId",
  CASE WHEN sp.id IS NULL THEN NULL ELSE ${PERSON('sp')} END AS "substituteTeacherName", l.room_id AS "roomId", r.name AS "roomName",
  l.source, l.cancelled, l.held, l.topic, l.work_types AS "workTypes", l.first_entered_at AS "firstEnteredAt", l.entered_late AS "enteredLate",
  EXISTS (SELECT 1 FROM homework h WHERE h.lesson_id = l.id) AS "hasHomework",
  (SELECT count(*)::int FROM marks m WHERE m.lesson_id = l.id) AS "markCount",
  (SELECT count(*)::int FROM attendance a WHERE a.lesson_id = l.id AND a.code <> 'ОП') AS "absenceCount", l.version
  FROM lessons l JOIN classes c ON c.id = l.class_id JOIN subjects sj ON sj.id = l.subject_id JOIN persons tp ON tp.id = l.teacher_id
  JOIN academic_years y ON y.id = l.academic_year_id JOIN schools sc ON sc.id = l.school_id
  LEFT JOIN persons sp ON sp.id = l.substitute_teacher_id LEFT JOIN subgroups g ON g.id = l.subgroup_id LEFT JOIN rooms r ON r.id = l.room_id`;

export const LESSON_ORDER = 'ORDER BY l.date, l.lesson_number, c.grade, c.letter, g.name NULLS FIRST';

export async function loadLesson(tx: EntityManager, id: string): Promise<LessonRow | undefined> {
  const [row]: LessonRow[] = await tx.query(`${LESSON_SQL} WHERE l.id = $1`, [id]);
  return row;
}

export interface LessonStudentRow {
  studentId: string;
  fullName: string;
}

/**
 * R-ROS-08: the students of the lesson — of the class (or of the subgroup) enrolled on the lesson date, so a student who left keeps
 * their past lessons and a new one does not see earlier ones — plus anyone with entries on it, so nothing recorded is ever hidden.
 */
export async function loadLessonStudents(tx: EntityManager, l: Pick<LessonRow, 'id' | 'classId' | 'subgroupId' | 'date'>): Promise<LessonStudentRow[]> {
  return tx.query(
    `SELECT s.id AS "studentId", ${PERSON('p')} AS "fullName"
       FROM students s JOIN persons p ON p.id = s.person_id
      WHERE s.id IN (
              SELECT e.student_id FROM enrolments e
               WHERE e.class_id = $2 AND e.starts_on <= $4::date AND (e.ends_on IS NULL OR e.ends_on >= $4::date)
                 AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.subgroup_id = $3 AND sm.student_id = e.student_id))
              UNION SELECT student_id FROM marks WHERE lesson_id = $1
              UNION SELECT student_id FROM attendance WHERE lesson_id = $1
              UNION SELECT student_id FROM remarks WHERE lesson_id = $1)
      ORDER BY p.last_name, p.first_name, p.middle_name, s.id`,
    [l.id, l.classId, l.subgroupId, l.date]);
}

export interface MarkRow {
  id: string;
  studentId: string;
  value: string;
  workType: string;
  workTypeName: string;
  isControl: boolean;
  weight: number;
  comment: string | null;
  enteredAt: Date;
  enteredLate: boolean;
  version: number;
}

export interface AttendanceRow {
  studentId: string;
  code: string;
  minutesLate: number | null;
  enteredLate: boolean;
}

export interface RemarkRow {
  id: string;
  studentId: string;
  text: string;
  createdAt: Date;
}

export interface HomeworkRow {
  id: string;
  text: string;
  dueDate: string | null;
  enteredAt: Date;
  enteredLate: boolean;
}

export interface HomeworkFileRow {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

export interface LessonEntries {
  marks: MarkRow[];
  attendance: AttendanceRow[];
  remarks: RemarkRow[];
  homework: HomeworkRow | null;
  files: HomeworkFileRow[];
}

/** Everything entered on a lesson, in five statements. */
export async function loadLessonEntries(tx: EntityManager, lessonId: string): Promise<LessonEntries> {
  const [marks, attendance, remarks, homework, files] = await Promise.all([
    tx.query(`SELECT m.id, m.student_id AS "studentId", m.value, m.work_type AS "workType", coalesce(w.name, m.work_type) AS "workTypeName",
                     coalesce(w.is_control, false) AS "isControl", m.weight::float8 AS weight, m.comment, m.entered_at AS "enteredAt",
                     m.entered_late AS "enteredLate", m.version
                FROM marks m LEFT JOIN work_types w ON w.school_id = m.school_id AND w.code = m.work_type
               WHERE m.lesson_id = $1 ORDER BY m.entered_at, m.id`, [lessonId]),
    tx.query(`SELECT student_id AS "studentId", code, minutes_late AS "minutesLate", entered_late AS "enteredLate" FROM attendance WHERE lesson_id = $1`, [lessonId]),
    tx.query(`SELECT id, student_id AS "studentId", text, created_at AS "createdAt" FROM remarks WHERE lesson_id = $1 ORDER BY created_at, id`, [lessonId]),
    tx.query(`SELECT id, text, due_date::text AS "dueDate", entered_at AS "enteredAt", entered_late AS "enteredLate" FROM homework WHERE lesson_id = $1`, [lessonId]),
    tx.query(`SELECT id, file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes", sha256, created_at AS "createdAt"
                FROM homework_files WHERE lesson_id = $1 ORDER BY created_at, id`, [lessonId]),
  ]);
  return { marks, attendance, remarks, homework: homework[0] ?? null, files };
}

/** The highest lesson number the class has on the date (not cancelled), for the end of its classes that day. */
export async function lastLessonNumber(tx: EntityManager, classId: string, date: string): Promise<number | null> {
  const [row] = await tx.query(`SELECT max(lesson_number) AS n FROM lessons WHERE class_id = $1 AND date = $2 AND NOT cancelled`, [classId, date]);
  return row?.n ?? null;
}

/** R-CUR-09: lessons of the class (subgroup) and subject before this one that already have a topic — how far the КТП has got. */
export async function topicsUsedBefore(tx: EntityManager, l: Pick<LessonRow, 'academicYearId' | 'classId' | 'subgroupId' | 'subjectId' | 'date' | 'lessonNumber'>): Promise<number> {
  const [row] = await tx.query(
    `SELECT count(*)::int AS n FROM lessons WHERE academic_year_id = $1 AND class_id = $2 AND subgroup_id IS NOT DISTINCT FROM $3 AND subject_id = $4
        AND topic IS NOT NULL AND NOT cancelled AND (date, lesson_number) < ($5::date, $6::int)`,
    [l.academicYearId, l.classId, l.subgroupId, l.subjectId, l.date, l.lessonNumber]);
  return row.n;
}
