import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';

export const CHANGE_KINDS = ['cancel', 'move', 'substitute'] as const;

export class CreateTimetableEntryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ example: 1, minimum: 1, maximum: 6, description: 'ISO weekday, Monday = 1; at most the days per week of the class\'s grade' })
  @IsInt() @Min(1) @Max(6) weekday: number;
  @ApiProperty({ example: 2, minimum: 0, maximum: 12 }) @IsInt() @Min(0) @Max(12) lessonNumber: number;
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() subgroupId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiProperty({ format: 'uuid', description: 'Person id of a teacher with a load for this class (or subgroup) and subject' }) @IsUUID() teacherId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() roomId?: string;
  @ApiProperty({ example: '2026-09-01' }) @IsDateString({ strict: true }) validFrom: string;
  @ApiPropertyOptional({ example: '2027-05-31' }) @IsOptional() @IsDateString({ strict: true }) validTo?: string;
}

export class UpdateTimetableEntryDto {
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() @Min(1) @Max(6) weekday?: number;
  @ApiPropertyOptional({ example: 4 }) @IsOptional() @IsInt() @Min(0) @Max(12) lessonNumber?: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID() roomId?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() teacherId?: string;
  @ApiPropertyOptional({ example: '2027-01-11', description: 'Change from this date on: the entry ends the day before and a new entry continues (history kept). '
    + 'Without it the entry is corrected in place.' })
  @IsOptional() @IsDateString({ strict: true }) effectiveFrom?: string;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
}

export class TimetableEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ example: 1 }) weekday: number;
  @ApiProperty({ example: 2 }) lessonNumber: number;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) subgroupId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1 группа' }) subgroupName: string | null;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) teacherName: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) roomId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '12' }) roomName: string | null;
  @ApiProperty({ example: '2026-09-01' }) validFrom: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) validTo: string | null;
  @ApiProperty() version: number;
}

export class CreateTimetableChangeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() entryId: string;
  @ApiProperty({ example: '2026-12-01', description: 'A school day on which the entry gives the lesson' }) @IsDateString({ strict: true }) date: string;
  @ApiProperty({ enum: CHANGE_KINDS }) @IsIn(CHANGE_KINDS) kind: (typeof CHANGE_KINDS)[number];
  @ApiPropertyOptional({ example: 6, description: 'move: the new lesson number' }) @IsOptional() @IsInt() @Min(0) @Max(12) newLessonNumber?: number;
  @ApiPropertyOptional({ example: '2026-12-03', description: 'move: the new date' }) @IsOptional() @IsDateString({ strict: true }) newDate?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'move or substitute: another room' }) @IsOptional() @IsUUID() newRoomId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'substitute: person id of the substitute teacher' }) @IsOptional() @IsUUID() substituteTeacherId?: string;
  @ApiProperty({ example: 'Болезнь учителя' }) @IsString() @Length(1, 500) reason: string;
}

export class TimetableChangeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ enum: CHANGE_KINDS }) kind: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) newLessonNumber: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) newDate: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) newRoomId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) substituteTeacherId: string | null;
  @ApiProperty({ example: 'Болезнь учителя' }) reason: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'User id of the deputy who made the change' }) createdBy: string | null;
}

export class LessonChangeView {
  @ApiProperty({ format: 'uuid', description: 'Id of the one-off change (DELETE /timetable/changes/{id} undoes it)' }) id: string;
  @ApiProperty({ enum: CHANGE_KINDS }) kind: string;
  @ApiProperty({ example: 'Болезнь учителя' }) reason: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-11-30', description: 'move: the date the template gave the lesson' }) fromDate: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 2, description: 'move: the lesson number the template gave' }) fromLessonNumber: number | null;
}

export class EffectiveLessonView {
  @ApiProperty({ format: 'uuid' }) entryId: string;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: 2 }) lessonNumber: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: '09:00' }) startsAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '09:45' }) endsAt: string | null;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) subgroupId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) subgroupName: string | null;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ format: 'uuid', description: 'Who teaches the lesson (the substitute when substituted)' }) teacherId: string;
  @ApiProperty({ example: 'Петров Пётр Петрович' }) teacherName: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The template\'s teacher, when substituted' }) originalTeacherId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) originalTeacherName: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) roomId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) roomName: string | null;
  @ApiPropertyOptional({ type: LessonChangeView, nullable: true, description: 'The one-off change applied; a cancelled lesson stays listed with kind cancel' })
  change: LessonChangeView | null;
}

export class HolidayMarkView {
  @ApiProperty({ example: 'Новогодние каникулы' }) name: string;
  @ApiProperty({ enum: ['holiday', 'vacation'] }) kind: string;
}

export class TimetableDayView {
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: 2 }) weekday: number;
  @ApiPropertyOptional({ type: HolidayMarkView, nullable: true, description: 'Set on a holiday or vacation day: it has no lessons' }) holiday: HolidayMarkView | null;
  @ApiProperty({ type: [EffectiveLessonView] }) lessons: EffectiveLessonView[];
}

export class TimetableWeekView {
  @ApiProperty({ example: '2026-11-30', description: 'Monday of the week' }) weekStart: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) teacherId: string | null;
  @ApiProperty({ type: [TimetableDayView] }) days: TimetableDayView[];
}
