import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

export class CreateKtpDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() subgroupId?: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Person id of the teacher; defaults to the caller. A teacher creates only their own.' })
  @IsOptional() @IsUUID() teacherId?: string;
}

export class KtpTopicDto {
  @ApiProperty({ example: 1, minimum: 1 }) @IsInt() @Min(1) @Max(10000) position: number;
  @ApiProperty({ example: 'Натуральные числа и шкалы' }) @IsString() @Length(1, 500) title: string;
  @ApiProperty({ example: 2, description: 'Hours (lessons) for the topic; one decimal' })
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false }) @Min(0.5) @Max(40) hours: number;
  @ApiPropertyOptional({ nullable: true, example: 'control', description: 'Planned work type: a work-type code or its Russian name (stored as the code), or free text' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsString() @Length(1, 100) workType?: string | null;
}

export class ReplaceKtpTopicsDto {
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiProperty({ type: [KtpTopicDto] }) @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => KtpTopicDto) topics: KtpTopicDto[];
}

export class CopyKtpDto {
  @ApiProperty({ format: 'uuid', description: 'A КТП the caller may read: last year\'s, or another class\'s' }) @IsUUID() sourceKtpId: string;
  @ApiPropertyOptional({ example: 1, description: 'The target\'s version, checked when given' }) @IsOptional() @IsInt() version?: number;
}

export class KtpTopicView {
  @ApiProperty({ example: 1 }) position: number;
  @ApiProperty({ example: 'Натуральные числа и шкалы' }) title: string;
  @ApiProperty({ example: 2 }) hours: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'control' }) workType: string | null;
}

export class KtpView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) teacherName: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ example: 5 }) grade: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) subgroupId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) subgroupName: string | null;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ example: 34 }) topicCount: number;
  @ApiProperty({ example: 170, description: 'Sum of the topics\' hours' }) plannedHours: number;
  @ApiProperty() version: number;
}

export class KtpDetailView extends KtpView {
  @ApiProperty({ type: [KtpTopicView] }) topics: KtpTopicView[];
  @ApiPropertyOptional({ type: Number, nullable: true, example: 5, description: 'Weekly hours of the subject for the class in the year\'s curriculum plan' }) planWeeklyHours: number | null;
  @ApiProperty({ example: 34, description: 'Study weeks: 33 in grade 1, 34 in grades 2–11 (federal norm, not counted from the calendar)' }) studyWeeks: number;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 170, description: 'planWeeklyHours × studyWeeks' }) planHoursPerYear: number | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The plan compared with: the approved one, else the newest draft' }) curriculumPlanId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['draft', 'approved'] }) curriculumPlanStatus: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'В КТП 168 ч, по учебному плану 170 ч в год (5 ч × 34 нед.)' }) warning: string | null;
}

export class ImportLineProblem {
  @ApiProperty({ example: 3, description: 'Line (row) number in the file, counting the header' }) line: number;
  @ApiProperty({ example: 'hours' }) field: string;
  @ApiProperty({ example: 'hours must be a number from 0.5 to 40' }) message: string;
}

export class KtpImportReportView {
  @ApiProperty({ description: 'Nothing was saved: the report of a dry run' }) dryRun: boolean;
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: [KtpTopicView] }) topics: KtpTopicView[];
  @ApiProperty({ type: [ImportLineProblem] }) errors: ImportLineProblem[];
}
