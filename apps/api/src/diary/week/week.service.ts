import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../platform/auth/principal';
import { CalendarService, type YearCalendar } from '../../curriculum/calendar/calendar.service';
import { addDays, mondayOf } from '../../curriculum/calendar/school-days';
import type { EffectiveLesson } from '../../curriculum/timetable/effective-week';
import { TimetableWeekService } from '../../curriculum/timetable/timetable-week.service';
import { DIARY_PATH } from '../http/cacheable';
import { DiaryScopeService, type StudentInScope } from '../scope/diary-scope.service';
import { assembleWeek, datesToPlan, type WeekStudent } from './week-assembly';
import { loadWeekRows } from './week.query';
import type { DiaryWeekView } from './week.dto';

/** The download address of a homework file in a student's diary (checked against the same scope). */
export const homeworkFileUrl = (studentId: string, fileId: string): string => `${DIARY_PATH}/students/${studentId}/homework-files/${fileId}`;

/**
 * R-DIA-01 / R-DIA-08: the diary week of a student — generated lessons with topic, homework, marks, attendance and remarks;
 * holidays; days the journal has not generated yet from the effective timetable. Read fresh on every request (no cache),
 * so what the journal saves is in the next answer; HTTP revalidation (ETag) keeps repeated reads cheap for the network.
 */
@Injectable()
export class DiaryWeekService {
  constructor(private readonly db: DataSource, private readonly scope: DiaryScopeService, private readonly calendar: CalendarService,
    private readonly timetable: TimetableWeekService) {}

  async week(actor: Actor, studentId: string, date?: string): Promise<DiaryWeekView> {
    return this.weekOf(await this.scope.student(actor, studentId, 'week'), date);
  }

  /** The week of a student the scope policy has let through; the week containing `date` (today by default). */
  async weekOf(s: StudentInScope, date?: string): Promise<DiaryWeekView> {
    const [week] = await this.weeks(s.schoolId, [{ id: s.studentId, fullName: s.fullName, className: s.className }], mondayOf(date ?? s.today));
    return week;
  }

  /** Weeks of many students at once (a class report) with the same fixed number of statements as one. */
  async weeks(schoolId: string, students: WeekStudent[], monday: string): Promise<DiaryWeekView[]> {
    const tx = this.db.manager;
    const rows = await loadWeekRows(tx, { schoolId, studentIds: students.map((s) => s.id), from: monday, to: addDays(monday, 5) });
    const calendars = new Map<string, YearCalendar>();
    for (const yearId of new Set(rows.enrolments.map((e) => e.academicYearId))) calendars.set(yearId, await this.calendar.forYear(yearId, tx));
    const planned = new Map<string, EffectiveLesson[]>();
    const classYear = new Map(rows.enrolments.map((e) => [e.classId, e.academicYearId]));
    for (const [classId, dates] of datesToPlan(monday, rows, calendars)) {
      planned.set(classId, await this.timetable.classLessons(tx, calendars.get(classYear.get(classId)!)!, classId, dates));
    }
    const ctx = { monday, rows, calendars, planned, fileUrl: homeworkFileUrl };
    return students.map((s) => assembleWeek(s, ctx));
  }
}
