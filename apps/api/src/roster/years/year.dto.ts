import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsOptional, IsUUID, Matches } from 'class-validator';
import type { AcademicYear } from './academic-year.entity';

export class CreateAcademicYearDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ example: '2026/2027' }) @Matches(/^\d{4}\/\d{4}$/, { message: 'name must look like 2026/2027' }) name: string;
  @ApiProperty({ example: '2026-09-01' }) @IsDateString({ strict: true }) startsOn: string;
  @ApiProperty({ example: '2027-05-26' }) @IsDateString({ strict: true }) endsOn: string;
}

export class UpdateAcademicYearDto {
  @ApiPropertyOptional({ example: '2026-09-01' }) @IsOptional() @IsDateString({ strict: true }) startsOn?: string;
  @ApiPropertyOptional({ example: '2027-05-26' }) @IsOptional() @IsDateString({ strict: true }) endsOn?: string;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
}

export class YearStatusChangeDto {
  @ApiProperty({ example: 1 }) @IsInt() version: number;
}

export class AcademicYearView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: '2026/2027' }) name: string;
  @ApiProperty({ example: '2026-09-01' }) startsOn: string;
  @ApiProperty({ example: '2027-05-26' }) endsOn: string;
  @ApiProperty({ enum: ['planned', 'open', 'closed'] }) status: string;
  @ApiProperty() version: number;
  static from(y: AcademicYear): AcademicYearView {
    return { id: y.id, schoolId: y.schoolId, name: y.name, startsOn: y.startsOn, endsOn: y.endsOn, status: y.status, version: y.version };
  }
}
