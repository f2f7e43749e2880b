import { ABSENCE_LABELS_RU, type AbsenceCode, DEFAULT_WORK_TYPES } from '@otmetka/contracts';
import type { YearCalendar } from '../../curriculum/calendar/calendar.service';
import { addDays, datesBetween, weekdayOf } from '../../curriculum/calendar/school-days';
import type { EffectiveLesson } from '../../curriculum/timetable/effective-week';
import type { DiaryDayView, DiaryFileView, DiaryLessonView, DiaryWeekView } from './week.dto';
import type { EnrolmentRow, FileRow, LessonRow, WeekRows } from './week.query';

/** R-DIA-01: turning the week's rows into one student's diary week. Pure: rows and calendars in, the view out. */

export interface WeekStudent {
  id: string;
  fullName: string;
  /** The current class, shown when the student had no class that week. */
  className: string | null;
}

export interface WeekContext {
  monday: string;
  rows: WeekRows;
  calendars: ReadonlyMap<string, YearCalendar>;
  /** Effective timetable lessons per class for the school days the journal has not generated yet. */
  planned: ReadonlyMap<string, readonly EffectiveLesson[]>;
  fileUrl: (studentId: string, fileId: string) => string;
}

const WORK_TYPE_NAMES = new Map<string, string>(DEFAULT_WORK_TYPES.map((w) => [w.code, w.nameRu]));

const inYear = (cal: YearCalendar, date: string) => cal.yearStart <= date && date <= cal.yearEnd;

/** The student's class on a date (the later enrolment wins on a transfer day). */
export function enrolmentOn(enrolments: readonly EnrolmentRow[], date: string): EnrolmentRow | undefined {
  return enrolments.filter((e) => e.startsOn <= date && (e.endsOn === null || date <= e.endsOn)).at(-1);
}

/** A lesson of a subgroup is in the diary of the subgroup's members only (R-ROS-07). */
export const inSubgroup = (subgroupId: string | null, e: EnrolmentRow): boolean => subgroupId === null || e.subgroupIds.includes(subgroupId);

/** The school days of the week: Monday to Friday, or to Saturday when the class's working mode has 6 days. */
export function weekDates(monday: string, enrolments: readonly EnrolmentRow[], calendars: ReadonlyMap<string, YearCalendar>): string[] {
  const main = enrolments.at(-1);
  const cal = main && calendars.get(main.academicYearId);
  const days = main && cal ? cal.daysPerWeek(main.grade) : 5;
  return datesBetween(monday, addDays(monday, days - 1));
}

/** Per class, the school days of the week without any generated lesson: the diary shows the effective timetable there. */
export function datesToPlan(monday: string, rows: WeekRows, calendars: ReadonlyMap<string, YearCalendar>): Map<string, string[]> {
  const generated = new Set(rows.lessons.map((l) => `${l.classId}:${l.date}`));
  const out = new Map<string, Set<string>>();
  const students = new Set(rows.enrolments.map((e) => e.studentId));
  for (const studentId of students) {
    const enrolments = rows.enrolments.filter((e) => e.studentId === studentId);
    for (const date of weekDates(monday, enrolments, calendars)) {
      const e = enrolmentOn(enrolments, date);
      const cal = e && calendars.get(e.academicYearId);
      if (!e || !cal || !cal.isSchoolDay(date, e.grade) || generated.has(`${e.classId}:${date}`)) continue;
      out.set(e.classId, (out.get(e.classId) ?? new Set()).add(date));
    }
  }
  return new Map([...out].map(([classId, dates]) => [classId, [...dates].sort()]));
}

const fileViews = (studentId: string, files: readonly FileRow[], ctx: WeekContext): DiaryFileView[] =>
  files.map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, url: ctx.fileUrl(studentId, f.id) }));

function generatedLesson(studentId: string, l: LessonRow, cal: YearCalendar | undefined, ctx: WeekContext): DiaryLessonView {
  const bell = cal?.bell(weekdayOf(l.date), l.lessonNumber);
  const att = ctx.rows.attendance.find((a) => a.lessonId === l.id && a.studentId === studentId);
  return {
    lessonId: l.id, date: l.date, lessonNumber: l.lessonNumber, startsAt: bell?.startsAt ?? null, endsAt: bell?.endsAt ?? null,
    subjectId: l.subjectId, subjectName: l.subjectName, subgroupName: l.subgroupName, teacherName: l.teacherName,
    substituteTeacherName: l.substituteTeacherName, roomName: l.roomName, topic: l.topic, cancelled: l.cancelled, planned: false,
    homework: l.homeworkText === null ? null : { text: l.homeworkText, dueDate: l.homeworkDueDate, files: fileViews(studentId, l.files, ctx) },
    marks: ctx.rows.marks.filter((m) => m.lessonId === l.id && m.studentId === studentId).map((m) => ({
      id: m.id, value: m.value, workType: m.workType, workTypeName: m.workTypeName ?? WORK_TYPE_NAMES.get(m.workType) ?? m.workType,
      weight: m.weight, comment: m.comment,
    })),
    attendance: att ? { code: att.code, label: ABSENCE_LABELS_RU[att.code as AbsenceCode] ?? att.code, minutesLate: att.minutesLate } : null,
    remarks: ctx.rows.remarks.filter((r) => r.lessonId === l.id && r.studentId === studentId)
      .map((r) => ({ id: r.id, text: r.text, createdAt: new Date(r.createdAt).toISOString() })),
  };
}

function plannedLesson(l: EffectiveLesson, cal: YearCalendar | undefined): DiaryLessonView {
  const bell = cal?.bell(weekdayOf(l.date), l.lessonNumber);
  return {
    lessonId: null, date: l.date, lessonNumber: l.lessonNumber, startsAt: bell?.startsAt ?? null, endsAt: bell?.endsAt ?? null,
    subjectId: l.subjectId, subjectName: l.subjectName, subgroupName: l.subgroupName,
    // The effective timetable names the substitute as the teacher and keeps the template's teacher as the original one.
    teacherName: l.originalTeacherName ?? l.teacherName, substituteTeacherName: l.originalTeacherId ? l.teacherName : null,
    roomName: l.roomName, topic: null, cancelled: l.cancelled, planned: true, homework: null, marks: [], attendance: null, remarks: [],
  };
}

export function assembleWeek(student: WeekStudent, ctx: WeekContext): DiaryWeekView {
  const enrolments = ctx.rows.enrolments.filter((e) => e.studentId === student.id);
  const dates = weekDates(ctx.monday, enrolments, ctx.calendars);
  const days: DiaryDayView[] = dates.map((date) => {
    const e = enrolmentOn(enrolments, date);
    const cal = e && ctx.calendars.get(e.academicYearId);
    const holiday = e && cal && inYear(cal, date) ? cal.holidayOn(date, e.grade) : undefined;
    const generated = e ? ctx.rows.lessons.filter((l) => l.classId === e.classId && l.date === date && inSubgroup(l.subgroupId, e)) : [];
    const planned = e && !holiday ? (ctx.planned.get(e.classId) ?? []).filter((l) => l.date === date && inSubgroup(l.subgroupId, e)) : [];
    const lessons = [...generated.map((l) => generatedLesson(student.id, l, cal, ctx)), ...planned.map((l) => plannedLesson(l, cal))]
      .sort((a, b) => a.lessonNumber - b.lessonNumber);
    const homeworkDue = ctx.rows.due.filter((d) => {
      const set = enrolments.find((x) => x.classId === d.classId && x.startsOn <= d.setOn && (x.endsOn === null || d.setOn <= x.endsOn));
      return d.dueDate === date && !!set && inSubgroup(d.subgroupId, set);
    }).map((d) => ({ lessonId: d.lessonId, setOn: d.setOn, subjectName: d.subjectName, text: d.text, files: fileViews(student.id, d.files, ctx) }));
    return { date, weekday: weekdayOf(date), holiday: holiday ? { name: holiday.name, kind: holiday.kind } : null, lessons, homeworkDue };
  });
  return {
    studentId: student.id, studentName: student.fullName, className: enrolments.at(-1)?.className ?? student.className,
    weekStart: ctx.monday, weekEnd: dates.at(-1) ?? ctx.monday, previousWeek: addDays(ctx.monday, -7), nextWeek: addDays(ctx.monday, 7), days,
  };
}
