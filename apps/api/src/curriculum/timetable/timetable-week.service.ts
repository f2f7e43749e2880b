import { Injectable } from '@nestjs/common';
import type { Role } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, hasRole, requireRole } from '../../platform/auth/principal';
import { Forbidden, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { ClassesService } from '../../roster/classes/classes.service';
import { CalendarService, type YearCalendar } from '../calendar/calendar.service';
import { addDays, datesBetween, parseWeek, weekdayOf } from '../calendar/school-days';
import { CURRICULUM_READ } from '../curriculum.roles';
import { schoolToday } from '../plans/school-references';
import { type EffectiveLesson, effectiveLessons } from './effective-week';
import { loadWeek } from './effective-week.query';
import type { EffectiveLessonView, TimetableDayView, TimetableWeekView } from './timetable.dto';

/** Roles that see any teacher's week; a teacher sees their own (R-SEC-02). */
const ANY_TEACHERS_WEEK: readonly Role[] = ['operator', 'admin', 'director', 'deputy', 'integration'];

/** R-CUR-08: the effective week of a class or a teacher — template, holidays, one-off changes and bells. */
@Injectable()
export class TimetableWeekService {
  constructor(private readonly db: DataSource, private readonly classes: ClassesService, private readonly calendar: CalendarService) {}

  async week(actor: Actor, q: { classId?: string; teacherId?: string; week?: string; schoolId?: string }): Promise<TimetableWeekView> {
    if (!!q.classId === !!q.teacherId) throw new InvalidField(q.classId ? 'teacherId' : 'classId', 'give either classId or teacherId');
    return q.classId ? this.classWeek(actor, q.classId, q.week) : this.teacherWeek(actor, q.teacherId as string, q.week, q.schoolId);
  }

  /** Every staff role of the school reads any class's week. */
  private async classWeek(actor: Actor, classId: string, week: string | undefined): Promise<TimetableWeekView> {
    const cls = await this.classes.find(actor, classId);
    requireRole(actor, cls.school_id, CURRICULUM_READ, 'roster:read');
    const monday = await this.monday(cls.school_id, week);
    const cal = await this.calendar.forYear(cls.academic_year_id);
    const dates = datesBetween(monday, addDays(monday, cal.daysPerWeek(cls.grade) - 1));
    const { entries, changes } = await loadWeek(this.db.manager, { schoolId: cls.school_id, from: monday, to: addDays(monday, 6), classId });
    const lessons = effectiveLessons(dates, entries, changes, cal.isSchoolDay);
    return {
      weekStart: monday, classId, teacherId: null,
      days: dates.map((date) => {
        const h = inYear(cal, date) ? cal.holidayOn(date, cls.grade) : undefined;
        return this.day(cal, date, h, lessons);
      }),
    };
  }

  private async teacherWeek(actor: Actor, teacherId: string, week: string | undefined, schoolId?: string): Promise<TimetableWeekView> {
    const mine = actor.principal.memberships.map((m) => m.schoolId).filter((s) => !schoolId || s === schoolId);
    const [employment] = await this.db.query(
      `SELECT school_id FROM employments WHERE person_id = $1 AND school_id = ANY($2::uuid[]) ORDER BY dismissed_at NULLS FIRST, starts_on DESC LIMIT 1`,
      [teacherId, mine]);
    if (!employment) throw new NotFound('No such teacher');
    const school = employment.school_id as string;
    requireRole(actor, school, CURRICULUM_READ, 'roster:read');
    if (!hasRole(actor, school, ANY_TEACHERS_WEEK) && actor.principal.personId !== teacherId) {
      throw new Forbidden('A teacher sees their own timetable week; the class timetables are open to all staff');
    }
    const monday = await this.monday(school, week);
    const sunday = addDays(monday, 6);
    const [year] = await this.db.query(
      `SELECT id FROM academic_years WHERE school_id = $1 AND starts_on <= $3 AND ends_on >= $2 ORDER BY starts_on LIMIT 1`, [school, monday, sunday]);
    if (!year) return { weekStart: monday, classId: null, teacherId, days: datesBetween(monday, addDays(monday, 4)).map((date) => emptyDay(date)) };
    const cal = await this.calendar.forYear(year.id);
    const days = Math.max(...Array.from({ length: 11 }, (_, i) => cal.daysPerWeek(i + 1)));
    const dates = datesBetween(monday, addDays(monday, days - 1));
    const { entries, changes } = await loadWeek(this.db.manager, { schoolId: school, from: monday, to: sunday, teacherId });
    // The teacher's lessons: those they give (substitutions included) and their own ones given by a substitute.
    const lessons = effectiveLessons(dates, entries, changes, cal.isSchoolDay)
      .filter((l) => l.teacherId === teacherId || l.originalTeacherId === teacherId);
    return {
      weekStart: monday, classId: null, teacherId,
      // A day off for the whole school is marked; a vacation of some grades only drops those grades' lessons.
      days: dates.map((date) => this.day(cal, date, inYear(cal, date) ? cal.holidays.find((h) => h.startsOn <= date && date <= h.endsOn
        && h.gradeFrom <= 1 && h.gradeTo >= 11) : undefined, lessons)),
    };
  }

  /** School-wide lessons of one date that take a teacher, room or class (for the checks of one-off changes). */
  async lessonsOn(tx: EntityManager, schoolId: string, cal: YearCalendar, date: string): Promise<EffectiveLesson[]> {
    const { entries, changes } = await loadWeek(tx, { schoolId, from: date, to: date });
    return effectiveLessons([date], entries, changes, cal.isSchoolDay);
  }

  /**
   * The effective lessons of one class on some dates (R-DIA-01: the diary fills days without generated lessons, e.g. next
   * week, from it). No access check: the caller has decided who may see the class.
   */
  async classLessons(tx: EntityManager, cal: YearCalendar, classId: string, dates: readonly string[]): Promise<EffectiveLesson[]> {
    if (dates.length === 0) return [];
    const sorted = [...dates].sort();
    const { entries, changes } = await loadWeek(tx, { schoolId: cal.schoolId, from: sorted[0], to: sorted[sorted.length - 1], classId });
    return effectiveLessons(dates, entries, changes, cal.isSchoolDay);
  }

  private async monday(schoolId: string, week: string | undefined): Promise<string> {
    const monday = parseWeek(week ?? (await schoolToday(this.db.manager, schoolId)));
    if (!monday) throw new InvalidField('week', 'week must be an ISO week (2026-W49) or a date (2026-12-01)');
    return monday;
  }

  private day(cal: YearCalendar, date: string, holiday: { name: string; kind: string } | undefined, lessons: EffectiveLesson[]): TimetableDayView {
    return {
      date, weekday: weekdayOf(date), holiday: holiday ? { name: holiday.name, kind: holiday.kind } : null,
      lessons: holiday ? [] : lessons.filter((l) => l.date === date).map((l) => toView(cal, l)),
    };
  }
}

const inYear = (cal: YearCalendar, date: string): boolean => cal.yearStart <= date && date <= cal.yearEnd;

const emptyDay = (date: string): TimetableDayView => ({ date, weekday: weekdayOf(date), holiday: null, lessons: [] });

function toView(cal: YearCalendar, l: EffectiveLesson): EffectiveLessonView {
  const bell = cal.bell(weekdayOf(l.date), l.lessonNumber);
  return {
    entryId: l.entryId, date: l.date, lessonNumber: l.lessonNumber, startsAt: bell?.startsAt ?? null, endsAt: bell?.endsAt ?? null,
    classId: l.classId, className: l.className, subgroupId: l.subgroupId, subgroupName: l.subgroupName, subjectId: l.subjectId, subjectName: l.subjectName,
    teacherId: l.teacherId, teacherName: l.teacherName, originalTeacherId: l.originalTeacherId, originalTeacherName: l.originalTeacherName,
    roomId: l.roomId, roomName: l.roomName,
    change: l.change ? { id: l.change.id, kind: l.change.kind, reason: l.change.reason, fromDate: l.change.fromDate, fromLessonNumber: l.change.fromLessonNumber } : null,
  };
}
