import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested,
} from 'class-validator';
import { CHECK_KINDS, type CheckKind, HISTORY_ENTITIES, REMARK_STATUSES, type RemarkStatus } from './control-checks.roles';

const NOT_BLANK = /\S/;

export class NewControlRemarkDto {
  @ApiProperty({ example: 'Не записаны темы уроков 12 и 14 ноября' })
  @IsString() @Length(1, 2000) @Matches(NOT_BLANK, { message: 'text must not be blank' }) text: string;
  @ApiProperty({ example: '2026-12-10', description: 'Due date; not before the date of the check' })
  @IsDateString({ strict: true }) dueOn: string;
}

export class CreateControlCheckDto {
  @ApiProperty({ format: 'uuid', description: 'Person id of the teacher whose journal was checked' }) @IsUUID() teacherId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiProperty({ example: '2026-12-03', description: 'Date of the check; not in the future' }) @IsDateString({ strict: true }) checkedOn: string;
  @ApiProperty({ enum: CHECK_KINDS, example: 'planned', description: 'плановая, внеплановая, тематическая, по итогам периода, перед ГИА' })
  @IsIn(CHECK_KINDS) kind: CheckKind;
  @ApiProperty({ example: 'Журнал ведётся своевременно, есть замечания по темам уроков' })
  @IsString() @Length(1, 4000) @Matches(NOT_BLANK, { message: 'summary must not be blank' }) summary: string;
  @ApiProperty({ type: [NewControlRemarkDto], description: 'At least one remark' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => NewControlRemarkDto) remarks: NewControlRemarkDto[];
}

export class FixControlRemarkDto {
  @ApiProperty({ example: 'Темы уроков записаны' })
  @IsString() @Length(1, 2000) @Matches(NOT_BLANK, { message: 'comment must not be blank' }) comment: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;
}

export class DecideControlRemarkDto {
  @ApiPropertyOptional({ example: 'Проверено', description: 'Required to reopen' })
  @IsOptional() @IsString() @Length(1, 2000) @Matches(NOT_BLANK, { message: 'comment must not be blank' }) comment?: string;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) version: number;
}

export class ControlRemarkEventView {
  @ApiProperty({ enum: ['created', 'fixed', 'accepted', 'reopened'] }) action: string;
  @ApiPropertyOptional({ type: String, nullable: true, enum: REMARK_STATUSES }) fromStatus: RemarkStatus | null;
  @ApiProperty({ enum: REMARK_STATUSES }) toStatus: RemarkStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ format: 'uuid' }) actorUserId: string;
  @ApiProperty({ example: 'Морозова С. Н.' }) actorName: string;
  @ApiProperty({ example: 'deputy' }) actorRole: string;
  @ApiProperty({ example: '2026-12-03T09:00:00.000Z' }) at: string;
}

export class ControlRemarkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) checkId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Смирнова А. П.' }) teacherName: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ example: '2026-12-03' }) checkedOn: string;
  @ApiProperty({ enum: CHECK_KINDS }) kind: CheckKind;
  @ApiProperty({ example: 1 }) position: number;
  @ApiProperty({ example: 'Не записаны темы уроков' }) text: string;
  @ApiProperty({ example: '2026-12-10' }) dueOn: string;
  @ApiProperty({ enum: REMARK_STATUSES }) status: RemarkStatus;
  @ApiProperty({ description: 'Due date passed and not accepted' }) overdue: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) fixedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) fixedComment: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) acceptedAt: string | null;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: [ControlRemarkEventView] }) events: ControlRemarkEventView[];
}

export class ControlCheckView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Смирнова А. П.' }) teacherName: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ example: '2026-12-03' }) checkedOn: string;
  @ApiProperty({ enum: CHECK_KINDS }) kind: CheckKind;
  @ApiProperty() summary: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ example: 'Морозова С. Н.' }) createdByName: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ enum: ['open', 'closed'], description: 'closed when every remark is accepted' }) state: 'open' | 'closed';
  @ApiProperty({ type: [ControlRemarkView] }) remarks: ControlRemarkView[];
}

export class ControlCheckPage {
  @ApiProperty({ type: [ControlCheckView] }) items: ControlCheckView[];
  @ApiProperty() total: number;
}

export class ControlRemarkList {
  @ApiProperty({ type: [ControlRemarkView] }) items: ControlRemarkView[];
}

export class ControlTeacherRow {
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Смирнова А. П.' }) teacherName: string;
  @ApiProperty() checks: number;
  @ApiProperty() remarks: number;
  @ApiProperty({ description: 'Not yet fixed' }) open: number;
  @ApiProperty({ description: 'Fixed, awaiting acceptance' }) fixed: number;
  @ApiProperty() accepted: number;
  @ApiProperty({ description: 'Due date passed and not accepted' }) overdue: number;
}

export class ControlReportView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) from: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) to: string | null;
  @ApiProperty({ example: '2026-12-06', description: 'The school\'s today; overdue is counted against it' }) today: string;
  @ApiProperty({ type: [ControlTeacherRow] }) teachers: ControlTeacherRow[];
  @ApiProperty({ type: ControlTeacherRow, description: 'All teachers together (teacherId and teacherName empty)' }) total: ControlTeacherRow;
}

export class ChangeHistoryItemView {
  @ApiProperty() seq: number;
  @ApiProperty({ example: '2026-12-03T09:00:00.000Z' }) occurredAt: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Смирнова Анна Петровна' }) actorName: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'teacher' }) actorRole: string | null;
  @ApiProperty({ example: 'lesson.save' }) action: string;
  @ApiProperty({ enum: HISTORY_ENTITIES }) entity: string;
  @ApiProperty({ description: 'Id of the changed record (mark id, lesson id, lessonId:studentId, period mark id)' }) entityId: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '4', description: 'Old value (mark/period mark value, absence code, lesson topic)' })
  oldValue: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '5' }) newValue: string | null;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'The record before the change' }) before: unknown;
  @ApiPropertyOptional({ type: Object, nullable: true, description: 'The record after the change' }) after: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) changeRequestId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'ЗИ-2026-0003' }) changeRequestNumber: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) requestId: string | null;
}

export class ChangeHistoryView {
  @ApiProperty({ enum: HISTORY_ENTITIES }) entity: string;
  @ApiProperty({ description: 'The id asked for (or lessonId:studentId)' }) id: string;
  @ApiProperty({ type: [ChangeHistoryItemView] }) items: ChangeHistoryItemView[];
}
