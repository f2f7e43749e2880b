import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { CalendarService } from '../../curriculum/calendar/calendar.service';
import { addDays } from '../../curriculum/calendar/school-days';
import { cleanFileName, HOMEWORK_FILE_TYPES, homeworkFileType } from '../../journal/files/file-types';
import { FILE_STORAGE, type FileStorage } from '../../journal/files/file-storage';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/database/ids';
import { Forbidden, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { UnsupportedMediaType } from '../../roster/import/upload';
import { DIARY_PATH } from '../http/cacheable';
import { teachersOf } from '../records/records.query';
import { DiaryScopeService, type StudentInScope } from '../scope/diary-scope.service';
import { OVERDUE_READERS } from '../diary.roles';
import type { FormFile } from './message-form';
import { type FamilyRole, Message, MessageAttachment, type MessageSide, MessageThread } from './message.entity';
import { awaitingThreads, familyOf, messagesOf, participantThread, PREVIEW_CHARS, type ThreadRow, threadsOf, yearsOverlapping } from './messages.query';
import { replyDueOn, type WorkingYear } from './reply-deadline';
import type {
  CreateThreadDto, MessageView, OverdueThreadView, ReplyDto, ThreadPageView, ThreadSummaryView, ThreadView, UnreadCountView,
} from './message.dto';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface CheckedFile {
  id: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface AttachmentContent {
  fileName: string;
  contentType: string;
  sha256: string;
  bytes: Buffer;
}

/**
 * R-DIA-11: private correspondence between a family member (a parent or the student) and a teacher of the student (the
 * teachers of the class's loads and the class teacher). Never between families: a family writes to a teacher of the
 * student, a teacher writes to a parent of a student they teach. Only the two participants read a thread; the audit log
 * keeps ids and lengths, never the text. A family message waits for the teacher's answer for 2 working days of the
 * school's calendar; the deputy lists the threads past that.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger('DiaryMessages');

  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly scope: DiaryScopeService,
    private readonly calendar: CalendarService, private readonly clock: Clock, @Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  async list(actor: Actor, q: { studentId?: string; schoolId?: string; limit: number; offset: number }): Promise<ThreadPageView> {
    const me = personOf(actor);
    if (q.studentId) await this.scope.student(actor, q.studentId, 'messages');
    const schoolIds = actor.principal.memberships.map((m) => m.schoolId).filter((s) => !q.schoolId || s === q.schoolId);
    const { items, total } = await threadsOf(this.db.manager, { personId: me, schoolIds, studentId: q.studentId, limit: q.limit, offset: q.offset,
      now: this.clock.now() });
    const due = await this.deadlines(items);
    return { items: items.map((t) => summary(t, me, due)), total };
  }

  async unreadCount(actor: Actor): Promise<UnreadCountView> {
    const me = personOf(actor);
    const [row] = await this.db.query(
      `SELECT count(*)::int AS messages, count(DISTINCT m.thread_id)::int AS threads
         FROM messages m JOIN message_threads t ON t.id = m.thread_id
        WHERE m.recipient_person_id = $1 AND m.read_at IS NULL AND t.school_id = ANY($2::uuid[])`,
      [me, actor.principal.memberships.map((m) => m.schoolId)]);
    return row;
  }

  /** Opens a thread: the caller's unread messages in it are marked read. */
  async get(actor: Actor, id: string): Promise<ThreadView> {
    const me = personOf(actor);
    await this.participant(actor, id);
    await this.db.query(`UPDATE messages SET read_at = $3 WHERE thread_id = $1 AND recipient_person_id = $2 AND read_at IS NULL`, [id, me, this.clock.now()]);
    return this.view(this.db.manager, id, me);
  }

  async create(actor: Actor, dto: CreateThreadDto, files: FormFile[]): Promise<ThreadView> {
    const me = personOf(actor);
    const s = await this.scope.student(actor, dto.studentId, 'messages');
    const sides = await this.sides(s, me, dto);
    const checked = checkFiles(files);
    const now = this.clock.now();
    const thread: MessageThread = {
      id: newId(), schoolId: s.schoolId, studentId: s.studentId, teacherId: sides.teacherId, familyPersonId: sides.familyPersonId,
      familyRole: sides.familyRole, startedBy: sides.side, subject: dto.subject.trim(), createdAt: now, lastMessageAt: now,
      awaitingReplySince: sides.side === 'family' ? now : null,
    };
    return this.withFiles(thread, checked, async (tx) => {
      await tx.insert(MessageThread, thread);
      await this.audit.record(tx, { schoolId: s.schoolId, actor, role: s.role, action: 'message_thread.create', entity: 'message_thread', entityId: thread.id,
        after: { studentId: thread.studentId, teacherId: thread.teacherId, familyPersonId: thread.familyPersonId, familyRole: thread.familyRole,
          startedBy: thread.startedBy, subjectLength: thread.subject.length } });
      await this.insertMessage(tx, actor, s.role, thread, sides.side, dto.text, checked, now);
      return this.view(tx, thread.id, me);
    });
  }

  async reply(actor: Actor, threadId: string, dto: ReplyDto, files: FormFile[]): Promise<ThreadView> {
    const me = personOf(actor);
    const t = await this.participant(actor, threadId);
    const side: MessageSide = t.teacherId === me ? 'staff' : 'family';
    const checked = checkFiles(files);
    const now = this.clock.now();
    const thread = await this.db.getRepository(MessageThread).findOneByOrFail({ id: threadId });
    return this.withFiles(thread, checked, async (tx) => {
      await tx.query(`SELECT id FROM message_threads WHERE id = $1 FOR UPDATE`, [threadId]);
      // Answering shows the answerer has read what came before.
      await tx.query(`UPDATE messages SET read_at = $3 WHERE thread_id = $1 AND recipient_person_id = $2 AND read_at IS NULL`, [threadId, me, now]);
      await this.insertMessage(tx, actor, side === 'staff' ? roleIn(actor, t.schoolId, 'teacher') : t.familyRole, thread, side, dto.text, checked, now);
      // R-DIA-11: a family message starts the wait for an answer (unless one is already running); the teacher's answer ends it.
      await tx.query(
        `UPDATE message_threads SET last_message_at = $2,
                awaiting_reply_since = CASE WHEN $3 = 'family' THEN coalesce(awaiting_reply_since, $2) ELSE NULL END
          WHERE id = $1`, [threadId, now, side]);
      return this.view(tx, threadId, me);
    });
  }

  /** R-DIA-11: threads of the school whose family message has waited past the deadline (the deputy, director, admin). */
  async overdue(actor: Actor, schoolId: string): Promise<OverdueThreadView[]> {
    requireRole(actor, schoolId, OVERDUE_READERS);
    const rows = await awaitingThreads(this.db.manager, schoolId, this.clock.now());
    const due = await this.deadlines(rows);
    return rows.filter((t) => t.today > (due.get(t.id) as string)).map((t) => ({
      id: t.id, studentId: t.studentId, studentName: t.studentName, className: t.className, teacherId: t.teacherId, teacherName: t.teacherName,
      familyName: t.familyName, familyRole: t.familyRole, awaitingReplySince: iso(t.awaitingReplySince) as string, replyDueOn: due.get(t.id) as string,
    }));
  }

  async attachment(actor: Actor, threadId: string, attachmentId: string): Promise<AttachmentContent> {
    await this.participant(actor, threadId);
    const [a]: MessageAttachment[] = await this.db.query(
      `SELECT a.file_name AS "fileName", a.content_type AS "contentType", a.sha256, a.storage_key AS "storageKey"
         FROM message_attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = $1 AND m.thread_id = $2`, [attachmentId, threadId]);
    if (!a) throw new NotFound('No such attachment');
    const bytes = await this.storage.get(a.storageKey);
    if (sha256(bytes) !== a.sha256) {
      this.logger.error({ attachmentId, storageKey: a.storageKey, msg: 'message attachment does not match its checksum' });
      throw new Error('The stored file is damaged');
    }
    return { fileName: a.fileName, contentType: a.contentType, sha256: a.sha256, bytes };
  }

  /** Who writes to whom: a family member to a teacher of the student, or a teacher of the student to the family. */
  private async sides(s: StudentInScope, me: string, dto: CreateThreadDto):
    Promise<{ side: MessageSide; teacherId: string; familyPersonId: string; familyRole: FamilyRole }> {
    const teachers = await this.teachersOf(s);
    if (s.viewer === 'self' || s.viewer === 'parent') {
      if (dto.recipientId) throw new InvalidField('recipientId', 'a family writes to a teacher: give teacherId');
      if (!dto.teacherId) throw new InvalidField('teacherId', 'teacherId is required: the teacher to write to');
      // Anyone but the student's teachers — another parent above all — is not an addressee (R-DIA-11: no messages between families).
      if (!teachers.has(dto.teacherId) || dto.teacherId === me) throw new NotFound('No such teacher of this student');
      return { side: 'family', teacherId: dto.teacherId, familyPersonId: me, familyRole: s.viewer === 'self' ? 'student' : 'parent' };
    }
    if (s.viewer === 'interested_person') throw new Forbidden('An interested person reads the diary; messages are for parents and the student');
    if (!teachers.has(me)) throw new Forbidden('Only a teacher of the student or the class teacher writes to the family');
    if (dto.teacherId && dto.teacherId !== me) throw new InvalidField('teacherId', 'a teacher writes as themself');
    if (!dto.recipientId) throw new InvalidField('recipientId', 'recipientId is required: a parent of the student or the student');
    const family = (await familyOf(this.db.manager, s.studentId)).find((f) => f.personId === dto.recipientId && f.personId !== me);
    if (!family) throw new NotFound('No such parent of this student');
    return { side: 'staff', teacherId: me, familyPersonId: family.personId, familyRole: family.role };
  }

  /** R-DIA-11: the teachers of the student's class loads (their subgroups) and the class teacher. */
  private async teachersOf(s: StudentInScope): Promise<Set<string>> {
    const ids = new Set<string>();
    if (!s.classId) return ids;
    for (const t of await teachersOf(this.db.manager, s.studentId, s.classId)) ids.add(t.personId);
    if (s.classTeacherId) ids.add(s.classTeacherId);
    return ids;
  }

  /** A thread the caller takes part in, in a school they still belong to; anything else is 404. */
  private async participant(actor: Actor, threadId: string): Promise<ThreadRow> {
    const t = await participantThread(this.db.manager, threadId, personOf(actor), this.clock.now());
    if (!t || !actor.principal.memberships.some((m) => m.schoolId === t.schoolId)) throw new NotFound('No such thread');
    return t;
  }

  private async insertMessage(tx: EntityManager, actor: Actor, role: string, thread: MessageThread, side: MessageSide, text: string,
    files: CheckedFile[], now: Date): Promise<void> {
    const message: Message = { id: newId(), schoolId: thread.schoolId, threadId: thread.id, authorPersonId: side === 'staff' ? thread.teacherId : thread.familyPersonId,
      authorUserId: actor.principal.userId, recipientPersonId: side === 'staff' ? thread.familyPersonId : thread.teacherId, text, createdAt: now, readAt: null };
    await tx.insert(Message, message);
    const attachments = files.map((f) => ({ id: f.id, schoolId: thread.schoolId, messageId: message.id, fileName: f.fileName, contentType: f.contentType,
      sizeBytes: f.bytes.length, sha256: sha256(f.bytes), storageKey: storageKey(thread, f.id) }));
    if (attachments.length) await tx.insert(MessageAttachment, attachments);
    // Private correspondence: the log keeps who wrote to whom and how much, never the words or the file names.
    await this.audit.record(tx, { schoolId: thread.schoolId, actor, role, action: 'message.create', entity: 'message', entityId: message.id,
      after: { threadId: thread.id, studentId: thread.studentId, side, authorPersonId: message.authorPersonId, recipientPersonId: message.recipientPersonId,
        textLength: text.length, attachments: attachments.map((a) => ({ id: a.id, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256 })) } });
  }

  /** Stores the files, runs the transaction, and removes the files again when it rolls back. */
  private async withFiles<T>(thread: MessageThread, files: CheckedFile[], work: (tx: EntityManager) => Promise<T>): Promise<T> {
    const stored: string[] = [];
    try {
      for (const f of files) {
        await this.storage.put(storageKey(thread, f.id), f.bytes);
        stored.push(storageKey(thread, f.id));
      }
      return await this.db.transaction(work);
    } catch (e) {
      for (const key of stored) await this.storage.delete(key).catch(() => undefined);
      throw e;
    }
  }

  private async view(tx: EntityManager, threadId: string, me: string): Promise<ThreadView> {
    const [t, rows] = await Promise.all([participantThread(tx, threadId, me, this.clock.now()), messagesOf(tx, threadId)]);
    const due = await this.deadlines([t as ThreadRow], tx);
    const messages: MessageView[] = rows.map((m) => ({
      id: m.id, authorPersonId: m.authorPersonId, authorName: m.authorName, side: m.authorPersonId === t!.teacherId ? 'staff' : 'family',
      mine: m.authorPersonId === me, text: m.text, createdAt: iso(m.createdAt) as string, readAt: iso(m.readAt),
      attachments: m.attachments.map((a) => ({ ...a, url: `${DIARY_PATH}/threads/${threadId}/attachments/${a.id}` })),
    }));
    return { ...summary(t as ThreadRow, me, due), messages };
  }

  /** The reply deadline of each awaiting thread, in its school's calendar. */
  private async deadlines(threads: ThreadRow[], tx: EntityManager = this.db.manager): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const bySchool = new Map<string, ThreadRow[]>();
    for (const t of threads) if (t.sentOn) bySchool.set(t.schoolId, [...(bySchool.get(t.schoolId) ?? []), t]);
    for (const [schoolId, list] of bySchool) {
      const dates = list.map((t) => t.sentOn as string).sort();
      const years: WorkingYear[] = [];
      for (const { id } of await yearsOverlapping(tx, schoolId, dates[0], addDays(dates[dates.length - 1], 60))) {
        const cal = await this.calendar.forYear(id, tx);
        years.push({ yearStart: cal.yearStart, yearEnd: cal.yearEnd, holidays: cal.holidays,
          daysPerWeek: Math.max(...Array.from({ length: 11 }, (_, i) => cal.daysPerWeek(i + 1))) });
      }
      for (const t of list) out.set(t.id, replyDueOn(t.sentOn as string, years));
    }
    return out;
  }
}

function personOf(actor: Actor): string {
  // Integration tokens and accounts without a person have no correspondence (R-DIA-07: out of scope → 404).
  if (actor.principal.kind !== 'user' || !actor.principal.personId) throw new NotFound('No such thread');
  return actor.principal.personId;
}

function roleIn(actor: Actor, schoolId: string, fallback: string): string {
  const roles = actor.principal.memberships.find((m) => m.schoolId === schoolId)?.roles ?? [];
  return (['class_teacher', 'teacher'] as const).find((r) => roles.includes(r)) ?? roles[0] ?? fallback;
}

/** The newest message's start, cut at PREVIEW_CHARS with an ellipsis (the query returns one character more to tell). */
const preview = (text: string | null): string =>
  !text ? '' : text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS).trim()}…` : text.trim();

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

const storageKey = (thread: MessageThread, fileId: string) => `${thread.schoolId}/messages/${thread.id}/${fileId}`;

function checkFiles(files: FormFile[]): CheckedFile[] {
  return files.map((f) => {
    const fileName = cleanFileName(f.fileName);
    const type = homeworkFileType(fileName, f.bytes);
    if (!type) {
      throw new UnsupportedMediaType(`Attachments are ${Object.keys(HOMEWORK_FILE_TYPES).join(', ')} (as homework files); the file's name and content must agree`);
    }
    return { id: newId(), fileName, contentType: type.contentType, bytes: f.bytes };
  });
}

function summary(t: ThreadRow, me: string, due: Map<string, string>): ThreadSummaryView {
  const replyDue = due.get(t.id) ?? null;
  return {
    id: t.id, schoolId: t.schoolId, studentId: t.studentId, studentName: t.studentName, className: t.className, teacherId: t.teacherId,
    teacherName: t.teacherName, familyPersonId: t.familyPersonId, familyName: t.familyName, familyRole: t.familyRole,
    mySide: t.teacherId === me ? 'staff' : 'family', subject: t.subject, startedBy: t.startedBy, createdAt: iso(t.createdAt) as string,
    lastMessageAt: iso(t.lastMessageAt) as string, lastMessagePreview: preview(t.lastMessagePreview), unread: t.unread, awaitingReplySince: iso(t.awaitingReplySince), replyDueOn: replyDue,
    overdue: replyDue !== null && t.today > replyDue,
  };
}

