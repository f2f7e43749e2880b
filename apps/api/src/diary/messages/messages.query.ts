import { EntityManager } from 'typeorm';

/** R-DIA-11: reads of threads and messages, each one statement. */

const PERSON = (a: string) => `concat_ws(' ', ${a}.last_name, ${a}.first_name, ${a}.middle_name)`;

export interface ThreadRow {
  id: string;
  schoolId: string;
  studentId: string;
  studentName: string;
  className: string | null;
  teacherId: string;
  teacherName: string;
  familyPersonId: string;
  familyName: string;
  familyRole: string;
  subject: string;
  startedBy: string;
  createdAt: Date;
  lastMessageAt: Date;
  /** The start of the newest message (whitespace collapsed), for the thread list. */
  lastMessagePreview: string;
  awaitingReplySince: Date | null;
  /** The school-local day of awaitingReplySince. */
  sentOn: string | null;
  /** Messages to `me` not opened yet. */
  unread: number;
  /** Today in the school's time zone (by the server's clock). */
  today: string;
}

/** How much of the newest message the thread list shows (R-DIA-11). */
export const PREVIEW_CHARS = 120;

const THREAD_SELECT = (me: string, now: string) => `SELECT t.id, t.school_id AS "schoolId", t.student_id AS "studentId", ${PERSON('sp')} AS "studentName",
    (SELECT c.grade || c.letter FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE e.student_id = t.student_id
      ORDER BY e.ends_on IS NULL DESC, e.starts_on DESC LIMIT 1) AS "className",
    t.teacher_id AS "teacherId", ${PERSON('tp')} AS "teacherName", t.family_person_id AS "familyPersonId", ${PERSON('fp')} AS "familyName",
    t.family_role AS "familyRole", t.subject, t.started_by AS "startedBy", t.created_at AS "createdAt", t.last_message_at AS "lastMessageAt",
    (SELECT left(regexp_replace(m.text, '\\s+', ' ', 'g'), ${PREVIEW_CHARS + 1}) FROM messages m WHERE m.thread_id = t.id
      ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS "lastMessagePreview",
    t.awaiting_reply_since AS "awaitingReplySince", (t.awaiting_reply_since AT TIME ZONE sc.time_zone)::date::text AS "sentOn",
    (SELECT count(*)::int FROM messages m WHERE m.thread_id = t.id AND m.recipient_person_id = ${me} AND m.read_at IS NULL) AS unread,
    (${now}::timestamptz AT TIME ZONE sc.time_zone)::date::text AS today
  FROM message_threads t JOIN schools sc ON sc.id = t.school_id JOIN students s ON s.id = t.student_id JOIN persons sp ON sp.id = s.person_id
  JOIN persons tp ON tp.id = t.teacher_id JOIN persons fp ON fp.id = t.family_person_id`;

/** The caller's threads (as the teacher or as the family member), newest first. */
export async function threadsOf(tx: EntityManager, q: { personId: string; schoolIds: string[]; studentId?: string; limit: number; offset: number; now: Date }):
  Promise<{ items: ThreadRow[]; total: number }> {
  const where = `(t.teacher_id = $1 OR t.family_person_id = $1) AND t.school_id = ANY($2::uuid[]) AND ($3::uuid IS NULL OR t.student_id = $3)`;
  const params = [q.personId, q.schoolIds, q.studentId ?? null];
  const [items, [{ n }]] = await Promise.all([
    tx.query(`${THREAD_SELECT('$1', '$6')} WHERE ${where} ORDER BY t.last_message_at DESC, t.id DESC LIMIT $4 OFFSET $5`, [...params, q.limit, q.offset, q.now]),
    tx.query(`SELECT count(*)::int AS n FROM message_threads t WHERE ${where}`, params),
  ]);
  return { items, total: n };
}

/** One thread seen by `personId`, when they take part in it. */
export async function participantThread(tx: EntityManager, threadId: string, personId: string, now: Date): Promise<ThreadRow | undefined> {
  const [row] = await tx.query(`${THREAD_SELECT('$2', '$3')} WHERE t.id = $1 AND (t.teacher_id = $2 OR t.family_person_id = $2)`, [threadId, personId, now]);
  return row;
}

/** Threads of a school waiting for the teacher's answer, oldest first (R-DIA-11 monitoring). */
export function awaitingThreads(tx: EntityManager, schoolId: string, now: Date): Promise<ThreadRow[]> {
  return tx.query(`${THREAD_SELECT('NULL::uuid', '$2')} WHERE t.school_id = $1 AND t.awaiting_reply_since IS NOT NULL ORDER BY t.awaiting_reply_since, t.id`,
    [schoolId, now]);
}

export interface MessageRow {
  id: string;
  authorPersonId: string;
  authorName: string;
  recipientPersonId: string;
  text: string;
  createdAt: Date;
  readAt: Date | null;
  attachments: { id: string; fileName: string; contentType: string; sizeBytes: number }[];
}

export function messagesOf(tx: EntityManager, threadId: string): Promise<MessageRow[]> {
  return tx.query(
    `SELECT m.id, m.author_person_id AS "authorPersonId", ${PERSON('ap')} AS "authorName", m.recipient_person_id AS "recipientPersonId", m.text,
            m.created_at AS "createdAt", m.read_at AS "readAt",
            coalesce((SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type, 'sizeBytes', a.size_bytes)
                        ORDER BY a.created_at, a.id) FROM message_attachments a WHERE a.message_id = m.id), '[]'::json) AS attachments
       FROM messages m JOIN persons ap ON ap.id = m.author_person_id
      WHERE m.thread_id = $1 ORDER BY m.created_at, m.id`, [threadId]);
}

/** The people a teacher may write to about a student: the student's parents and the student. */
export function familyOf(tx: EntityManager, studentId: string): Promise<{ personId: string; role: 'parent' | 'student' }[]> {
  return tx.query(
    `SELECT g.person_id AS "personId", 'parent' AS role FROM guardianships gs JOIN guardians g ON g.id = gs.guardian_id WHERE gs.student_id = $1
     UNION SELECT s.person_id, 'student' FROM students s WHERE s.id = $1`, [studentId]);
}

/** Academic years of a school overlapping a range (for the working days of the reply deadline). */
export function yearsOverlapping(tx: EntityManager, schoolId: string, from: string, to: string): Promise<{ id: string }[]> {
  return tx.query(`SELECT id FROM academic_years WHERE school_id = $1 AND starts_on <= $3::date AND ends_on >= $2::date ORDER BY starts_on`,
    [schoolId, from, to]);
}
