import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';

export class CreateCurriculumPlanDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() academicYearId: string;
  @ApiProperty({ example: 'Учебный план 2026/2027' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Copy the lines of this plan (same school; class overrides are kept only within the same year)' })
  @IsOptional() @IsUUID() copyFromPlanId?: string;
}

export class PlanLineDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiProperty({ example: 5, minimum: 1, maximum: 11 }) @IsInt() @Min(1) @Max(11) grade: number;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Set for an override of one class of the grade' })
  @ValidateIf((_, v) => v !== null && v !== undefined) @IsUUID() classId?: string | null;
  @ApiProperty({ example: 5, minimum: 0, maximum: 20, description: 'Weekly hours, one decimal (0.5 = every other week)' })
  @IsNumber({ maxDecimalPlaces: 1, allowNaN: false, allowInfinity: false }) @Min(0) @Max(20) weeklyHours: number;
}

export class ReplacePlanLinesDto {
  @ApiProperty({ example: 1 }) @IsInt() version: number;
  @ApiProperty({ type: [PlanLineDto] }) @IsArray() @ArrayMaxSize(2000) @ValidateNested({ each: true }) @Type(() => PlanLineDto) lines: PlanLineDto[];
}

export class PlanVersionDto {
  @ApiProperty({ example: 2 }) @IsInt() version: number;
}

export class NewPlanVersionDto {
  @ApiPropertyOptional({ example: 'Учебный план 2026/2027 (изм. 1)' }) @IsOptional() @IsString() @Length(1, 200) name?: string;
}

export class PlanLineView {
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Русский язык' }) subjectName: string;
  @ApiProperty({ example: 5 }) grade: number;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '5А' }) className: string | null;
  @ApiProperty({ example: 5 }) weeklyHours: number;
}

export class CurriculumPlanView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ example: 'Учебный план 2026/2027' }) name: string;
  @ApiProperty({ example: 1, description: 'Number of this version of the year\'s plan' }) planVersion: number;
  @ApiProperty({ enum: ['draft', 'approved', 'superseded'] }) status: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) supersedesId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-08-30T09:00:00.000Z' }) approvedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'User id of the director who approved' }) approvedBy: string | null;
  @ApiProperty({ example: 42 }) lineCount: number;
  @ApiProperty({ example: 1, description: 'Row version for optimistic concurrency' }) version: number;
}

export class CurriculumPlanDetailView extends CurriculumPlanView {
  @ApiProperty({ type: [PlanLineView] }) lines: PlanLineView[];
}

export class InspectionItemView {
  @ApiProperty({ example: 'no-load' }) code: string;
  @ApiProperty({ example: '5А: «Математика» planned for 5 h a week has no teacher load' }) message: string;
  @ApiPropertyOptional({ format: 'uuid' }) classId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) subgroupId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) subjectId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) teacherId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) roomId?: string;
  @ApiPropertyOptional({ example: 5 }) grade?: number;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) entryIds?: string[];
}

export class InspectionSummaryView {
  @ApiProperty({ example: 22 }) classes: number;
  @ApiProperty({ example: 300 }) planLines: number;
  @ApiProperty({ example: 280 }) loads: number;
  @ApiProperty({ example: 700 }) timetableEntries: number;
  @ApiProperty({ example: '2026-11-30', description: 'The timetable is counted for the week template valid on this date' }) timetableAsOf: string;
  @ApiProperty({ example: 0 }) errorCount: number;
  @ApiProperty({ example: 2 }) warningCount: number;
  @ApiProperty({ description: 'No errors: the plan may be approved' }) passed: boolean;
}

export class InspectionReportView {
  @ApiProperty({ type: [InspectionItemView] }) errors: InspectionItemView[];
  @ApiProperty({ type: [InspectionItemView] }) warnings: InspectionItemView[];
  @ApiProperty({ type: InspectionSummaryView }) summary: InspectionSummaryView;
}
