import { ApiProperty } from '@nestjs/swagger';
import { METRICS } from './monitoring.rules';

/** R-AUD-04 monitoring views. Counts are whole numbers; shares are per cent with one decimal (null when there is nothing to share). */

export class MonitoringFigures {
  @ApiProperty({ example: 40, description: 'Lessons that have happened in the range (not cancelled; the day is over, or held today)' }) lessonsHeld: number;
  @ApiProperty({ example: 2, description: 'Of them without a topic' }) lessonsWithoutTopic: number;
  @ApiProperty({ example: 3, description: 'Of them without homework (neither text nor file)' }) lessonsWithoutHomework: number;
  @ApiProperty({ example: 1, description: 'Homework first entered after the deadline: the class\'s last lesson + journal_settings.homework_hours_after_classes' })
  homeworkLate: number;
  @ApiProperty({ example: 1, description: 'Lessons whose content (topic, held) was first entered after the lesson day' }) lessonsFilledLate: number;
  @ApiProperty({ example: 120, description: 'Marks given on these lessons' }) marks: number;
  @ApiProperty({ example: 4, description: 'Marks first entered after the lesson day (late entries, R-JRN-05/07)' }) marksLate: number;
  @ApiProperty({ example: 2, description: 'Lessons with at least one late mark' }) lessonsWithLateMarks: number;
  @ApiProperty({ example: 25, description: 'Students of the row (class, or the subgroups taught); in totals: student × subject pairs' }) students: number;
  @ApiProperty({ example: 1, description: 'Students without any mark on the row\'s lessons' }) studentsWithoutMarks: number;
  @ApiProperty({ example: 3, description: 'Students with exactly one mark' }) studentsWithOneMark: number;
  @ApiProperty({ example: 5, description: 'Students with fewer marks than the accumulation minimum (see expectedMarksPerStudent)' }) studentsBelowNorm: number;
  @ApiProperty({ type: Number, nullable: true, example: 5, description: 'Plan hours of the teachers\' КТП (null: no КТП)' }) ktpHours: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 30, description: 'КТП hours due by the end of the range: lessons scheduled since the year start, capped at the plan' })
  ktpDue: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 28, description: 'Of them held with a topic' }) ktpCovered: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 93.3, description: 'ktpCovered / ktpDue, %' }) ktpCompletionPct: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 95, description: '% of lessons held with a topic' }) topicPct: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 92.5, description: '% of lessons held with homework' }) homeworkPct: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 4, description: '% of students without marks' }) studentsWithoutMarksPct: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 12, description: '% of students with one mark' }) studentsWithOneMarkPct: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 20, description: '% of students below the accumulation minimum' }) studentsBelowNormPct: number | null;
}

export class MonitoringRowView extends MonitoringFigures {
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Смирнова Анна Петровна' }) teacherName: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ type: Number, nullable: true, example: 5, description: 'Weekly hours of the teacher\'s load (null: no load)' }) weeklyHours: number | null;
  @ApiProperty({ example: 6, description: 'Accumulation minimum per student: floor(lessonsHeld / 3) at < 2 weekly hours, floor(lessonsHeld / 6) otherwise' })
  expectedMarksPerStudent: number;
}

export class MonitoringGroupView extends MonitoringFigures {
  @ApiProperty({ format: 'uuid', description: 'Class or teacher id' }) id: string;
  @ApiProperty({ example: '5А' }) name: string;
}

export class MonitoringVisitsView {
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ example: 25, description: 'Students of the class in the range' }) students: number;
  @ApiProperty({ example: 12, description: 'Of them opened the diary at least once in the range' }) studentsVisited: number;
  @ApiProperty({ type: Number, nullable: true, example: 48 }) studentsVisitedPct: number | null;
  @ApiProperty({ example: 40, description: 'Parents of these students' }) parents: number;
  @ApiProperty({ example: 30, description: 'Of them opened the diary at least once in the range' }) parentsVisited: number;
  @ApiProperty({ type: Number, nullable: true, example: 75 }) parentsVisitedPct: number | null;
}

export class MonitoringJournalView {
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ example: 'Школа № 1' }) schoolName: string;
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ example: '2026-11-20', description: 'min(to, today): lessons after today have not happened' }) effectiveTo: string;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) generatedAt: string;
  @ApiProperty({ type: [MonitoringRowView], description: 'Teacher × class × subject, by class, subject and teacher' }) rows: MonitoringRowView[];
  @ApiProperty({ type: [MonitoringGroupView], description: 'The rows summed per class' }) byClass: MonitoringGroupView[];
  @ApiProperty({ type: [MonitoringGroupView], description: 'The rows summed per teacher' }) byTeacher: MonitoringGroupView[];
  @ApiProperty({ type: MonitoringFigures, description: 'School totals (student figures count student × subject pairs)' }) totals: MonitoringFigures;
  @ApiProperty({ type: [MonitoringVisitsView], description: 'Diary use per class (R-DIA-10 visits)' }) diaryVisits: MonitoringVisitsView[];
  @ApiProperty({ type: MonitoringVisitsView, description: 'Diary use of the whole school (classId empty)' }) diaryVisitsTotal: MonitoringVisitsView;
}

export class MonitoringLessonItem {
  @ApiProperty({ format: 'uuid', description: 'Lesson id: the SPA links to /lessons/:id' }) id: string;
  @ApiProperty({ example: '2026-11-12' }) date: string;
  @ApiProperty({ example: 2 }) lessonNumber: number;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Смирнова Анна Петровна' }) teacherName: string;
  @ApiProperty({ type: String, nullable: true, example: 'Дроби' }) topic: string | null;
  @ApiProperty() hasTopic: boolean;
  @ApiProperty() hasHomework: boolean;
  @ApiProperty() homeworkLate: boolean;
  @ApiProperty() filledLate: boolean;
  @ApiProperty({ example: 12 }) marks: number;
  @ApiProperty({ example: 1 }) marksLate: number;
}

export class MonitoringStudentItem {
  @ApiProperty({ format: 'uuid', description: 'Student id' }) id: string;
  @ApiProperty({ example: 'Соколов Артём' }) fullName: string;
  @ApiProperty({ format: 'uuid', description: 'Class id: the SPA links to the class journal page' }) classId: string;
  @ApiProperty({ example: '5А' }) className: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ format: 'uuid' }) teacherId: string;
  @ApiProperty({ example: 'Смирнова Анна Петровна' }) teacherName: string;
  @ApiProperty({ example: 0, description: 'Marks on the row\'s lessons in the range' }) marks: number;
  @ApiProperty({ example: 3, description: 'Accumulation minimum of the row' }) expectedMarks: number;
}

export class MonitoringDetailsView {
  @ApiProperty({ enum: METRICS }) metric: string;
  @ApiProperty({ enum: ['lessons', 'students'] }) kind: 'lessons' | 'students';
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-20' }) effectiveTo: string;
  @ApiProperty({ example: 3, description: 'Items behind the number (the lists stop at 2000)' }) total: number;
  @ApiProperty({ type: [MonitoringLessonItem], description: 'For lesson metrics; empty otherwise' }) lessons: MonitoringLessonItem[];
  @ApiProperty({ type: [MonitoringStudentItem], description: 'For student metrics (no_marks, one_mark, below_norm); empty otherwise' })
  students: MonitoringStudentItem[];
}

export class ActivityStaffView {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ example: 'Смирнова Анна Петровна' }) fullName: string;
  @ApiProperty({ type: [String], example: ['teacher', 'class_teacher'] }) roles: string[];
  @ApiProperty({ example: 'Учитель' }) position: string;
  @ApiProperty({ example: 64, description: 'Lessons whose content was first entered in the month by them (as teacher or substitute)' }) lessonsFilled: number;
  @ApiProperty({ example: 310, description: 'Marks they entered in the month' }) marksEntered: number;
  @ApiProperty({ example: 21, description: 'Sign-ins in the month (each sign-in starts a new session)' }) signIns: number;
  @ApiProperty({ example: 80, description: 'Audited changes they made in the month' }) changes: number;
  @ApiProperty({ type: String, nullable: true, example: '2026-11-29T07:55:00.000Z' }) lastSignInAt: string | null;
  @ApiProperty({ description: 'Any sign-in, lesson, mark or change in the month' }) active: boolean;
}

export class ActivityRoleView {
  @ApiProperty({ example: 'teacher' }) role: string;
  @ApiProperty({ example: 40, description: 'Users with this role (staff employed in the month; family accounts)' }) users: number;
  @ApiProperty({ example: 37, description: 'Of them active in the month (staff: any activity; families: opened the diary)' }) active: number;
  @ApiProperty({ type: Number, nullable: true, example: 92.5 }) activePct: number | null;
  @ApiProperty({ type: Number, nullable: true, example: 410, description: 'Families: diary visit-days in the month (one per account and day); null for staff' })
  visitDays: number | null;
}

export class MonitoringActivityView {
  @ApiProperty({ example: 'Школа № 1' }) schoolName: string;
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ example: '2026-11-20T09:00:00.000Z' }) generatedAt: string;
  @ApiProperty({ type: [ActivityStaffView], description: 'Staff employed at some time in the month, by name' }) staff: ActivityStaffView[];
  @ApiProperty({ type: [ActivityRoleView], description: 'Per role: staff roles, then student, parent, interested_person' }) roles: ActivityRoleView[];
}
