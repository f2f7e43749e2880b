import { ApiProperty } from '@nestjs/swagger';

export class DiaryFileView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Задачи.pdf' }) fileName: string;
  @ApiProperty({ example: 'application/pdf' }) contentType: string;
  @ApiProperty({ example: 48213 }) sizeBytes: number;
  @ApiProperty({ example: '/api/v1/diary/students/0192…/homework-files/0193…', description: 'Download within the same scope' }) url: string;
}

export class DiaryHomeworkView {
  @ApiProperty({ example: '№ 245, 247; параграф 12' }) text: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-02' }) dueDate: string | null;
  @ApiProperty({ type: [DiaryFileView] }) files: DiaryFileView[];
}

export class DiaryMarkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '5', description: '1–5, зч, нз, н/а, осв' }) value: string;
  @ApiProperty({ example: 'control' }) workType: string;
  @ApiProperty({ example: 'Контрольная работа' }) workTypeName: string;
  @ApiProperty({ example: 2 }) weight: number;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
}

export class DiaryAttendanceView {
  @ApiProperty({ enum: ['Н', 'У', 'Б', 'ОП'] }) code: string;
  @ApiProperty({ example: 'болезнь (справка)' }) label: string;
  @ApiProperty({ type: Number, nullable: true, example: null }) minutesLate: number | null;
}

export class DiaryRemarkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Не было тетради' }) text: string;
  @ApiProperty({ example: '2026-12-01T09:40:00.000Z' }) createdAt: string;
}

export class DiaryLessonView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null for a lesson planned from the timetable (not generated yet)' })
  lessonId: string | null;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: 2 }) lessonNumber: number;
  @ApiProperty({ type: String, nullable: true, example: '08:55' }) startsAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: '09:40' }) endsAt: string | null;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ type: String, nullable: true, example: '1 группа' }) subgroupName: string | null;
  @ApiProperty({ example: 'Иванова Мария Петровна', description: 'The teacher of record' }) teacherName: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who gives the lesson instead, when substituted' }) substituteTeacherName: string | null;
  @ApiProperty({ type: String, nullable: true, example: '12' }) roomName: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Сложение дробей' }) topic: string | null;
  @ApiProperty() cancelled: boolean;
  @ApiProperty({ description: 'From the timetable: the journal has not generated this lesson yet (no marks)' }) planned: boolean;
  @ApiProperty({ type: DiaryHomeworkView, nullable: true, description: 'Homework set on this lesson' }) homework: DiaryHomeworkView | null;
  @ApiProperty({ type: [DiaryMarkView] }) marks: DiaryMarkView[];
  @ApiProperty({ type: DiaryAttendanceView, nullable: true, description: 'Absence or lateness; null = present (or not entered)' })
  attendance: DiaryAttendanceView | null;
  @ApiProperty({ type: [DiaryRemarkView] }) remarks: DiaryRemarkView[];
}

export class DiaryDueHomeworkView {
  @ApiProperty({ format: 'uuid' }) lessonId: string;
  @ApiProperty({ example: '2026-11-30', description: 'The lesson it was set on' }) setOn: string;
  @ApiProperty({ example: 'Математика' }) subjectName: string;
  @ApiProperty({ example: '№ 245, 247' }) text: string;
  @ApiProperty({ type: [DiaryFileView] }) files: DiaryFileView[];
}

export class DiaryHolidayView {
  @ApiProperty({ example: 'Новогодние каникулы' }) name: string;
  @ApiProperty({ enum: ['holiday', 'vacation'] }) kind: string;
}

export class DiaryDayView {
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: 2, description: 'ISO weekday, Monday = 1' }) weekday: number;
  @ApiProperty({ type: DiaryHolidayView, nullable: true }) holiday: DiaryHolidayView | null;
  @ApiProperty({ type: [DiaryLessonView] }) lessons: DiaryLessonView[];
  @ApiProperty({ type: [DiaryDueHomeworkView], description: 'Homework due this day' }) homeworkDue: DiaryDueHomeworkView[];
}

export class DiaryWeekView {
  @ApiProperty({ format: 'uuid' }) studentId: string;
  @ApiProperty({ example: 'Смирнов Иван Петрович' }) studentName: string;
  @ApiProperty({ type: String, nullable: true, example: '5А' }) className: string | null;
  @ApiProperty({ example: '2026-11-30', description: 'Monday' }) weekStart: string;
  @ApiProperty({ example: '2026-12-05', description: 'Last school day of the week (Friday or Saturday per working mode)' }) weekEnd: string;
  @ApiProperty({ example: '2026-11-23' }) previousWeek: string;
  @ApiProperty({ example: '2026-12-07' }) nextWeek: string;
  @ApiProperty({ type: [DiaryDayView] }) days: DiaryDayView[];
}
