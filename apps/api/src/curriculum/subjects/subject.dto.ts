import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import type { Subject } from './subject.entity';

const NOT_BLANK = /\S/;

export class CreateSubjectDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ example: 'Математика' }) @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name: string;
  @ApiProperty({ example: 'Мат' }) @IsString() @Length(1, 30) @Matches(NOT_BLANK, { message: 'shortName must not be blank' }) shortName: string;
  @ApiPropertyOptional({ example: 'Математика и информатика', description: 'Subject area (предметная область)' })
  @IsOptional() @IsString() @Length(0, 200) area?: string;
}

export class UpdateSubjectDto {
  @ApiPropertyOptional({ example: 'Математика' }) @IsOptional() @IsString() @Length(1, 200) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name?: string;
  @ApiPropertyOptional({ example: 'Мат' }) @IsOptional() @IsString() @Length(1, 30) @Matches(NOT_BLANK, { message: 'shortName must not be blank' }) shortName?: string;
  @ApiPropertyOptional({ example: 'Математика и информатика' }) @IsOptional() @IsString() @Length(0, 200) area?: string;
  @ApiPropertyOptional({ example: false, description: 'An archived subject is hidden from new plans but kept for history' })
  @IsOptional() @IsBoolean() archived?: boolean;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Переименование по приказу № 12' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class ImportFederalSubjectsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
}

export class FederalImportResult {
  @ApiProperty({ example: 25, description: 'Federal subjects added to the catalogue' }) added: number;
  @ApiProperty({ example: 3, description: 'Federal subjects skipped because the catalogue already has that name' }) skipped: number;
}

export class SubjectView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'Математика' }) name: string;
  @ApiProperty({ example: 'Мат' }) shortName: string;
  @ApiProperty({ example: 'Математика и информатика' }) area: string;
  @ApiProperty({ example: false }) archived: boolean;
  @ApiProperty({ example: 1 }) version: number;
  static from(s: Subject): SubjectView {
    return { id: s.id, schoolId: s.schoolId, name: s.name, shortName: s.shortName, area: s.area, archived: s.archived, version: s.version };
  }
}
