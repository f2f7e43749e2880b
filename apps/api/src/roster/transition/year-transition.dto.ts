import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsDateString, IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class YearTransitionPreviewDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() schoolId: string;
  @ApiProperty({ format: 'uuid', description: 'The academic year being finished' }) @IsUUID() fromYearId: string;
  @ApiProperty({ format: 'uuid', description: 'The next academic year (planned, not yet opened)' }) @IsUUID() toYearId: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', example: [], description: 'Students who stay in the same grade (repeat the year)' })
  @IsOptional() @IsArray() @ArrayMaxSize(5000) @ArrayUnique() @IsUUID('all', { each: true }) heldBackStudentIds?: string[];
}

export class ExecuteYearTransitionDto extends YearTransitionPreviewDto {
  @ApiProperty({ example: '112-о', description: 'Number of the transfer order' }) @IsString() @Length(1, 50) orderNumber: string;
  @ApiProperty({ example: '2027-05-28', description: 'Date of the transfer order' }) @IsDateString({ strict: true }) date: string;
}

export class TransitionYearView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026/2027' }) name: string;
  @ApiProperty({ enum: ['planned', 'open', 'closed'] }) status: string;
  @ApiProperty({ example: '2026-09-01' }) startsOn: string;
  @ApiProperty({ example: '2027-05-31' }) endsOn: string;
}

export class TransitionStudentView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ example: 'Петров Иван Сергеевич' }) fullName: string;
}

export class TransitionTargetView {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null in a preview when the class is still to be created' }) classId?: string | null;
  @ApiProperty({ example: 6 }) grade: number;
  @ApiProperty({ example: 'А' }) letter: string;
  @ApiProperty({ example: '6А' }) name: string;
  @ApiProperty({ description: 'The class existed before the transition' }) exists: boolean;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classTeacherId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) classTeacherName: string | null;
  @ApiProperty({ example: 0, description: 'Students already in the class before the transition' }) currentStudentCount: number;
}

export class ClassTransitionView {
  @ApiProperty({ format: 'uuid' }) fromClassId: string;
  @ApiProperty({ example: '5А' }) fromClassName: string;
  @ApiProperty({ example: 5 }) grade: number;
  @ApiProperty({ example: 'А' }) letter: string;
  @ApiProperty({ enum: ['promote', 'graduate'] }) outcome: string;
  @ApiPropertyOptional({ type: TransitionTargetView, nullable: true, description: 'null for graduates' }) target: TransitionTargetView | null;
  @ApiProperty({ type: [TransitionStudentView], description: 'Promoted (or graduating) students' }) students: TransitionStudentView[];
  @ApiProperty({ type: [TransitionStudentView], description: 'Students held back in the same grade' }) heldBack: TransitionStudentView[];
  @ApiPropertyOptional({ type: TransitionTargetView, nullable: true }) heldBackTarget: TransitionTargetView | null;
}

export class ClassToCreateView {
  @ApiProperty({ example: 6 }) grade: number;
  @ApiProperty({ example: 'А' }) letter: string;
  @ApiProperty({ example: '6А' }) name: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classTeacherId: string | null;
}

export class TransitionWarningView {
  @ApiProperty({ example: 'target_has_students', enum: ['to_year_not_planned', 'from_year_closed', 'students_without_class', 'target_has_students',
    'no_class_teacher', 'from_year_not_started', 'to_year_closed', 'to_year_has_enrolments', 'already_executed'] }) code: string;
  @ApiProperty({ description: 'A blocking warning makes the execution answer 409' }) blocking: boolean;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classId?: string | null;
  @ApiPropertyOptional({ type: [String] }) studentIds?: string[];
}

export class TransitionTotalsView {
  @ApiProperty() classes: number;
  @ApiProperty() promoted: number;
  @ApiProperty() graduated: number;
  @ApiProperty() heldBack: number;
  @ApiProperty() classesToCreate: number;
  @ApiProperty({ description: 'Studying students who have no class in the year being finished' }) withoutClass: number;
}

export class YearTransitionPlanView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ type: TransitionYearView }) fromYear: TransitionYearView;
  @ApiProperty({ type: TransitionYearView }) toYear: TransitionYearView;
  @ApiProperty({ type: [ClassTransitionView] }) classes: ClassTransitionView[];
  @ApiProperty({ type: [ClassToCreateView] }) classesToCreate: ClassToCreateView[];
  @ApiProperty({ type: TransitionTotalsView }) totals: TransitionTotalsView;
  @ApiProperty({ type: [TransitionWarningView] }) warnings: TransitionWarningView[];
  @ApiProperty({ description: 'false when a blocking warning would make the execution fail' }) canExecute: boolean;
}

export class YearTransitionResultView extends YearTransitionPlanView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '112-о' }) orderNumber: string;
  @ApiProperty({ example: '2027-05-28' }) date: string;
  @ApiProperty({ example: '2027-05-28T10:15:00.000Z' }) executedAt: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) executedBy: string | null;
  @ApiProperty({ description: 'true when this answer is the stored result of an earlier execution (nothing was changed)' }) repeated: boolean;
}
