import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ABSENCE_CODES, MARK_VALUES } from '@otmetka/contracts';
import { JournalClassRef, JournalPeriodRef } from '../class-page/class-page.dto';

export class ReportSubjectRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Математика' }) name: string;
  @ApiProperty({ example: 'Матем.' }) shortName: string;
}

export class AbsenceCountView {
  @ApiProperty({ enum: ABSENCE_CODES, example: 'Б' }) code: string;
  @ApiProperty({ example: 6, description: 'Lessons with this mark' }) lessons: number;
  @ApiProperty({ example: 6, description: 'Academic hours: a lesson counts as one hour' }) hours: number;
}

export class AttendanceSummaryView {
  @ApiProperty({ type: [AbsenceCountView], description: 'Every code in the order Н, У, Б, ОП' }) byCode: AbsenceCountView[];
  @ApiProperty({ example: 8, description: 'Lessons missed: Н + У + Б (ОП, being late, is not a missed lesson)' }) missedLessons: number;
  @ApiProperty({ example: 8, description: 'Hours missed (one per missed lesson)' }) missedHours: number;
}

export class ProgressStatsView {
  @ApiProperty({ example: 28, description: 'Students counted: those with a numeric period mark or forecast' }) count: number;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 96.4, description: '% without a 2 (or 1)' }) passingPct: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 53.6, description: '% with only 4 and 5' }) qualityPct: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 3.82, description: 'Mean of the marks counted' }) mean: number | null;
  @ApiProperty({ example: 20, description: 'Marks counted that are period marks' }) periodMarks: number;
  @ApiProperty({ example: 8, description: 'Marks counted that are forecasts (no period mark yet)' }) forecasts: number;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['period_marks', 'forecasts', 'mixed'],
    description: 'What the figures are computed from: period marks, forecasts from the averages so far, or both' })
  basis: 'period_marks' | 'forecasts' | 'mixed' | null;
}

export class SubjectProgressView extends ReportSubjectRef {
  @ApiProperty({ type: ProgressStatsView, description: 'Per subject: each student\'s period mark, or forecast when not set' }) totals: ProgressStatsView;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 3.91, description: 'Mean of the students\' weighted averages' })
  averageOfAverages: number | null;
}

export class SubjectResultView {
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiPropertyOptional({ type: Number, nullable: true, example: 4.25, description: 'sum(value × weight) / sum(weight) of the numeric marks of the period' })
  weightedAverage: number | null;
  @ApiProperty({ example: 9, description: 'Marks of the period (all kinds)' }) marksCount: number;
  @ApiPropertyOptional({ type: String, nullable: true, enum: MARK_VALUES, description: 'The period mark, when set' }) periodMark: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '4', description: 'R-JRN-08: the average so far rounded with the school\'s threshold' })
  forecast: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: '4', description: 'What the totals count: the period mark, else the forecast' })
  value: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: ['period_mark', 'forecast'] }) basis: 'period_mark' | 'forecast' | null;
}

export class StudentProgressSummaryView {
  @ApiPropertyOptional({ type: Number, nullable: true, example: 4.2, description: 'Mean of the student\'s counted marks' }) mean: number | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'No 2 (or 1) in any subject; null without a numeric mark' }) passing: boolean | null;
  @ApiPropertyOptional({ type: Boolean, nullable: true, description: 'Only 4 and 5 in every subject' }) quality: boolean | null;
}

export class StudentProgressView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Алексеев Иван Петрович' }) fullName: string;
  @ApiProperty({ example: '2026-09-01' }) enrolledFrom: string;
  @ApiProperty({ example: '2026-10-24' }) enrolledTo: string;
  @ApiProperty({ type: [SubjectResultView], description: 'One per subject, in the order of `subjects`' }) subjects: SubjectResultView[];
  @ApiProperty({ type: StudentProgressSummaryView }) summary: StudentProgressSummaryView;
  @ApiProperty({ type: AttendanceSummaryView }) attendance: AttendanceSummaryView;
}

export class ClassProgressView {
  @ApiProperty({ type: JournalClassRef }) class: JournalClassRef;
  @ApiProperty({ type: JournalPeriodRef }) period: JournalPeriodRef;
  @ApiProperty({ example: '2026-10-26T09:00:00.000Z' }) generatedAt: string;
  @ApiProperty({ example: 0.5 }) roundingThreshold: number;
  @ApiProperty({ type: [SubjectProgressView] }) subjects: SubjectProgressView[];
  @ApiProperty({ type: [StudentProgressView] }) students: StudentProgressView[];
  @ApiProperty({ type: ProgressStatsView,
    description: 'The class: passing = students with no 2 in any subject, quality = students with only 4 and 5; mean of all counted marks' })
  totals: ProgressStatsView;
  @ApiProperty({ type: AttendanceSummaryView, description: 'The class\'s absences in the period' }) attendance: AttendanceSummaryView;
}

export class SubjectAttendanceView extends ReportSubjectRef {
  @ApiProperty({ example: 40, description: 'Lessons of the class in the range (cancelled ones left out)' }) lessons: number;
  @ApiProperty({ type: AttendanceSummaryView }) attendance: AttendanceSummaryView;
}

export class StudentAttendanceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Алексеев Иван Петрович' }) fullName: string;
  @ApiProperty({ example: '2026-09-01' }) enrolledFrom: string;
  @ApiProperty({ example: '2026-10-24' }) enrolledTo: string;
  @ApiProperty({ type: AttendanceSummaryView }) attendance: AttendanceSummaryView;
  @ApiProperty({ type: [AttendanceSummaryView], description: 'One per subject, in the order of `subjects`' }) bySubject: AttendanceSummaryView[];
}

export class AttendanceReportView {
  @ApiProperty({ type: JournalClassRef }) class: JournalClassRef;
  @ApiProperty({ example: '2026-09-01' }) from: string;
  @ApiProperty({ example: '2026-09-30' }) to: string;
  @ApiProperty({ example: '2026-10-01T09:00:00.000Z' }) generatedAt: string;
  @ApiProperty({ type: [SubjectAttendanceView] }) subjects: SubjectAttendanceView[];
  @ApiProperty({ type: [StudentAttendanceView] }) students: StudentAttendanceView[];
  @ApiProperty({ type: AttendanceSummaryView }) totals: AttendanceSummaryView;
}
