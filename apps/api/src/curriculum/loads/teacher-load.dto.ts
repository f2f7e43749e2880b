import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';

const HOURS = { maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false };

export class CreateTeacherLoadDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ format: 'uuid', description: 'Person id of an active staff member with the teacher (or class_teacher) role' }) @IsUUID() teacherId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A subgroup of the class (English group 1)' }) @IsOptional() @IsUUID() subgroupId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiProperty({ example: 5, minimum: 0.5, maximum: 20 }) @IsNumber(HOURS) @Min(0.5) @Max(20) weeklyHours: number;
}

export class UpdateTeacherLoadDto {
  @ApiPropertyOptional({ example: 4 }) @IsOptional() @IsNumber(HOURS) @Min(0.5) @Max(20) weeklyHours?: number;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() teacherId?: string;
  @ApiProperty({ example: 1 }) @IsInt() version: number;
}

export class ApproveTeacherLoadsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Only these loads; every draft load of the year when omitted' })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(5000) @IsUUID('all', { each: true }) ids?: string[];
}

export class TeacherLoadView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) teacherName: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) subgroupId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '1 группа' }) subgroupName: string | null;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ example: 5 }) weeklyHours: number;
  @ApiProperty({ enum: ['draft', 'approved'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) approvedAt: string | null;
  @ApiProperty() version: number;
}

export class ApprovedLoadsView {
  @ApiProperty({ example: 12, description: 'How many draft loads were approved' }) approved: number;
  @ApiProperty({ type: [TeacherLoadView] }) loads: TeacherLoadView[];
}
