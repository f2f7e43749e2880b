import { EntityManager } from 'typeorm';

/**
 * R-DIA-01 / R-DIA-08: the rows behind diary weeks of one or many students (one student's page, or a whole class for the
 * printable report), read fresh from the journal's tables in a fixed number of indexed statements — never per lesson:
 *  1. the students' enrolments overlapping the range, with their subgroups;
 *  2. the lessons of those classes in the range with homework and its files (lessons_class_date_idx);
 *  3. the students' marks, attendance and remarks on those lessons (marks_student_idx, attendance primary key, remarks_student_idx);
 *  4. homework of those classes due in the range (set on a lesson at most DUE_LOOKBACK_DAYS before it, so the class-date index serves it).
 */

/** Homework is set at most this many days before it is due (a longer span would not show in the due list). */
export const DUE_LOOKBACK_DAYS = 60;

export interface EnrolmentRow {
  studentId: string;
  classId: string;
  className: string;
  grade: number;
  academicYearId: string;
  startsOn: string;
  endsOn: string | null;
  subgroupIds: string[];
}

export interface FileRow {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export interface LessonRow {
  id: string;
  classId: string;
  date: string;
  lessonNumber: number;
  subgroupId: string | null;
  subgroupName: string | null;
  subjectId: string;
  subjectName: string;
  teacherName: string;
  substituteTeacherName: string | null;
  roomName: string | null;
  topic: string | null;
  cancelled: boolean;
  homeworkText: string | null;
  homeworkDueDate: string | null;
  files: FileRow[];
}

export interface MarkRow {
  id: string;
  studentId: string;
  lessonId: string;
  value: string;
  workType: string;
  workTypeName: string | null;
  weight: number;
  comment: string | null;
}

export interface AttendanceRow {
  studentId: string;
  lessonId: string;
  code: string;
  minutesLate: number | null;
}

export interface RemarkRow {
  id: string;
  studentId: string;
  lessonId: string;
  text: string;
  createdAt: Date;
}

export interface DueHomeworkRow {
  lessonId: string;
  classId: string;
  subgroupId: string | null;
  setOn: string;
  dueDate: string;
  subjectName: string;
  text: string;
  files: FileRow[];
}

export interface WeekRows {
  enrolments: EnrolmentRow[];
  lessons: LessonRow[];
  marks: MarkRow[];
  attendance: AttendanceRow[];
  remarks: RemarkRow[];
  due: DueHomeworkRow[];
}

const PERSON = (a: string) => `concat_ws(' ', ${a}.last_name, ${a}.first_name, ${a}.middle_name)`;
const FILES = (lesson: string) => `coalesce((SELECT json_agg(json_build_object('id', f.id, 'fileName', f.file_name, 'contentType', f.content_type,
  'sizeBytes', f.size_bytes) ORDER BY f.created_at, f.id) FROM homework_files f WHERE f.lesson_id = ${lesson}), '[]'::json)`;

export async function loadWeekRows(tx: EntityManager, q: { schoolId: string; studentIds: string[]; from: string; to: string }): Promise<WeekRows> {
  const enrolments: EnrolmentRow[] = await tx.query(
    `SELECT e.student_id AS "studentId", e.class_id AS "classId", c.grade || c.letter AS "className", c.grade, c.academic_year_id AS "academicYearId",
            e.starts_on::text AS "startsOn", e.ends_on::text AS "endsOn",
            coalesce((SELECT array_agg(sm.subgroup_id) FROM subgroup_members sm JOIN subgroups g ON g.id = sm.subgroup_id
                       WHERE sm.student_id = e.student_id AND g.class_id = e.class_id), '{}') AS "subgroupIds"
       FROM enrolments e JOIN classes c ON c.id = e.class_id
      WHERE e.student_id = ANY($1::uuid[]) AND e.school_id = $2 AND e.starts_on <= $4::date AND (e.ends_on IS NULL OR e.ends_on >= $3::date)
      ORDER BY e.starts_on, e.created_at`, [q.studentIds, q.schoolId, q.from, q.to]);
  const classIds = [...new Set(enrolments.map((e) => e.classId))];
  if (classIds.length === 0) return { enrolments, lessons: [], marks: [], attendance: [], remarks: [], due: [] };
  const range = [classIds, q.from, q.to];
  const [lessons, marks, attendance, remarks, due] = await Promise.all([
    tx.query(
      `SELECT l.id, l.class_id AS "classId", l.date::text AS date, l.lesson_number AS "lessonNumber", l.subgroup_id AS "subgroupId", g.name AS "subgroupName",
              l.subject_id AS "subjectId", sj.name AS "subjectName", ${PERSON('tp')} AS "teacherName",
              CASE WHEN sp.id IS NULL THEN NULL ELSE ${PERSON('sp')} END AS "substituteTeacherName", r.name AS "roomName", l.topic, l.cancelled,
              h.text AS "homeworkText", h.due_date::text AS "homeworkDueDate", ${FILES('l.id')} AS files
         FROM lessons l JOIN subjects sj ON sj.id = l.subject_id JOIN persons tp ON tp.id = l.teacher_id
         LEFT JOIN persons sp ON sp.id = l.substitute_teacher_id LEFT JOIN rooms r ON r.id = l.room_id
         LEFT JOIN subgroups g ON g.id = l.subgroup_id LEFT JOIN homework h ON h.lesson_id = l.id
        WHERE l.class_id = ANY($1::uuid[]) AND l.date BETWEEN $2::date AND $3::date
        ORDER BY l.date, l.lesson_number, sj.name, g.name NULLS FIRST`, range),
    tx.query(
      `SELECT m.id, m.student_id AS "studentId", m.lesson_id AS "lessonId", m.value, m.work_type AS "workType", wt.name AS "workTypeName",
              m.weight::float8 AS weight, m.comment
         FROM marks m JOIN lessons l ON l.id = m.lesson_id LEFT JOIN work_types wt ON wt.school_id = m.school_id AND wt.code = m.work_type
        WHERE m.student_id = ANY($4::uuid[]) AND l.class_id = ANY($1::uuid[]) AND l.date BETWEEN $2::date AND $3::date
        ORDER BY m.entered_at, m.id`, [...range, q.studentIds]),
    tx.query(
      `SELECT a.student_id AS "studentId", a.lesson_id AS "lessonId", a.code, a.minutes_late AS "minutesLate"
         FROM attendance a JOIN lessons l ON l.id = a.lesson_id
        WHERE a.student_id = ANY($4::uuid[]) AND l.class_id = ANY($1::uuid[]) AND l.date BETWEEN $2::date AND $3::date`, [...range, q.studentIds]),
    tx.query(
      `SELECT rm.id, rm.student_id AS "studentId", rm.lesson_id AS "lessonId", rm.text, rm.created_at AS "createdAt"
         FROM remarks rm JOIN lessons l ON l.id = rm.lesson_id
        WHERE rm.student_id = ANY($4::uuid[]) AND l.class_id = ANY($1::uuid[]) AND l.date BETWEEN $2::date AND $3::date
        ORDER BY rm.created_at, rm.id`, [...range, q.studentIds]),
    tx.query(
      `SELECT l.id AS "lessonId", l.class_id AS "classId", l.subgroup_id AS "subgroupId", l.date::text AS "setOn", h.due_date::text AS "dueDate",
              sj.name AS "subjectName", h.text, ${FILES('l.id')} AS files
         FROM homework h JOIN lessons l ON l.id = h.lesson_id JOIN subjects sj ON sj.id = l.subject_id
        WHERE l.class_id = ANY($1::uuid[]) AND l.date BETWEEN $2::date - ${DUE_LOOKBACK_DAYS} AND $3::date
          AND h.due_date BETWEEN $2::date AND $3::date
        ORDER BY h.due_date, sj.name, l.date`, range),
  ]);
  return { enrolments, lessons, marks, attendance, remarks, due };
}
