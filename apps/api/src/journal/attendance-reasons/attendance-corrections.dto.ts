import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';

/** R-JRN-04: the codes of an absence; the class teacher's correction moves an absence between them (ОП is lateness, not an absence). */
export const ABSENCE_REASONS = ['Н', 'У', 'Б'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

const NOT_BLANK = /\S/;

// ---------- the week

export class CorrectionAbsenceView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ example: 'Петров Пётр Петрович' }) fullName: string;
  @ApiProperty({ enum: ABSENCE_REASONS, example: 'Н' }) code: string;
  @ApiProperty({ example: '2026-12-01T09:50:00.000Z', description: 'Last change (entry or correction)' }) updatedAt: string;
}

export class CorrectionLessonView {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty({ example: 2 }) lessonNumber: number;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1 группа' }) subgroupName: string | null;
  @ApiProperty({ example: 3, description: 'The lesson version; a correction bumps it' }) version: number;
  @ApiProperty({ type: [CorrectionAbsenceView], description: 'Absences (Н, У, Б) on the lesson; lateness (ОП) is not listed' })
  absences: CorrectionAbsenceView[];
}

export class CorrectionDayView {
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ type: [CorrectionLessonView] }) lessons: CorrectionLessonView[];
}

export class CorrectionStudentView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ example: 'Петров Пётр Петрович' }) fullName: string;
  @ApiProperty({ example: 2, description: 'Lessons missed this week for no good reason (Н)' }) unexcused: number;
  @ApiProperty({ example: 1, description: 'Lessons missed for a good reason (У)' }) excused: number;
  @ApiProperty({ example: 5, description: 'Lessons missed through illness (Б)' }) illness: number;
}

export class AttendanceCorrectionsView {
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ example: '2026-11-30', description: 'Monday of the week' }) weekStart: string;
  @ApiProperty({ example: '2026-12-06', description: 'Sunday of the week' }) weekEnd: string;
  @ApiProperty({ example: true, description: 'The current or the previous week: reasons may be corrected now' }) correctable: boolean;
  @ApiProperty({ example: 'open', enum: ['open', 'too_old', 'not_yet'] }) state: string;
  @ApiProperty({ example: '2026-12-13T21:00:00.000Z', description: 'When the week\'s correction closes' }) correctableUntil: string;
  @ApiProperty({ example: false, description: 'Too old for the weekly correction: a change request (R-JRN-06) is the way' }) needsChangeRequest: boolean;
  @ApiProperty({ type: [CorrectionDayView], description: 'Days of the week with lessons, each lesson with its absences' }) days: CorrectionDayView[];
  @ApiProperty({ type: [CorrectionStudentView], description: 'Students of the class in the week with their absences by reason' })
  students: CorrectionStudentView[];
}

// ---------- the correction

export class AttendanceCorrectionItemDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() lessonId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiProperty({ enum: ABSENCE_REASONS, example: 'Б', description: 'The new reason of the existing absence' }) @IsIn(ABSENCE_REASONS) code: AbsenceReason;
}

export class SaveAttendanceCorrectionsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiProperty({ type: [AttendanceCorrectionItemDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => AttendanceCorrectionItemDto)
  items: AttendanceCorrectionItemDto[];
  @ApiPropertyOptional({ example: 'Справка из детской поликлиники № 2 от 04.12.2026', description: 'Kept in the audit of each change' })
  @IsOptional() @IsString() @Length(1, 500) @Matches(NOT_BLANK, { message: 'reason must not be blank' }) reason?: string;
}

export class CorrectedLessonView {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty({ example: 4, description: 'The new lesson version' }) version: number;
}

export class AttendanceCorrectionsResult {
  @ApiProperty({ example: 5, description: 'Absences whose reason changed' }) changed: number;
  @ApiProperty({ example: 1, description: 'Items that already had that reason (nothing written)' }) unchanged: number;
  @ApiProperty({ type: [CorrectedLessonView] }) lessons: CorrectedLessonView[];
}
