import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ABSENCE_CODES, MARK_VALUES } from '@otmetka/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf, ValidateNested,
} from 'class-validator';

const NOT_BLANK = /\S/;
const given = (_: unknown, v: unknown) => v !== null && v !== undefined;

// ---------- generation and extra lessons (R-JRN-01)

export class GenerateLessonsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ example: '2026-09-01' }) @IsDateString({ strict: true }) from: string;
  @ApiProperty({ example: '2026-12-31', description: 'Inclusive; at most 400 days after from' }) @IsDateString({ strict: true }) to: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this class (default: the whole school)' }) @IsOptional() @IsUUID() classId?: string;
}

export class GenerateLessonsResult {
  @ApiProperty({ example: 412, description: 'Lessons created' }) created: number;
  @ApiProperty({ example: 36, description: 'Lessons that already existed and still match the timetable' }) existing: number;
  @ApiProperty({ example: 2, description: 'Existing lessons brought in line with a later one-off change (substitute, room, lesson number, cancellation)' }) updated: number;
  @ApiProperty({ example: 1, description: 'Empty lessons removed because the timetable no longer gives them (a holiday added, a lesson moved away)' }) removed: number;
  @ApiProperty({ example: 0, description: 'Lessons the timetable no longer gives but kept because they hold entries (topic, marks, attendance …)' }) kept: number;
}

export class CreateExtraLessonDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() subgroupId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiProperty({ format: 'uuid', description: 'Person id of a teacher with a load for the class (or subgroup) and subject' }) @IsUUID() teacherId: string;
  @ApiProperty({ example: '2026-12-05' }) @IsDateString({ strict: true }) date: string;
  @ApiProperty({ example: 7, minimum: 0, maximum: 12 }) @IsInt() @Min(0) @Max(12) lessonNumber: number;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() roomId?: string;
  @ApiPropertyOptional({ example: 'Дополнительное занятие перед контрольной работой' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

// ---------- views

export class LessonSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: 2 }) lessonNumber: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: '08:55' }) startsAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '09:40' }) endsAt: string | null;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) subgroupId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1 группа' }) subgroupName: string | null;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ format: 'uuid', description: 'The teacher of record (from the timetable)' }) teacherId: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) teacherName: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Who gives the lesson on a substitution' }) substituteTeacherId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) substituteTeacherName: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) roomId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '12' }) roomName: string | null;
  @ApiProperty({ enum: ['timetable', 'extra'] }) source: string;
  @ApiProperty({ example: false }) cancelled: boolean;
  @ApiProperty({ example: true }) held: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Сложение дробей' }) topic: string | null;
  @ApiProperty({ example: true }) hasHomework: boolean;
  @ApiProperty({ example: 5 }) markCount: number;
  @ApiProperty({ example: 2 }) absenceCount: number;
  @ApiProperty({ example: ['homework'], description: 'What the teacher has still to enter: topic, homework', type: [String] }) missing: string[];
  @ApiProperty({ example: 3 }) version: number;
}

/** R-JRN-05: what the edit policy decided for a kind of item, for the SPA to grey out cells and say why and until when. */
export class EditDecisionView {
  @ApiProperty({ example: true }) allowed: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-03T21:00:00.000Z' }) editableUntil: string | null;
  @ApiProperty({ example: 'within_edit_window', enum: ['on_time', 'late_first_entry', 'within_edit_window', 'not_yet', 'window_closed', 'period_closed', 'year_closed'] })
  reason: string;
  @ApiProperty({ example: false, description: 'An entry now would be flagged late' }) late: boolean;
  @ApiProperty({ example: false, description: 'Denied, and a change request (R-JRN-06) is the way to change it' }) needsChangeRequest: boolean;
}

export class LessonEditView {
  @ApiProperty({ type: EditDecisionView, description: 'Topic, "held", work types' }) content: EditDecisionView;
  @ApiProperty({ type: EditDecisionView, description: 'A new absence; each recorded one carries its own editableUntil' }) attendance: EditDecisionView;
  @ApiProperty({ type: EditDecisionView, description: 'A new mark; each mark carries its own editableUntil' }) mark: EditDecisionView;
  @ApiProperty({ type: EditDecisionView }) homework: EditDecisionView;
}

export class HomeworkFileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Задачи.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ example: 48213 }) sizeBytes: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256: string;
  @ApiProperty({ example: '2026-12-01T09:50:00.000Z' }) createdAt: string;
}

export class HomeworkView {
  @ApiPropertyOptional({ type: String, nullable: true, example: '№ 245, 247' }) text: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-03' }) dueDate: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-01T09:50:00.000Z' }) enteredAt: string | null;
  @ApiProperty({ example: false }) enteredLate: boolean;
  @ApiProperty({ type: [HomeworkFileView] }) files: HomeworkFileView[];
}

export class AttendanceView {
  @ApiProperty({ enum: ABSENCE_CODES }) code: string;
  @ApiProperty({ example: false }) enteredLate: boolean;
  @ApiProperty({ example: true }) editable: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) editableUntil: string | null;
}

export class LessonMarkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MARK_VALUES }) value: string;
  @ApiProperty({ example: 'answer' }) workType: string;
  @ApiProperty({ example: 'Ответ на уроке' }) workTypeName: string;
  @ApiProperty({ example: 1 }) weight: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Устный ответ у доски' }) comment: string | null;
  @ApiProperty({ example: '2026-12-01T09:40:00.000Z', description: 'Server time of the first entry (R-JRN-07)' }) enteredAt: string;
  @ApiProperty({ example: false }) enteredLate: boolean;
  @ApiProperty({ example: true }) editable: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) editableUntil: string | null;
}

export class RemarkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Не готов к уроку' }) text: string;
  @ApiProperty({ example: '2026-12-01T09:40:00.000Z' }) createdAt: string;
}

export class LessonStudentView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ example: 'Петров Пётр Петрович' }) fullName: string;
  @ApiPropertyOptional({ type: AttendanceView, nullable: true, description: 'null = present' }) attendance: AttendanceView | null;
  @ApiProperty({ type: [LessonMarkView] }) marks: LessonMarkView[];
  @ApiProperty({ type: [RemarkView] }) remarks: RemarkView[];
}

export class LessonPageView extends LessonSummaryView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ example: 5 }) grade: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Сложение дробей с разными знаменателями',
    description: 'The next topic of the КТП, offered while the topic is empty (R-CUR-09)' }) suggestedTopic: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'control', description: 'The work type the КТП plans for that topic' }) suggestedWorkType: string | null;
  @ApiProperty({ example: ['answer'], type: [String], description: 'Work types of the lesson (control, lab, practical, excursion …; R-JRN-02)' }) workTypes: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Server time of the first entry of content (R-JRN-07)' }) firstEnteredAt: string | null;
  @ApiProperty({ example: false }) enteredLate: boolean;
  @ApiPropertyOptional({ type: HomeworkView, nullable: true }) homework: HomeworkView | null;
  @ApiProperty({ type: [LessonStudentView], description: 'Students of the class (or subgroup) on the lesson date' }) students: LessonStudentView[];
  @ApiProperty({ type: LessonEditView }) edit: LessonEditView;
  @ApiProperty({ example: false }) periodClosed: boolean;
  @ApiProperty({ example: false }) yearClosed: boolean;
}

// ---------- the bulk save (R-JRN-02..05, R-JRN-07, R-API-03)

export class HomeworkInputDto {
  @ApiProperty({ example: '№ 245, 247; повторить правило' }) @IsString() @Length(1, 4000) @Matches(NOT_BLANK, { message: 'text must not be blank' }) text: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-12-03' }) @ValidateIf(given) @IsDateString({ strict: true }) dueDate?: string | null;
}

export class AttendanceInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiPropertyOptional({ type: String, enum: ABSENCE_CODES, nullable: true, description: 'null = present (removes an absence)' })
  @ValidateIf(given) @IsIn(ABSENCE_CODES) code: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 10, description: 'ОП only: minutes late' })
  @ValidateIf(given) @IsInt() @Min(1) @Max(240) minutesLate?: number | null;
}

export class MarkInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An existing mark of this lesson to change; without it a new mark' }) @IsOptional() @IsUUID() id?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiProperty({ enum: MARK_VALUES, example: '5' }) @IsIn(MARK_VALUES) value: string;
  @ApiProperty({ example: 'answer', description: 'A work type code of the school (GET /work-types); its weight is applied' }) @IsString() @Length(1, 40) workType: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Устный ответ у доски' }) @ValidateIf(given) @IsString() @Length(0, 500) comment?: string | null;
}

export class MarksInputDto {
  @ApiPropertyOptional({ type: [MarkInputDto] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => MarkInputDto)
  upsert?: MarkInputDto[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Ids of marks of this lesson to delete' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) delete?: string[];
}

export class RemarkInputDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiProperty({ example: 'Не выполнил домашнее задание' }) @IsString() @Length(1, 1000) @Matches(NOT_BLANK, { message: 'text must not be blank' }) text: string;
}

export class SaveLessonDto {
  @ApiPropertyOptional({ example: 3, description: 'The version read; or send If-Match. A stale one answers 409 with the current lesson page' })
  @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Сложение дробей' }) @ValidateIf(given) @IsString() @Length(0, 1000) topic?: string | null;
  @ApiPropertyOptional({ example: true, description: 'The lesson was held; then the topic is required (R-JRN-02)' }) @IsOptional() @IsBoolean() held?: boolean;
  @ApiPropertyOptional({ type: [String], example: ['answer', 'control'] }) @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) workTypes?: string[];
  @ApiPropertyOptional({ type: HomeworkInputDto, nullable: true, description: 'null removes the homework' })
  @ValidateIf(given) @ValidateNested() @Type(() => HomeworkInputDto) homework?: HomeworkInputDto | null;
  @ApiPropertyOptional({ type: [AttendanceInputDto] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AttendanceInputDto)
  attendance?: AttendanceInputDto[];
  @ApiPropertyOptional({ type: MarksInputDto }) @IsOptional() @ValidateNested() @Type(() => MarksInputDto) marks?: MarksInputDto;
  @ApiPropertyOptional({ type: [RemarkInputDto], description: 'New remarks (R-JRN-10)' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => RemarkInputDto) remarks?: RemarkInputDto[];
}

export class SaveAttendanceDto {
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiProperty({ type: [AttendanceInputDto] }) @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AttendanceInputDto)
  attendance: AttendanceInputDto[];
}

export class NewMarkDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiProperty({ enum: MARK_VALUES, example: '5' }) @IsIn(MARK_VALUES) value: string;
  @ApiProperty({ example: 'answer' }) @IsString() @Length(1, 40) workType: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @ValidateIf(given) @IsString() @Length(0, 500) comment?: string | null;
}

export class AddMarksDto {
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() @Min(1) version?: number;
  @ApiProperty({ type: [NewMarkDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => NewMarkDto) marks: NewMarkDto[];
}
