import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import type { WorkType } from './work-type.entity';

const NOT_BLANK = /\S/;

/** R-JRN-05 / R-JRN-08: the school's edit windows and rounding threshold; a school without its own row has the defaults (version 0). */
export class JournalSettingsView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 2, description: 'Lesson content, current marks and attendance stay editable this many days after the lesson' }) contentEditDays: number;
  @ApiProperty({ example: 7, description: 'A first entry is accepted this many days after the lesson, flagged late' }) lateEntryDays: number;
  @ApiProperty({ example: 2, description: 'Homework is due within this many hours after the class\'s last lesson; later entry is flagged' }) homeworkHoursAfterClasses: number;
  @ApiProperty({ example: 10, description: 'Marks of control works stay editable this many days' }) controlMarkEditDays: number;
  @ApiProperty({ example: 7, description: 'Period marks stay editable this many days after the period ends' }) periodMarkEditDays: number;
  @ApiProperty({ example: 0.5, description: 'A proposed period mark rounds up from this fraction (0.5: 3.5 → 4; 0.6: 3.5 → 3)' }) roundingThreshold: number;
  @ApiProperty({ example: false, description: 'The class teacher applies approved change requests when the school has no admin' }) classTeacherAppliesChanges: boolean;
  @ApiProperty({ example: false, description: 'true when the school keeps the defaults (no settings saved yet)' }) isDefault: boolean;
  @ApiProperty({ example: 0, description: 'Send it back on PUT; 0 while the school has the defaults' }) version: number;
}

export class UpdateJournalSettingsDto {
  @ApiPropertyOptional({ example: 2, minimum: 0, maximum: 60 }) @IsOptional() @IsInt() @Min(0) @Max(60) contentEditDays?: number;
  @ApiPropertyOptional({ example: 7, minimum: 0, maximum: 60 }) @IsOptional() @IsInt() @Min(0) @Max(60) lateEntryDays?: number;
  @ApiPropertyOptional({ example: 2, minimum: 0, maximum: 48 }) @IsOptional() @IsInt() @Min(0) @Max(48) homeworkHoursAfterClasses?: number;
  @ApiPropertyOptional({ example: 10, minimum: 0, maximum: 60 }) @IsOptional() @IsInt() @Min(0) @Max(60) controlMarkEditDays?: number;
  @ApiPropertyOptional({ example: 7, minimum: 0, maximum: 60 }) @IsOptional() @IsInt() @Min(0) @Max(60) periodMarkEditDays?: number;
  @ApiPropertyOptional({ example: 0.6, minimum: 0.01, maximum: 0.99 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2 }) @Min(0.01) @Max(0.99) roundingThreshold?: number;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() classTeacherAppliesChanges?: boolean;
  @ApiProperty({ example: 0, description: 'The version read (0 for the defaults)' }) @IsInt() @Min(0) version: number;
  @ApiPropertyOptional({ example: 'Приказ № 45 от 01.09.2026' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export const WORK_TYPE_CODE = /^[a-z][a-z0-9_]{1,39}$/;

export class CreateWorkTypeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ example: 'project', description: 'Latin code, stable: marks refer to it' })
  @IsString() @Matches(WORK_TYPE_CODE, { message: 'code must be 2–40 lower-case latin letters, digits or _' }) code: string;
  @ApiProperty({ example: 'Проект' }) @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name: string;
  @ApiProperty({ example: 1.5, minimum: 0.1, maximum: 10 }) @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.1) @Max(10) weight: number;
  @ApiPropertyOptional({ example: false, description: 'Marks of this type are control-work marks (editable longer)' }) @IsOptional() @IsBoolean() isControl?: boolean;
}

export class UpdateWorkTypeDto {
  @ApiPropertyOptional({ example: 'Проектная работа' }) @IsOptional() @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name?: string;
  @ApiPropertyOptional({ example: 2, description: 'New marks get the new weight; marks already entered keep theirs' })
  @IsOptional() @IsNumber({ maxDecimalPlaces: 1 }) @Min(0.1) @Max(10) weight?: number;
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() isControl?: boolean;
  @ApiPropertyOptional({ example: false, description: 'An archived type takes no new marks; old marks keep it' }) @IsOptional() @IsBoolean() archived?: boolean;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Решение педсовета' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class WorkTypeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'control' }) code: string;
  @ApiProperty({ example: 'Контрольная работа' }) name: string;
  @ApiProperty({ example: 2 }) weight: number;
  @ApiProperty({ example: true }) isControl: boolean;
  @ApiProperty({ example: false }) archived: boolean;
  @ApiProperty({ example: 1 }) version: number;
  static from(w: WorkType): WorkTypeView {
    return { id: w.id, schoolId: w.schoolId, code: w.code, name: w.name, weight: w.weight, isControl: w.isControl, archived: w.archived, version: w.version };
  }
}

