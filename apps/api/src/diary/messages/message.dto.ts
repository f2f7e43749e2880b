import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

const NOT_BLANK = /\S/;

export class CreateThreadDto {
  @ApiProperty({ format: 'uuid', description: 'The student the conversation is about' }) @IsUUID() studentId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A parent or the student writes to a teacher of the student or the class teacher (person id, see /diary/students/{id}/teachers)' })
  @IsOptional() @IsUUID() teacherId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A teacher writes to a parent of the student (the parent\'s person id) or to the student' })
  @IsOptional() @IsUUID() recipientId?: string;
  @ApiProperty({ example: 'Контрольная работа 3 декабря' }) @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'subject must not be blank' }) subject: string;
  @ApiProperty({ example: 'Здравствуйте! Можно ли переписать контрольную?' })
  @IsString() @Length(1, 5000) @Matches(NOT_BLANK, { message: 'text must not be blank' }) text: string;
}

export class ReplyDto {
  @ApiProperty({ example: 'Да, в четверг после уроков.' }) @IsString() @Length(1, 5000) @Matches(NOT_BLANK, { message: 'text must not be blank' }) text: string;
}

export class MessageAttachmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'справка.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ example: 120433 }) sizeBytes: number;
  @ApiProperty({ example: '/api/v1/diary/threads/0193…/attachments/0193…' }) url: string;
}

export class MessageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) authorPersonId: string;
  @ApiProperty({ example: 'Смирнова Анна Петровна' }) authorName: string;
  @ApiProperty({ enum: ['family', 'staff'] }) side: string;
  @ApiProperty({ description: 'Written by the caller' }) mine: boolean;
  @ApiProperty({ example: 'Здравствуйте! Можно ли переписать контрольную?' }) text: string;
  @ApiProperty({ example: '2026-11-30T15:04:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'When the recipient opened it (read mark)' }) readAt: string | null;
  @ApiProperty({ type: [MessageAttachmentView] }) attachments: MessageAttachmentView[];
}

export class ThreadSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ example: 'Смирнов Иван Петрович' }) studentName: string;
  @ApiProperty({ type: String, nullable: true, example: '5А' }) className: string | null;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) teacherName: string;
  @ApiProperty({ format: 'uuid' }) familyPersonId: string;
  @ApiProperty({ example: 'Смирнова Анна Петровна' }) familyName: string;
  @ApiProperty({ enum: ['parent', 'student'] }) familyRole: string;
  @ApiProperty({ enum: ['family', 'staff'], description: 'The caller\'s side of the thread' }) mySide: string;
  @ApiProperty({ example: 'Контрольная работа 3 декабря' }) subject: string;
  @ApiProperty({ enum: ['family', 'staff'] }) startedBy: string;
  @ApiProperty({ example: '2026-11-30T15:04:00.000Z' }) createdAt: string;
  @ApiProperty({ example: '2026-11-30T15:04:00.000Z' }) lastMessageAt: string;
  @ApiProperty({ example: 'Да, в четверг после уроков.', description: 'The start of the newest message (up to 120 characters, whitespace collapsed; "…" when cut)' })
  lastMessagePreview: string;
  @ApiProperty({ example: 1, description: 'Messages to the caller not opened yet' }) unread: number;
  @ApiProperty({ type: String, nullable: true, description: 'The first family message the teacher has not answered yet' }) awaitingReplySince: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-02', description: 'Last day to answer (2 working days of the school\'s calendar)' })
  replyDueOn: string | null;
  @ApiProperty({ description: 'Unanswered after the deadline' }) overdue: boolean;
}

export class ThreadView extends ThreadSummaryView {
  @ApiProperty({ type: [MessageView] }) messages: MessageView[];
}

export class ThreadPageView {
  @ApiProperty({ type: [ThreadSummaryView] }) items: ThreadSummaryView[];
  @ApiProperty({ example: 3 }) total: number;
}

export class UnreadCountView {
  @ApiProperty({ example: 2, description: 'Messages to the caller not opened yet' }) messages: number;
  @ApiProperty({ example: 1, description: 'Threads with such messages' }) threads: number;
}

export class OverdueThreadView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ example: 'Смирнов Иван Петрович' }) studentName: string;
  @ApiProperty({ type: String, nullable: true, example: '5А' }) className: string | null;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) teacherName: string;
  @ApiProperty({ example: 'Смирнова Анна Петровна' }) familyName: string;
  @ApiProperty({ enum: ['parent', 'student'] }) familyRole: string;
  @ApiProperty({ example: '2026-11-24T18:30:00.000Z' }) awaitingReplySince: string;
  @ApiProperty({ example: '2026-11-26' }) replyDueOn: string;
}
