import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min,
  ValidateNested } from 'class-validator';
import type { BellSchedule, BellSlot, Holiday, WorkingMode } from './calendar.entities';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const NOT_BLANK = /\S/;
export const HOLIDAY_KINDS = ['holiday', 'vacation'] as const;

// ---- working mode ----
export class WorkingModeDto {
  @ApiProperty({ example: 1, minimum: 1, maximum: 11 }) @IsInt() @Min(1) @Max(11) gradeFrom: number;
  @ApiProperty({ example: 4, minimum: 1, maximum: 11 }) @IsInt() @Min(1) @Max(11) gradeTo: number;
  @ApiProperty({ enum: [5, 6], example: 5 }) @IsIn([5, 6]) daysPerWeek: 5 | 6;
}

export class ReplaceWorkingModesDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ type: [WorkingModeDto], description: 'Non-overlapping grade ranges; grades not listed study 5 days a week',
    example: [{ gradeFrom: 1, gradeTo: 4, daysPerWeek: 5 }, { gradeFrom: 5, gradeTo: 11, daysPerWeek: 6 }] })
  @IsArray() @ArrayMaxSize(11) @ValidateNested({ each: true }) @Type(() => WorkingModeDto) modes: WorkingModeDto[];
  @ApiPropertyOptional({ example: 'Решение педсовета № 1' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class WorkingModeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ example: 1 }) gradeFrom: number;
  @ApiProperty({ example: 4 }) gradeTo: number;
  @ApiProperty({ enum: [5, 6], example: 5 }) daysPerWeek: number;
  static from(m: WorkingMode): WorkingModeView {
    return { id: m.id, academicYearId: m.academicYearId, gradeFrom: m.gradeFrom, gradeTo: m.gradeTo, daysPerWeek: m.daysPerWeek };
  }
}

// ---- bell schedules ----
export class BellSlotDto {
  @ApiProperty({ example: 1, minimum: 0, maximum: 12 }) @IsInt() @Min(0) @Max(12) lessonNumber: number;
  @ApiProperty({ example: '08:30' }) @Matches(HH_MM, { message: 'startsAt must be a time HH:MM' }) startsAt: string;
  @ApiProperty({ example: '09:15' }) @Matches(HH_MM, { message: 'endsAt must be a time HH:MM' }) endsAt: string;
}

const SLOTS_EXAMPLE = [{ lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' }, { lessonNumber: 2, startsAt: '09:25', endsAt: '10:10' }];

export class CreateBellScheduleDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ example: 'Основное расписание звонков' }) @IsString() @Length(1, 100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name: string;
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5], description: 'ISO weekdays 1 (Mon)..6 (Sat); one schedule per weekday' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(6) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(6, { each: true }) weekdays: number[];
  @ApiProperty({ type: [BellSlotDto], example: SLOTS_EXAMPLE, description: 'In lesson order, not overlapping' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(13) @ValidateNested({ each: true }) @Type(() => BellSlotDto) slots: BellSlotDto[];
}

export class UpdateBellScheduleDto {
  @ApiPropertyOptional({ example: 'Сокращённый день' }) @IsOptional() @IsString() @Length(1, 100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name?: string;
  @ApiPropertyOptional({ type: [Number], example: [6] })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(6) @ArrayUnique() @IsInt({ each: true }) @Min(1, { each: true }) @Max(6, { each: true }) weekdays?: number[];
  @ApiPropertyOptional({ type: [BellSlotDto], example: SLOTS_EXAMPLE })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(13) @ValidateNested({ each: true }) @Type(() => BellSlotDto) slots?: BellSlotDto[];
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Перенос начала занятий' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class BellSlotView {
  @ApiProperty({ example: 1 }) lessonNumber: number;
  @ApiProperty({ example: '08:30' }) startsAt: string;
  @ApiProperty({ example: '09:15' }) endsAt: string;
}

export class BellScheduleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ example: 'Основное расписание звонков' }) name: string;
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5] }) weekdays: number[];
  @ApiProperty({ type: [BellSlotView] }) slots: BellSlotView[];
  @ApiProperty({ example: 1 }) version: number;
  static from(s: BellSchedule, slots: BellSlot[]): BellScheduleView {
    return { id: s.id, academicYearId: s.academicYearId, name: s.name, weekdays: [...s.weekdays].sort((a, b) => a - b),
      slots: [...slots].sort((a, b) => a.lessonNumber - b.lessonNumber)
        .map((x) => ({ lessonNumber: x.lessonNumber, startsAt: x.startsAt.slice(0, 5), endsAt: x.endsAt.slice(0, 5) })),
      version: s.version };
  }
}

// ---- holidays ----
export class CreateHolidayDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ enum: HOLIDAY_KINDS, example: 'vacation' }) @IsIn(HOLIDAY_KINDS) kind: 'holiday' | 'vacation';
  @ApiProperty({ example: 'Осенние каникулы' }) @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name: string;
  @ApiProperty({ example: '2026-10-26' }) @IsDateString({ strict: true }) startsOn: string;
  @ApiProperty({ example: '2026-11-03' }) @IsDateString({ strict: true }) endsOn: string;
  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 11, default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(11) gradeFrom?: number;
  @ApiPropertyOptional({ example: 11, minimum: 1, maximum: 11, default: 11 }) @IsOptional() @IsInt() @Min(1) @Max(11) gradeTo?: number;
}

export class UpdateHolidayDto {
  @ApiPropertyOptional({ enum: HOLIDAY_KINDS }) @IsOptional() @IsIn(HOLIDAY_KINDS) kind?: 'holiday' | 'vacation';
  @ApiPropertyOptional({ example: 'Осенние каникулы' }) @IsOptional() @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name?: string;
  @ApiPropertyOptional({ example: '2026-10-27' }) @IsOptional() @IsDateString({ strict: true }) startsOn?: string;
  @ApiPropertyOptional({ example: '2026-11-04' }) @IsOptional() @IsDateString({ strict: true }) endsOn?: string;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsInt() @Min(1) @Max(11) gradeFrom?: number;
  @ApiPropertyOptional({ example: 11 }) @IsOptional() @IsInt() @Min(1) @Max(11) gradeTo?: number;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Приказ о переносе каникул' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class HolidayView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ enum: HOLIDAY_KINDS, example: 'vacation' }) kind: 'holiday' | 'vacation';
  @ApiProperty({ example: 'Осенние каникулы' }) name: string;
  @ApiProperty({ example: '2026-10-26' }) startsOn: string;
  @ApiProperty({ example: '2026-11-03' }) endsOn: string;
  @ApiProperty({ example: 1 }) gradeFrom: number;
  @ApiProperty({ example: 11 }) gradeTo: number;
  @ApiProperty({ example: 1 }) version: number;
  static from(h: Holiday): HolidayView {
    return { id: h.id, academicYearId: h.academicYearId, kind: h.kind, name: h.name, startsOn: h.startsOn, endsOn: h.endsOn,
      gradeFrom: h.gradeFrom, gradeTo: h.gradeTo, version: h.version };
  }
}

// ---- school days ----
export class SchoolDayHolidayView {
  @ApiProperty({ example: 'Осенние каникулы' }) name: string;
  @ApiProperty({ enum: HOLIDAY_KINDS, example: 'vacation' }) kind: 'holiday' | 'vacation';
}

export class SchoolDayView {
  @ApiProperty({ example: '2026-10-26' }) date: string;
  @ApiProperty({ example: 1, description: 'ISO weekday, Monday 1 … Sunday 7' }) weekday: number;
  @ApiProperty({ example: false }) schoolDay: boolean;
  @ApiPropertyOptional({ type: SchoolDayHolidayView, description: 'Present when a holiday or vacation covers the date for the grade' })
  holiday?: SchoolDayHolidayView;
}
