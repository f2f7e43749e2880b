import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';

const NOT_BLANK = /\S/;
const CODE = /^[a-z][a-z0-9_]{1,39}$/;

export class CreateControlWorkDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() classId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() subjectId: string;
  @ApiProperty({ example: '2026-12-09', description: 'Today or later, inside the class\'s academic year' }) @IsDateString({ strict: true }) date: string;
  @ApiProperty({ example: 'Контрольная работа № 3 «Обыкновенные дроби»' })
  @IsString() @Length(1, 300) @Matches(NOT_BLANK, { message: 'title must not be blank' }) title: string;
  @ApiPropertyOptional({ example: 'control', description: 'Work type code of the school (default control); its marks are the results' })
  @IsOptional() @IsString() @Matches(CODE, { message: 'workType must be a work type code such as control' }) workType?: string;
}

export class UpdateControlWorkDto {
  @ApiPropertyOptional({ example: '2026-12-10' }) @IsOptional() @IsDateString({ strict: true }) date?: string;
  @ApiPropertyOptional({ example: 'Контрольная работа № 3 «Дроби»' })
  @IsOptional() @IsString() @Length(1, 300) @Matches(NOT_BLANK, { message: 'title must not be blank' }) title?: string;
  @ApiPropertyOptional({ example: 'dictation' }) @IsOptional() @IsString() @Matches(CODE, { message: 'workType must be a work type code such as control' })
  workType?: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) version: number;
}

export class PlannedWorkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-12-09' }) date: string;
  @ApiProperty({ example: 'Русский язык' }) subjectName: string;
  @ApiProperty({ example: 'Диктант' }) title: string;
}

export class ControlWorkWarningView {
  @ApiProperty({ enum: ['same_day', 'busy_week'], example: 'same_day' }) code: 'same_day' | 'busy_week';
  @ApiProperty({ example: '5А already has 1 control work(s) on 2026-12-09: Русский язык — Диктант' }) message: string;
  @ApiProperty({ type: [PlannedWorkView] }) others: PlannedWorkView[];
}

export class ControlWorkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ example: '2026-12-09' }) date: string;
  @ApiProperty({ example: 'Контрольная работа № 3' }) title: string;
  @ApiProperty({ example: 'control' }) workType: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Контрольная работа' }) workTypeName: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The class\'s lesson of the subject that day, when generated' })
  lessonId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) createdBy: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) createdByName: string | null;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: 1 }) version: number;
}

export class ControlWorkWriteView extends ControlWorkView {
  @ApiProperty({ type: [ControlWorkWarningView], description: 'R-JRN-11: another control work of the class that day; too many in the week' })
  warnings: ControlWorkWarningView[];
}

export class MarkDistributionView {
  @ApiProperty({ example: 6 }) '5': number;
  @ApiProperty({ example: 10 }) '4': number;
  @ApiProperty({ example: 7 }) '3': number;
  @ApiProperty({ example: 2 }) '2': number;
  @ApiProperty({ example: 0 }) '1': number;
}

export class ControlWorkResultView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ example: 'Иванов Пётр Сергеевич' }) fullName: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: '4' }) value: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Б', description: 'Absence code on the lesson, for students without a mark' })
  absence: string | null;
}

export class ControlWorkAnalysisView {
  @ApiProperty({ type: ControlWorkView }) controlWork: ControlWorkView;
  @ApiProperty({ example: 27, description: 'Students of the class on the date' }) studentCount: number;
  @ApiProperty({ example: 25, description: 'Students with a numeric mark' }) markedCount: number;
  @ApiProperty({ type: MarkDistributionView }) distribution: MarkDistributionView;
  @ApiProperty({ example: 0, description: 'Pass/fail and special marks (зч, нз, н/а, осв)' }) otherMarks: number;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 92, description: '% without a 2 (or 1)' }) passingPct: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 64, description: '% of 4 and 5' }) qualityPct: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 3.8 }) mean: number | null;
  @ApiProperty({ type: [ControlWorkResultView] }) withoutMark: ControlWorkResultView[];
  @ApiProperty({ type: [ControlWorkResultView] }) results: ControlWorkResultView[];
}
