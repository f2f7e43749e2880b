import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { CURRICULUM_READ } from '../curriculum.roles';
import type { SchoolDayView } from './calendar.dto';
import { addDays, type HolidaySpan, datesBetween, isSchoolDay, holidayOn, weekdayOf } from './school-days';

/** Longest span of one school-days answer. */
const MAX_SCHOOL_DAYS_SPAN = 400;

export interface YearCalendar {
  academicYearId: string;
  schoolId: string;
  yearStart: string;
  yearEnd: string;
  holidays: HolidaySpan[];
  /** Days per week for a grade (5 when no working mode is set). */
  daysPerWeek: (grade: number) => number;
  isSchoolDay: (date: string, grade: number) => boolean;
  holidayOn: (date: string, grade: number) => HolidaySpan | undefined;
  /** Bell times of a lesson number on a weekday, if a bell schedule covers it. */
  bell: (weekday: number, lessonNumber: number) => { startsAt: string; endsAt: string } | undefined;
}

/** The school's calendar of one academic year: working mode, holidays, bells (R-CUR-07). Used by timetable and journal. */
@Injectable()
export class CalendarService {
  constructor(private readonly db: DataSource) {}

  async forYear(academicYearId: string, tx: EntityManager = this.db.manager): Promise<YearCalendar> {
    // One statement (the diary week and the journal ask for a calendar on every request): the year with its working
    // modes, holidays and bells aggregated as JSON.
    const [year] = await tx.query(
      `SELECT y.id, y.school_id, y.starts_on::text AS starts_on, y.ends_on::text AS ends_on,
              coalesce((SELECT json_agg(json_build_object('grade_from', m.grade_from, 'grade_to', m.grade_to, 'days_per_week', m.days_per_week))
                          FROM working_modes m WHERE m.academic_year_id = y.id), '[]'::json) AS modes,
              coalesce((SELECT json_agg(json_build_object('startsOn', h.starts_on::text, 'endsOn', h.ends_on::text, 'gradeFrom', h.grade_from,
                                                          'gradeTo', h.grade_to, 'name', h.name, 'kind', h.kind) ORDER BY h.starts_on)
                          FROM holidays h WHERE h.academic_year_id = y.id), '[]'::json) AS holidays,
              coalesce((SELECT json_agg(json_build_object('weekdays', b.weekdays, 'lesson_number', s.lesson_number,
                                                          'starts_at', to_char(s.starts_at, 'HH24:MI'), 'ends_at', to_char(s.ends_at, 'HH24:MI'))
                                        ORDER BY cardinality(b.weekdays))
                          FROM bell_schedules b JOIN bell_slots s ON s.schedule_id = b.id WHERE b.academic_year_id = y.id), '[]'::json) AS slots
         FROM academic_years y WHERE y.id = $1`, [academicYearId]);
    if (!year) throw new NotFound('No such academic year');
    const { modes, holidays, slots } = year as { modes: unknown[]; holidays: unknown[]; slots: unknown[] };
    const daysPerWeek = (grade: number): number =>
      (modes as { grade_from: number; grade_to: number; days_per_week: number }[]).find((m) => m.grade_from <= grade && grade <= m.grade_to)?.days_per_week ?? 5;
    const base = { yearStart: year.starts_on as string, yearEnd: year.ends_on as string, holidays: holidays as HolidaySpan[] };
    return {
      academicYearId, schoolId: year.school_id, ...base, daysPerWeek,
      isSchoolDay: (date, grade) => isSchoolDay(date, grade, { ...base, daysPerWeek: daysPerWeek(grade) }),
      holidayOn: (date, grade) => holidayOn(date, grade, base.holidays),
      // The most specific schedule (fewest weekdays) that covers the weekday wins: a shortened Saturday beats the default.
      bell: (weekday, lessonNumber) => {
        const s = (slots as { weekdays: number[]; lesson_number: number; starts_at: string; ends_at: string }[])
          .find((r) => r.weekdays.includes(weekday) && r.lesson_number === lessonNumber);
        return s ? { startsAt: s.starts_at, endsAt: s.ends_at } : undefined;
      },
    };
  }

  /** R-CUR-07: each date of a range (the whole year by default) for a grade: a school day or not, and the holiday covering it. */
  async schoolDays(actor: Actor, academicYearId: string, grade: number, from?: string, to?: string): Promise<SchoolDayView[]> {
    const [year] = await this.db.query(`SELECT school_id FROM academic_years WHERE id = $1`, [academicYearId]);
    if (!year || !actor.principal.memberships.some((m) => m.schoolId === year.school_id)) throw new NotFound('No such academic year');
    requireRole(actor, year.school_id, CURRICULUM_READ, 'roster:read');
    const cal = await this.forYear(academicYearId);
    const start = from ?? cal.yearStart;
    const end = to ?? cal.yearEnd;
    if (end < start) throw new InvalidField('to', 'to must not be before from');
    if (addDays(start, MAX_SCHOOL_DAYS_SPAN) <= end) throw new InvalidField('to', `at most ${MAX_SCHOOL_DAYS_SPAN} days at once`);
    return datesBetween(start, end).map((date) => {
      const h = cal.holidayOn(date, grade);
      const day: SchoolDayView = { date, weekday: weekdayOf(date), schoolDay: cal.isSchoolDay(date, grade) };
      return h ? { ...day, holiday: { name: h.name, kind: h.kind } } : day;
    });
  }
}
