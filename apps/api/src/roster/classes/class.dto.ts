import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { CLASS_LETTER_PATTERN } from '@otmetka/contracts';

const LETTER = new RegExp(CLASS_LETTER_PATTERN);

export class CreateClassDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ example: 5, minimum: 1, maximum: 11 }) @IsInt() @Min(1) @Max(11) grade: number;
  @ApiProperty({ example: 'А', description: 'Cyrillic capital letter(s)' }) @Matches(LETTER, { message: 'letter must be one or two Cyrillic capital letters' }) letter: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Person id of a staff member with the class_teacher role' })
  @IsOptional() @IsUUID() classTeacherId?: string;
}

export class UpdateClassDto {
  @ApiPropertyOptional({ example: 'Б' }) @IsOptional() @Matches(LETTER, { message: 'letter must be one or two Cyrillic capital letters' }) letter?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID() classTeacherId?: string | null;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiPropertyOptional({ example: 'Приказ № 15' }) @IsOptional() @IsString() @Length(1, 500) reason?: string;
}

export class ClassView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ example: 5 }) grade: number;
  @ApiProperty({ example: 'А' }) letter: string;
  @ApiProperty({ example: '5А' }) name: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classTeacherId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Иванова Мария Петровна' }) classTeacherName: string | null;
  @ApiProperty({ example: 25 }) studentCount: number;
  @ApiProperty() version: number;
}

export class ClassStudentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Петров Иван Сергеевич' }) fullName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) birthDate: string | null;
  @ApiProperty({ example: '2026-09-01' }) enrolledOn: string;
}

export class ClassDetailView extends ClassView {
  @ApiProperty({ type: [ClassStudentView] }) students: ClassStudentView[];
}
