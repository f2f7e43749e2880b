import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import type { Room, Textbook } from './room.entity';

const NOT_BLANK = /\S/;

export class CreateRoomDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ example: 'Кабинет 21' }) @IsString() @Length(1, 100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name: string;
  @ApiPropertyOptional({ example: 30, minimum: 1, maximum: 1000 }) @IsOptional() @IsInt() @Min(1) @Max(1000) capacity?: number;
  @ApiPropertyOptional({ example: 'Кабинет информатики, 15 компьютеров' }) @IsOptional() @IsString() @Length(0, 500) note?: string;
}

export class UpdateRoomDto {
  @ApiPropertyOptional({ example: 'Кабинет 22' }) @IsOptional() @IsString() @Length(1, 100) @Matches(NOT_BLANK, { message: 'name must not be blank' }) name?: string;
  @ApiPropertyOptional({ type: Number, example: 28, nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsInt() @Min(1) @Max(1000) capacity?: number | null;
  @ApiPropertyOptional({ type: String, example: 'Кабинет физики', nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @Length(0, 500) note?: string | null;
  @ApiPropertyOptional({ example: true, description: 'Rooms are archived, never deleted: old timetables refer to them' })
  @IsOptional() @IsBoolean() archived?: boolean;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Ремонт' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class RoomView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'Кабинет 21' }) name: string;
  @ApiPropertyOptional({ type: Number, example: 30, nullable: true }) capacity?: number | null;
  @ApiPropertyOptional({ type: String, example: 'Кабинет информатики', nullable: true }) note?: string | null;
  @ApiProperty({ example: false }) archived: boolean;
  @ApiProperty({ example: 1 }) version: number;
  static from(r: Room): RoomView {
    return { id: r.id, schoolId: r.schoolId, name: r.name, capacity: r.capacity, note: r.note, archived: r.archived, version: r.version };
  }
}

export class CreateTextbookDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ format: 'uuid', description: 'A subject of the same school' }) @IsUUID() subjectId: string;
  @ApiProperty({ example: 'Математика. 5 класс. Базовый уровень' }) @IsString() @Length(1, 300) @Matches(NOT_BLANK, { message: 'title must not be blank' }) title: string;
  @ApiPropertyOptional({ example: 'Виленкин Н. Я., Жохов В. И., Чесноков А. С. и др.' }) @IsOptional() @IsString() @Length(0, 500) authors?: string;
  @ApiPropertyOptional({ example: 'Просвещение' }) @IsOptional() @IsString() @Length(0, 200) publisher?: string;
  @ApiPropertyOptional({ example: 2023, minimum: 1950, maximum: 2100 }) @IsOptional() @IsInt() @Min(1950) @Max(2100) year?: number;
  @ApiProperty({ example: 5, minimum: 1, maximum: 11 }) @IsInt() @Min(1) @Max(11) gradeFrom: number;
  @ApiProperty({ example: 5, minimum: 1, maximum: 11 }) @IsInt() @Min(1) @Max(11) gradeTo: number;
}

export class UpdateTextbookDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() subjectId?: string;
  @ApiPropertyOptional({ example: 'Математика. 5 класс' }) @IsOptional() @IsString() @Length(1, 300) @Matches(NOT_BLANK, { message: 'title must not be blank' }) title?: string;
  @ApiPropertyOptional({ example: 'Виленкин Н. Я.' }) @IsOptional() @IsString() @Length(0, 500) authors?: string;
  @ApiPropertyOptional({ example: 'Просвещение' }) @IsOptional() @IsString() @Length(0, 200) publisher?: string;
  @ApiPropertyOptional({ type: Number, example: 2024, nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsInt() @Min(1950) @Max(2100) year?: number | null;
  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsInt() @Min(1) @Max(11) gradeFrom?: number;
  @ApiPropertyOptional({ example: 6 }) @IsOptional() @IsInt() @Min(1) @Max(11) gradeTo?: number;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Новое издание' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class TextbookView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ example: 'Математика. 5 класс. Базовый уровень' }) title: string;
  @ApiProperty({ example: 'Виленкин Н. Я., Жохов В. И.' }) authors: string;
  @ApiProperty({ example: 'Просвещение' }) publisher: string;
  @ApiPropertyOptional({ type: Number, example: 2023, nullable: true }) year?: number | null;
  @ApiProperty({ example: 5 }) gradeFrom: number;
  @ApiProperty({ example: 5 }) gradeTo: number;
  @ApiProperty({ example: 1 }) version: number;
  static from(t: Textbook, subjectName: string): TextbookView {
    return { id: t.id, schoolId: t.schoolId, subjectId: t.subjectId, subjectName, title: t.title, authors: t.authors, publisher: t.publisher,
      year: t.year, gradeFrom: t.gradeFrom, gradeTo: t.gradeTo, version: t.version };
  }
}
