import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import type { ChangeReasonCategory, ChangeRequestStatus } from '../journal.entities';

export const CHANGE_ITEM_KINDS = ['mark', 'attendance', 'lesson_content', 'period_mark'] as const;
export type ChangeItemKind = (typeof CHANGE_ITEM_KINDS)[number];
export const REASON_CATEGORIES = ['student_illness', 'teacher_absence', 'other_document'] as const satisfies readonly ChangeReasonCategory[];
export const CHANGE_STATUSES = ['filed', 'approved', 'rejected', 'applied'] as const satisfies readonly ChangeRequestStatus[];
export const DECISIONS = ['approve', 'reject'] as const;

const NOT_BLANK = /\S/;

export class ChangeItemDto {
  @ApiProperty({ enum: CHANGE_ITEM_KINDS, example: 'mark' }) @IsIn(CHANGE_ITEM_KINDS) kind: ChangeItemKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'mark: the mark to change or remove (or lessonId + studentId + workType to add one); period_mark: the period mark' })
  @IsOptional() @IsUUID() targetId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'attendance and lesson_content; mark when adding one' }) @IsOptional() @IsUUID() lessonId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'attendance; mark when adding one' }) @IsOptional() @IsUUID() studentId?: string;
  @ApiPropertyOptional({ example: 'answer', description: 'Work type code of a mark to add (R-JRN-03)' }) @IsOptional() @IsString() @Length(1, 40) workType?: string;
  @ApiPropertyOptional({
    type: String, nullable: true, example: '4',
    description: 'mark / period_mark: a mark value (null removes a mark); attendance: Н, У, Б, ОП (null = present); lesson_content: the topic',
  })
  @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 500) @Matches(NOT_BLANK, { message: 'newValue must not be blank' }) newValue: string | null;
}

export class FileChangeRequestDto {
  @ApiProperty({ type: [ChangeItemDto], description: 'All items of one class and subject (one explanatory letter per class and subject, 003 §4)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ChangeItemDto) items: ChangeItemDto[];
  @ApiProperty({ enum: REASON_CATEGORIES, example: 'student_illness', description: '003 §4: documented illness, teacher absence or another documented reason' })
  @IsIn(REASON_CATEGORIES) reasonCategory: ChangeReasonCategory;
  @ApiProperty({ example: 'Справка ГБУЗ ДП № 3 № 118 от 14.10.2026' })
  @IsString() @Length(3, 300) @Matches(NOT_BLANK, { message: 'documentReference must not be blank' }) documentReference: string;
  @ApiProperty({ example: 'Ученик отсутствовал по болезни 12–13.10, отметка «Н» выставлена ошибочно вместо «Б»' })
  @IsString() @Length(5, 2000) @Matches(NOT_BLANK, { message: 'explanation must not be blank' }) explanation: string;
}

export class DecideChangeRequestDto {
  @ApiProperty({ enum: DECISIONS, example: 'approve' }) @IsIn(DECISIONS) decision: (typeof DECISIONS)[number];
  @ApiPropertyOptional({ example: 'Разрешаю внести изменения', description: 'Required when rejecting' })
  @IsOptional() @IsString() @Length(1, 1000) @Matches(NOT_BLANK, { message: 'note must not be blank' }) note?: string;
  @ApiPropertyOptional({ example: 1, description: 'The version read; a stale one answers 412' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class ApplyChangeRequestDto {
  @ApiPropertyOptional({ example: 2, description: 'The version read; a stale one answers 412' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class ChangeItemView {
  @ApiProperty({ enum: CHANGE_ITEM_KINDS }) kind: ChangeItemKind;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) targetId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) lessonId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) studentId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'answer' }) workType: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Иванов Пётр Сергеевич' }) studentName: string | null;
  @ApiProperty({ example: '2026-10-12', description: 'The journal date the change is for (lesson date, or the end of the period)' }) date: string;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 3 }) lessonNumber: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Н', description: 'The value when the request was filed (filled by the server)' })
  currentValue: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Б' }) newValue: string | null;
}

export class ChangeRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'ИЗ-2026/0001', description: 'Registration number: per school and academic year (the year it starts in)' }) registrationNumber: string;
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty({ enum: CHANGE_STATUSES, example: 'filed' }) status: ChangeRequestStatus;
  @ApiProperty({ format: 'uuid' }) initiatorId: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) initiatorName: string;
  @ApiProperty({ example: 'teacher' }) initiatorRole: string;
  @ApiProperty({ enum: REASON_CATEGORIES }) reasonCategory: ChangeReasonCategory;
  @ApiProperty() documentReference: string;
  @ApiProperty() explanation: string;
  @ApiProperty({ type: [ChangeItemView] }) items: ChangeItemView[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '5А' }) className: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) subjectId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Математика' }) subjectName: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) periodId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1 четверть' }) periodName: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) decidedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedByName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decidedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) decisionNote: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) appliedBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) appliedByName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) appliedAt: string | null;
  @ApiProperty({ example: '2026-10-20T08:15:00.000Z' }) createdAt: string;
  @ApiProperty({ example: 1 }) version: number;
}
