import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MARK_VALUES, type MarkValue } from '@otmetka/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import type { PeriodMarkKind } from '../journal.entities';

export const PERIOD_MARK_KINDS = ['period', 'annual', 'exam', 'final'] as const satisfies readonly PeriodMarkKind[];
const NOT_BLANK = /\S/;

export class PeriodMarkEntryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() studentId: string;
  @ApiProperty({ enum: MARK_VALUES, example: '4' }) @IsIn(MARK_VALUES) value: MarkValue;
  @ApiPropertyOptional({
    example: 'Объяснительная Иванова И. И. на имя директора от 03.11.2026: ошибочно выставлена «3» вместо «4» (техническая ошибка)',
    description: 'R-JRN-08: required for each changed mark after the window (deputy only): who asks, why; stored with the mark and in the audit',
  })
  @IsOptional() @IsString() @Length(5, 1000) @Matches(NOT_BLANK, { message: 'note must not be blank' }) note?: string;
  @ApiPropertyOptional({ example: 1, description: 'The version of the mark read (optimistic concurrency); a stale one answers 412' })
  @IsOptional() @IsInt() @Min(1) version?: number;
}

export class SavePeriodMarksDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A subgroup of the class, when its teacher keeps the record (R-ROS-07)' })
  @IsOptional() @IsUUID() subgroupId?: string;
  @ApiProperty({ enum: PERIOD_MARK_KINDS, example: 'period' }) @IsIn(PERIOD_MARK_KINDS) kind: PeriodMarkKind;
  @ApiPropertyOptional({ format: 'uuid', description: 'Required for kind = period; absent otherwise' })
  @ValidateIf((o: SavePeriodMarksDto) => o.kind === 'period' || o.periodId !== undefined) @IsUUID() periodId?: string;
  @ApiProperty({ type: [PeriodMarkEntryDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => PeriodMarkEntryDto) marks: PeriodMarkEntryDto[];
}

export class PeriodMarkEditView {
  @ApiProperty({ example: true }) allowed: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-11-01T21:00:00.000Z', description: 'End of the teacher\'s window' })
  editableUntil: string | null;
  @ApiProperty({ example: 'within_edit_window', enum: ['within_edit_window', 'late_first_entry', 'window_closed', 'period_closed', 'year_closed', 'read_only'],
    description: 'late_first_entry: the deputy after the window (a note is required); read_only: the caller sets no marks here' })
  reason: string;
  @ApiProperty({ example: false, description: 'Each changed mark needs an explanatory note (R-JRN-08)' }) requiresNote: boolean;
}

export class PeriodMarkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ enum: PERIOD_MARK_KINDS }) kind: PeriodMarkKind;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) periodId: string | null;
  @ApiProperty({ enum: MARK_VALUES, example: '4' }) value: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '4', description: 'What the system proposed when the mark was set' }) proposedValue: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 4.33 }) weightedAverage: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'User who set it' }) setBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Иванова Мария Петровна' }) setByName: string | null;
  @ApiProperty({ example: '2026-10-26T09:00:00.000Z' }) setAt: string;
  @ApiProperty({ example: 1 }) version: number;
}

export class PeriodMarkComponentView {
  @ApiProperty({ enum: PERIOD_MARK_KINDS, example: 'period' }) kind: PeriodMarkKind;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) periodId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1 четверть' }) periodName: string | null;
  @ApiProperty({ example: '5' }) value: string;
}

export class PeriodMarkRowView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ example: 'Иванов Пётр Сергеевич' }) fullName: string;
  @ApiProperty({ example: 7, description: 'Marks the average rests on (current and transferred marks, or the component marks)' }) markCount: number;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 4.33 }) average: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '4', description: 'The proposal from the average and the school\'s threshold' })
  proposal: string | null;
  @ApiProperty({ type: [PeriodMarkComponentView], description: 'Annual: the period marks; final: the annual and the exam mark' })
  components: PeriodMarkComponentView[];
  @ApiPropertyOptional({ type: PeriodMarkView, nullable: true }) mark: PeriodMarkView | null;
  @ApiProperty({ type: PeriodMarkEditView }) edit: PeriodMarkEditView;
}

export class PeriodMarkSheetView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) subgroupId: string | null;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ enum: PERIOD_MARK_KINDS }) kind: PeriodMarkKind;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) periodId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1 четверть' }) periodName: string | null;
  @ApiProperty({ example: '2026-09-01' }) from: string;
  @ApiProperty({ example: '2026-10-24', description: 'The last day: students are those of the class (or subgroup) on this day' }) to: string;
  @ApiProperty({ example: 0.5, description: 'The school\'s rounding threshold' }) roundingThreshold: number;
  @ApiProperty({ type: PeriodMarkEditView }) edit: PeriodMarkEditView;
  @ApiProperty({ type: [PeriodMarkRowView] }) students: PeriodMarkRowView[];
}

export class AuditEventDto {
  @ApiProperty({ example: 12 }) seq: number;
  @ApiProperty({ example: '2026-10-26T09:00:00.000Z' }) occurredAt: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'deputy' }) actorRole: string | null;
  @ApiProperty({ example: 'period_mark.update' }) action: string;
  @ApiProperty({ example: 'period_mark' }) entity: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiPropertyOptional({ type: Object, nullable: true }) before: unknown;
  @ApiPropertyOptional({ type: Object, nullable: true }) after: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) requestId: string | null;
}

export class PeriodMarkHistoryView {
  @ApiProperty({ type: PeriodMarkView }) mark: PeriodMarkView;
  @ApiProperty({ type: [AuditEventDto], description: 'Oldest first (R-AUD-03)' }) items: AuditEventDto[];
}
