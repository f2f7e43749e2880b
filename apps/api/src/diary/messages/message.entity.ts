import { Column, Entity, PrimaryColumn } from 'typeorm';

export type FamilyRole = 'parent' | 'student';
export type MessageSide = 'family' | 'staff';

/** R-DIA-11: a thread between one family member (a parent or the student) and one teacher of the student. */
@Entity('message_threads')
export class MessageThread {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') studentId: string;
  /** Person id of the teacher (or class teacher) the thread is with. */
  @Column('uuid') teacherId: string;
  @Column('uuid') familyPersonId: string;
  @Column('text') familyRole: FamilyRole;
  @Column('text') startedBy: MessageSide;
  @Column() subject: string;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz') lastMessageAt: Date;
  /** The first family message the teacher has not answered yet (R-DIA-11: the reply deadline counts from it). */
  @Column({ type: 'timestamptz', nullable: true }) awaitingReplySince: Date | null;
}

/** One message of a thread; `readAt` is set when its recipient opens the thread. Messages are never edited. */
@Entity('messages')
export class Message {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') threadId: string;
  @Column('uuid') authorPersonId: string;
  @Column({ type: 'uuid', nullable: true }) authorUserId: string | null;
  @Column('uuid') recipientPersonId: string;
  @Column() text: string;
  /** The server's clock at sending (the Clock, so tests can place a message in the past). */
  @Column('timestamptz') createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) readAt: Date | null;
}

/** A file attached to a message; the bytes live in the file storage under `storageKey`. */
@Entity('message_attachments')
export class MessageAttachment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') messageId: string;
  @Column() fileName: string;
  @Column() contentType: string;
  @Column('int') sizeBytes: number;
  @Column() sha256: string;
  @Column() storageKey: string;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}
