import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ABSENCE_CODES, MARK_VALUES } from '@otmetka/contracts';

export class JournalClassRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '5А' }) name: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) classTeacherId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Иванова Мария Петровна' }) classTeacherName: string | null;
}

export class JournalSubjectRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Математика' }) name: string;
}

export class JournalSubgroupRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '1 группа' }) name: string;
}

export class JournalPeriodRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '1 четверть' }) name: string;
  @ApiProperty({ example: '2026-09-01' }) startsOn: string;
  @ApiProperty({ example: '2026-10-24' }) endsOn: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
}

export class JournalTeacherRef {
  @ApiProperty({ format: 'uuid', description: 'Person id' }) id: string;
  @ApiProperty({ example: 'Петрова Анна Сергеевна' }) fullName: string;
}

export class JournalWorkTypeView {
  @ApiProperty({ example: 'control' }) code: string;
  @ApiProperty({ example: 'Контрольная работа' }) name: string;
  @ApiProperty({ example: 2 }) weight: number;
  @ApiProperty({ description: 'Marks of control works stay editable longer (R-JRN-05)' }) isControl: boolean;
  @ApiProperty() archived: boolean;
}

export class ClassJournalLessonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-09-07' }) date: string;
  @ApiProperty({ example: 2 }) lessonNumber: number;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Натуральные числа' }) topic: string | null;
  @ApiProperty() held: boolean;
  @ApiProperty({ type: [String], example: ['answer', 'control'], description: 'Work type codes of the lesson (see workTypes)' }) workTypes: string[];
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The subgroup the lesson is for; null = the whole class' })
  subgroupId: string | null;
  @ApiProperty({ format: 'uuid', description: 'Teacher of record' }) teacherId: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Who gave the lesson on a substitution' })
  substituteTeacherId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '№ 12, 14 на с. 20' }) homework: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-09-09' }) homeworkDueDate: string | null;
  @ApiProperty({ description: 'Whether marks and attendance of this lesson may be written now (R-JRN-05, the school\'s windows and time zone)' })
  editable: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-09-09T21:00:00.000Z',
    description: 'Until when marks and attendance may be written (control-work marks may stay open longer, decided per mark); null when never (closed period or year, or before the lesson day)' })
  editableUntil: string | null;
  @ApiProperty({ enum: ['on_time', 'late_first_entry', 'within_edit_window', 'not_yet', 'window_closed', 'period_closed', 'year_closed'] })
  editReason: string;
}

export class ClassJournalMarkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MARK_VALUES, example: '5' }) value: string;
  @ApiProperty({ example: 'answer' }) workType: string;
  @ApiProperty({ example: 1 }) weight: number;
  @ApiPropertyOptional({ description: 'Present only when the teacher wrote one' }) comment?: string;
}

export class ClassJournalCellView {
  @ApiPropertyOptional({ enum: ABSENCE_CODES, description: 'Н, У, Б or ОП; absent when the student was present' }) attendance?: string;
  @ApiProperty({ type: [ClassJournalMarkView] }) marks: ClassJournalMarkView[];
}

export class ExternalMarkCellView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-09-15' }) date: string;
  @ApiProperty({ enum: MARK_VALUES }) value: string;
  @ApiProperty() workType: string;
  @ApiProperty() weight: number;
  @ApiProperty({ example: 'МБОУ СОШ № 3' }) institution: string;
}

export class PeriodMarkRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MARK_VALUES }) value: string;
  @ApiProperty() version: number;
}

@ApiExtraModels(ClassJournalCellView)
export class ClassJournalStudentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Алексеев Иван Петрович' }) fullName: string;
  @ApiProperty({ example: '2026-09-01', description: 'First day in the class within the period' }) enrolledFrom: string;
  @ApiProperty({ example: '2026-10-24', description: 'Last day in the class within the period' }) enrolledTo: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(ClassJournalCellView) },
    description: 'Cells by lesson id; lessons without a mark or an absence are left out' })
  cells: Record<string, ClassJournalCellView>;
  @ApiProperty({ type: [ExternalMarkCellView], description: 'Marks of the period transferred from another institution (R-JRN-09); they count in the average' })
  externalMarks: ExternalMarkCellView[];
  @ApiPropertyOptional({ type: Number, nullable: true, example: 4.33,
    description: 'Weighted average of the numeric marks of the subject in the period, sum(value × weight) / sum(weight), 2 places' })
  weightedAverage: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '4', description: 'R-JRN-08: the average rounded with the school\'s threshold' })
  proposedPeriodMark: string | null;
  @ApiPropertyOptional({ type: PeriodMarkRef, nullable: true }) periodMark: PeriodMarkRef | null;
}

export class ClassJournalSummaryView {
  @ApiPropertyOptional({ type: Number, nullable: true, example: 3.87, description: 'Mean of the students\' weighted averages' }) classAverage: number | null;
  @ApiProperty({ example: 2100, description: 'Marks on the page\'s lessons' }) marksCount: number;
}

export class ClassJournalView {
  @ApiProperty({ type: JournalClassRef }) class: JournalClassRef;
  @ApiProperty({ type: JournalSubjectRef }) subject: JournalSubjectRef;
  @ApiPropertyOptional({ type: JournalSubgroupRef, nullable: true }) subgroup: JournalSubgroupRef | null;
  @ApiProperty({ type: JournalPeriodRef }) period: JournalPeriodRef;
  @ApiProperty({ type: [JournalTeacherRef], description: 'Teachers with a load for the class (or subgroup) and subject, and those who gave its lessons' })
  teachers: JournalTeacherRef[];
  @ApiProperty({ enum: ['write', 'read'], description: 'write: the caller teaches this class and subject; read: class teacher or administration' })
  access: 'write' | 'read';
  @ApiProperty({ example: 0.5, description: 'R-JRN-08: the school\'s rounding threshold for proposals' }) roundingThreshold: number;
  @ApiProperty({ example: 'Europe/Moscow' }) timeZone: string;
  @ApiProperty({ type: [JournalWorkTypeView] }) workTypes: JournalWorkTypeView[];
  @ApiProperty({ type: [ClassJournalLessonView] }) lessons: ClassJournalLessonView[];
  @ApiProperty({ type: [ClassJournalStudentView] }) students: ClassJournalStudentView[];
  @ApiProperty({ type: ClassJournalSummaryView }) summary: ClassJournalSummaryView;
}
