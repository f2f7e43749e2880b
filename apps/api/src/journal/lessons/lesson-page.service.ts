import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarService, type YearCalendar } from '../../curriculum/calendar/calendar.service';
import { weekdayOf } from '../../curriculum/calendar/school-days';
import { KtpService } from '../../curriculum/ktp/ktp.service';
import { PeriodsService } from '../../curriculum/periods/periods.service';
import { Clock } from '../../platform/clock';
import { JournalSettingsService } from '../settings/journal-settings.service';
import { decideItem, decisionView, type LessonEditContext } from './lesson-edit';
import type { HomeworkView, LessonPageView, LessonStudentView, LessonSummaryView } from './lesson.dto';
import { lastLessonNumber, type LessonEntries, type LessonRow, loadLessonEntries, loadLessonStudents, topicsUsedBefore } from './lesson-page.query';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** R-JRN-01/02/05: the lesson page and lesson lists, with bell times and what the edit policy allows on each kind of item. */
@Injectable()
export class LessonPageService {
  constructor(private readonly settings: JournalSettingsService, private readonly periods: PeriodsService,
    private readonly calendar: CalendarService, private readonly ktp: KtpService, private readonly clock: Clock) {}

  /** What the edit policy needs for this lesson now: the school's windows and zone, a closed period or year, the end of the day's classes. */
  async editContext(tx: EntityManager, l: LessonRow, cal?: YearCalendar): Promise<LessonEditContext> {
    const [school, periodClosed, calendar, last] = await Promise.all([
      this.settings.editContext(l.schoolId, tx),
      this.periods.isClosed(tx, l.schoolId, l.academicYearId, l.grade, l.date),
      cal ?? this.calendar.forYear(l.academicYearId, tx),
      lastLessonNumber(tx, l.classId, l.date),
    ]);
    const classesEndAt = calendar.bell(weekdayOf(l.date), Math.max(last ?? 0, l.lessonNumber))?.endsAt;
    return { windows: school.windows, timeZone: school.timeZone, now: this.clock.now(), date: l.date, periodClosed, yearClosed: l.yearStatus === 'closed', classesEndAt };
  }

  async page(tx: EntityManager, l: LessonRow): Promise<LessonPageView> {
    const cal = await this.calendar.forYear(l.academicYearId, tx);
    const [ctx, students, entries, used] = await Promise.all([
      this.editContext(tx, l, cal), loadLessonStudents(tx, l), loadLessonEntries(tx, l.id), l.topic === null ? topicsUsedBefore(tx, l) : Promise.resolve(0),
    ]);
    const suggestion = l.topic === null
      ? await this.ktp.nextTopic(tx, { teacherId: l.teacherId, classId: l.classId, subgroupId: l.subgroupId, subjectId: l.subjectId,
        academicYearId: l.academicYearId, usedCount: used })
      : null;
    const studentViews: LessonStudentView[] = students.map((s) => {
      const a = entries.attendance.find((r) => r.studentId === s.studentId);
      const aDecision = a ? decideItem(ctx, 'attendance', a) : null;
      return {
        studentId: s.studentId, fullName: s.fullName,
        attendance: a && aDecision ? { code: a.code, enteredLate: a.enteredLate, editable: aDecision.allowed, editableUntil: aDecision.editableUntil } : null,
        marks: entries.marks.filter((m) => m.studentId === s.studentId).map((m) => {
          const d = decideItem(ctx, m.isControl ? 'control_mark' : 'mark', m);
          return { id: m.id, value: m.value, workType: m.workType, workTypeName: m.workTypeName, weight: m.weight, comment: m.comment,
            enteredAt: iso(m.enteredAt) as string, enteredLate: m.enteredLate, editable: d.allowed, editableUntil: d.editableUntil };
        }),
        remarks: entries.remarks.filter((r) => r.studentId === s.studentId).map((r) => ({ id: r.id, text: r.text, createdAt: iso(r.createdAt) as string })),
      };
    });
    return {
      ...this.summaryOf(cal, l), schoolId: l.schoolId, academicYearId: l.academicYearId, grade: l.grade,
      suggestedTopic: suggestion?.title ?? null, suggestedWorkType: suggestion?.workType ?? null, workTypes: l.workTypes,
      firstEnteredAt: iso(l.firstEnteredAt), enteredLate: l.enteredLate, homework: homeworkView(entries), students: studentViews,
      edit: {
        content: decisionView(decideItem(ctx, 'content', l.firstEnteredAt ? l : null)),
        attendance: decisionView(decideItem(ctx, 'attendance', null)),
        mark: decisionView(decideItem(ctx, 'mark', null)),
        homework: decisionView(decideItem(ctx, 'homework', entries.homework)),
      },
      periodClosed: ctx.periodClosed, yearClosed: ctx.yearClosed,
    };
  }

  /** Lesson rows as list items with bell times; one calendar load per academic year. */
  async summaries(tx: EntityManager, rows: LessonRow[]): Promise<LessonSummaryView[]> {
    const calendars = new Map<string, YearCalendar>();
    for (const yearId of new Set(rows.map((r) => r.academicYearId))) calendars.set(yearId, await this.calendar.forYear(yearId, tx));
    return rows.map((r) => this.summaryOf(calendars.get(r.academicYearId) as YearCalendar, r));
  }

  private summaryOf(cal: YearCalendar, l: LessonRow): LessonSummaryView {
    const bell = cal.bell(weekdayOf(l.date), l.lessonNumber);
    const missing = l.cancelled ? [] : [...(l.topic ? [] : ['topic']), ...(l.hasHomework ? [] : ['homework'])];
    return {
      id: l.id, date: l.date, lessonNumber: l.lessonNumber, startsAt: bell?.startsAt ?? null, endsAt: bell?.endsAt ?? null, classId: l.classId,
      className: l.className, subgroupId: l.subgroupId, subgroupName: l.subgroupName, subjectId: l.subjectId, subjectName: l.subjectName,
      teacherId: l.teacherId, teacherName: l.teacherName, substituteTeacherId: l.substituteTeacherId, substituteTeacherName: l.substituteTeacherName,
      roomId: l.roomId, roomName: l.roomName, source: l.source, cancelled: l.cancelled, held: l.held, topic: l.topic, hasHomework: l.hasHomework,
      markCount: l.markCount, absenceCount: l.absenceCount, missing, version: l.version,
    };
  }
}

function homeworkView(e: LessonEntries): HomeworkView | null {
  if (!e.homework && e.files.length === 0) return null;
  return {
    text: e.homework?.text ?? null, dueDate: e.homework?.dueDate ?? null, enteredAt: iso(e.homework?.enteredAt ?? null),
    enteredLate: e.homework?.enteredLate ?? false,
    files: e.files.map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, createdAt: iso(f.createdAt) as string })),
  };
}
