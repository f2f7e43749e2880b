import { ApiProperty } from '@nestjs/swagger';

export class DiaryPeriodView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2 четверть' }) name: string;
  @ApiProperty({ example: 2 }) number: number;
  @ApiProperty({ enum: ['quarter', 'trimester', 'half_year'] }) kind: string;
  @ApiProperty({ example: '2026-11-09' }) startsOn: string;
  @ApiProperty({ example: '2026-12-28' }) endsOn: string;
}

export class SubjectMarkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-11-24' }) date: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a mark transferred from another institution' }) lessonId: string | null;
  @ApiProperty({ example: '4' }) value: string;
  @ApiProperty({ example: 'control' }) workType: string;
  @ApiProperty({ example: 'Контрольная работа' }) workTypeName: string;
  @ApiProperty({ example: 2 }) weight: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ description: 'Transferred from another institution (R-JRN-09)' }) external: boolean;
  @ApiProperty({ type: String, nullable: true, example: null }) institution: string | null;
}

export class SubjectMarksView {
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ type: [SubjectMarkView] }) marks: SubjectMarkView[];
  @ApiProperty({ type: Number, nullable: true, example: 4.33, description: 'Weighted average of the numeric marks (weights of the work types)' })
  average: number | null;
}

export class StudentMarksView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ type: DiaryPeriodView, nullable: true, description: 'The period shown (the current one by default)' }) period: DiaryPeriodView | null;
  @ApiProperty({ type: [DiaryPeriodView], description: 'Periods of the year for the student\'s grade, to switch between' }) periods: DiaryPeriodView[];
  @ApiProperty({ example: '2026-11-09' }) from: string;
  @ApiProperty({ example: '2026-12-28' }) to: string;
  @ApiProperty({ type: [SubjectMarksView] }) subjects: SubjectMarksView[];
}

export class PeriodMarkCellView {
  @ApiProperty({ format: 'uuid' }) periodId: string;
  @ApiProperty({ example: '5' }) value: string;
}

export class SubjectPeriodMarksView {
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Русский язык' }) subjectName: string;
  @ApiProperty({ type: [PeriodMarkCellView] }) periods: PeriodMarkCellView[];
  @ApiProperty({ type: String, nullable: true, example: '5' }) annual: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) exam: string | null;
  @ApiProperty({ type: String, nullable: true, example: '5' }) final: string | null;
}

export class StudentPeriodMarksView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) academicYearId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026/2027' }) academicYearName: string | null;
  @ApiProperty({ type: String, nullable: true, example: '5А' }) className: string | null;
  @ApiProperty({ type: [DiaryPeriodView] }) periods: DiaryPeriodView[];
  @ApiProperty({ type: [SubjectPeriodMarksView] }) subjects: SubjectPeriodMarksView[];
}

export class FinalSubjectView {
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ type: String, nullable: true, example: '4' }) annual: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) exam: string | null;
  @ApiProperty({ type: String, nullable: true, example: '4' }) final: string | null;
}

export class FinalYearView {
  @ApiProperty({ format: 'uuid' }) academicYearId: string;
  @ApiProperty({ example: '2025/2026' }) academicYearName: string;
  @ApiProperty({ example: '4А' }) className: string;
  @ApiProperty({ type: [FinalSubjectView] }) subjects: FinalSubjectView[];
}

export class StudentFinalsView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ type: [FinalYearView], description: 'Past years, newest first' }) years: FinalYearView[];
}

export class ReasonCountView {
  @ApiProperty({ enum: ['Н', 'У', 'Б', 'ОП'] }) code: string;
  @ApiProperty({ example: 'болезнь (справка)' }) label: string;
  @ApiProperty({ example: 3 }) count: number;
}

export class DiarySubjectAttendanceView {
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Физическая культура' }) subjectName: string;
  @ApiProperty({ example: 14, description: 'Lessons the student had so far (not cancelled)' }) lessons: number;
  @ApiProperty({ example: 2, description: 'Missed lessons (Н, У, Б)' }) absences: number;
  @ApiProperty({ example: 1, description: 'Late arrivals (ОП)' }) late: number;
  @ApiProperty({ type: [ReasonCountView] }) byReason: ReasonCountView[];
}

export class AbsenceEntryView {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty({ example: '2026-11-24' }) date: string;
  @ApiProperty({ example: 3 }) lessonNumber: number;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'История' }) subjectName: string;
  @ApiProperty({ enum: ['Н', 'У', 'Б', 'ОП'] }) code: string;
  @ApiProperty({ example: 'уважительная причина' }) label: string;
  @ApiProperty({ type: Number, nullable: true }) minutesLate: number | null;
}

export class DiaryAttendanceSummaryView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ type: DiaryPeriodView, nullable: true }) period: DiaryPeriodView | null;
  @ApiProperty({ type: [DiaryPeriodView] }) periods: DiaryPeriodView[];
  @ApiProperty({ example: '2026-11-09' }) from: string;
  @ApiProperty({ example: '2026-12-28' }) to: string;
  @ApiProperty({ example: 120 }) lessons: number;
  @ApiProperty({ example: 6 }) absences: number;
  @ApiProperty({ example: 1 }) late: number;
  @ApiProperty({ type: [ReasonCountView] }) byReason: ReasonCountView[];
  @ApiProperty({ type: [DiarySubjectAttendanceView] }) bySubject: DiarySubjectAttendanceView[];
  @ApiProperty({ type: [AbsenceEntryView], description: 'Lesson by lesson' }) entries: AbsenceEntryView[];
}

export class TeacherRefView {
  @ApiProperty({ format: 'uuid', description: 'Person id: the teacherId of a new message thread' }) personId: string;
  @ApiProperty({ example: 'Иванова Мария Петровна' }) fullName: string;
  @ApiProperty({ type: String, nullable: true, example: '1 группа' }) subgroupName: string | null;
}

export class SubjectTeachersView {
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Английский язык' }) subjectName: string;
  @ApiProperty({ type: [TeacherRefView] }) teachers: TeacherRefView[];
}

export class ClassTeacherRefView {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'Петрова Анна Ивановна' }) fullName: string;
}

export class StudentTeachersView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ type: String, nullable: true, example: '5А' }) className: string | null;
  @ApiProperty({ type: ClassTeacherRefView, nullable: true }) classTeacher: ClassTeacherRefView | null;
  @ApiProperty({ type: [SubjectTeachersView] }) subjects: SubjectTeachersView[];
}
