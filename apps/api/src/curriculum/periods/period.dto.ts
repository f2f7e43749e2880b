import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { PERIOD_KINDS } from './period-scheme';
import type { PeriodKind, StudyPeriod } from './study-period.entity';

export class PeriodDatesDto {
  @ApiProperty({ example: '2026-09-01' }) @IsDateString({ strict: true }) startsOn: string;
  @ApiProperty({ example: '2026-10-24' }) @IsDateString({ strict: true }) endsOn: string;
}

export class ReplacePeriodSchemeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ example: 1, minimum: 1, maximum: 11 }) @IsInt() @Min(1) @Max(11) gradeFrom: number;
  @ApiProperty({ example: 9, minimum: 1, maximum: 11 }) @IsInt() @Min(1) @Max(11) gradeTo: number;
  @ApiProperty({ enum: PERIOD_KINDS, example: 'quarter' }) @IsIn(PERIOD_KINDS) kind: PeriodKind;
  @ApiProperty({ type: [PeriodDatesDto], description: '4 quarters, 3 trimesters or 2 half-years in order; only non-school days may lie between them',
    example: [{ startsOn: '2026-09-01', endsOn: '2026-10-24' }, { startsOn: '2026-11-05', endsOn: '2026-12-30' },
      { startsOn: '2027-01-12', endsOn: '2027-03-20' }, { startsOn: '2027-03-30', endsOn: '2027-05-31' }] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => PeriodDatesDto) periods: PeriodDatesDto[];
  @ApiPropertyOptional({ example: 'Приказ № 45 о календарном учебном графике' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class ClosePeriodDto {
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Итоги четверти подведены' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class ReopenPeriodDto {
  @ApiProperty({ example: 2 }) @IsInt() version: number;
  @ApiProperty({ example: 'Исправление отметки по заявлению № 7' }) @IsString() @Length(3, 500) reason: string;
}

export class PeriodView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ example: 1 }) gradeFrom: number;
  @ApiProperty({ example: 9 }) gradeTo: number;
  @ApiProperty({ enum: PERIOD_KINDS, example: 'quarter' }) kind: PeriodKind;
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty({ example: '1 четверть' }) name: string;
  @ApiProperty({ example: '2026-09-01' }) startsOn: string;
  @ApiProperty({ example: '2026-10-24' }) endsOn: string;
  @ApiProperty({ enum: ['open', 'closed'], example: 'open' }) status: 'open' | 'closed';
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-10-30T12:00:00.000Z' }) closedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: 'User who closed the period' }) closedBy: string | null;
  @ApiProperty({ example: 1 }) version: number;
  static from(p: StudyPeriod): PeriodView {
    return { id: p.id, schoolId: p.schoolId, academicYearId: p.academicYearId, gradeFrom: p.gradeFrom, gradeTo: p.gradeTo, kind: p.kind,
      number: p.number, name: p.name, startsOn: p.startsOn, endsOn: p.endsOn, status: p.status,
      closedAt: p.closedAt ? new Date(p.closedAt).toISOString() : null, closedBy: p.closedBy, version: p.version };
  }
}
