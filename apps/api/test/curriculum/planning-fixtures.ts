import { FEDERAL_PLAN_5DAY } from '@otmetka/contracts';
import type { DataSource } from 'typeorm';
import { newId } from '../../src/platform/database/ids';
import type { MadeUser } from '../support/factories';
import type { TestApp } from '../support/test-app';

/**
 * Rows the curriculum-planning tests (plans, inspector, loads, timetable, КТП) arrange directly with SQL: subjects,
 * rooms, textbooks, working modes, bells and holidays are another module's endpoints, and plans, loads and entries
 * are arranged here when a test is about something else.
 */
export class PlanningRows {
  constructor(private readonly db: DataSource) {}

  async subject(schoolId: string, name: string, archived = false): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO subjects (id, school_id, name, short_name, archived) VALUES ($1, $2, $3, $3, $4)`, [id, schoolId, name, archived]);
    return id;
  }

  async room(schoolId: string, name: string, archived = false): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO rooms (id, school_id, name, archived) VALUES ($1, $2, $3, $4)`, [id, schoolId, name, archived]);
    return id;
  }

  async textbook(schoolId: string, subjectId: string, gradeFrom: number, gradeTo = gradeFrom): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO textbooks (id, school_id, subject_id, title, grade_from, grade_to) VALUES ($1, $2, $3, 'Учебник', $4, $5)`,
      [id, schoolId, subjectId, gradeFrom, gradeTo]);
    return id;
  }

  async workingMode(schoolId: string, yearId: string, gradeFrom: number, gradeTo: number, daysPerWeek: 5 | 6): Promise<void> {
    await this.db.query(`INSERT INTO working_modes (id, school_id, academic_year_id, grade_from, grade_to, days_per_week) VALUES ($1, $2, $3, $4, $5, $6)`,
      [newId(), schoolId, yearId, gradeFrom, gradeTo, daysPerWeek]);
  }

  async holiday(schoolId: string, yearId: string, h: { name: string; startsOn: string; endsOn?: string; kind?: 'holiday' | 'vacation'; gradeFrom?: number; gradeTo?: number }): Promise<void> {
    await this.db.query(`INSERT INTO holidays (id, school_id, academic_year_id, kind, name, starts_on, ends_on, grade_from, grade_to) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [newId(), schoolId, yearId, h.kind ?? 'holiday', h.name, h.startsOn, h.endsOn ?? h.startsOn, h.gradeFrom ?? 1, h.gradeTo ?? 11]);
  }

  /** A bell schedule: lesson n starts at 08:00 + (n-1)×55 min and lasts 45 minutes. */
  async bells(schoolId: string, yearId: string, lessons = 7, weekdays = [1, 2, 3, 4, 5, 6]): Promise<void> {
    const id = newId();
    await this.db.query(`INSERT INTO bell_schedules (id, school_id, academic_year_id, name, weekdays) VALUES ($1, $2, $3, 'Основное', $4)`, [id, schoolId, yearId, weekdays]);
    for (let n = 1; n <= lessons; n++) {
      const start = 8 * 60 + (n - 1) * 55;
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      await this.db.query(`INSERT INTO bell_slots (school_id, schedule_id, lesson_number, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5)`,
        [schoolId, id, n, hhmm(start), hhmm(start + 45)]);
    }
  }

  /** An active teacher without an account (for arranging loads and timetables). */
  async teacher(schoolId: string, lastName: string, roles: string[] = ['teacher']): Promise<string> {
    const personId = newId();
    await this.db.query(`INSERT INTO persons (id, last_name, first_name) VALUES ($1, $2, 'Тест')`, [personId, lastName]);
    await this.db.query(`INSERT INTO employments (id, school_id, person_id, roles, position, starts_on) VALUES ($1, $2, $3, $4, 'Учитель', '2020-08-25')`,
      [newId(), schoolId, personId, roles]);
    return personId;
  }

  async subgroup(schoolId: string, classId: string, subjectName: string, name: string): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO subgroups (id, school_id, class_id, subject_name, name) VALUES ($1, $2, $3, $4, $5)`, [id, schoolId, classId, subjectName, name]);
    return id;
  }

  async load(schoolId: string, yearId: string, l: { teacherId: string; classId: string; subjectId: string; weeklyHours: number; subgroupId?: string | null; status?: 'draft' | 'approved' }): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO teacher_loads (id, school_id, academic_year_id, teacher_id, class_id, subgroup_id, subject_id, weekly_hours, status)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, [id, schoolId, yearId, l.teacherId, l.classId, l.subgroupId ?? null, l.subjectId, l.weeklyHours, l.status ?? 'draft']);
    return id;
  }

  async entry(schoolId: string, yearId: string, e: { weekday: number; lessonNumber: number; classId: string; subjectId: string; teacherId: string;
    subgroupId?: string | null; roomId?: string | null; validFrom?: string; validTo?: string | null }): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO timetable_entries (id, school_id, academic_year_id, weekday, lesson_number, class_id, subgroup_id, subject_id, teacher_id,
      room_id, valid_from, valid_to) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
    [id, schoolId, yearId, e.weekday, e.lessonNumber, e.classId, e.subgroupId ?? null, e.subjectId, e.teacherId, e.roomId ?? null, e.validFrom ?? '2026-09-01', e.validTo ?? null]);
    return id;
  }

  async plan(schoolId: string, yearId: string, lines: { subjectId: string; grade: number; classId?: string | null; weeklyHours: number }[],
    over: { status?: 'draft' | 'approved' | 'superseded'; planVersion?: number; name?: string } = {}): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO curriculum_plans (id, school_id, academic_year_id, name, plan_version, status) VALUES ($1,$2,$3,$4,$5,$6)`,
      [id, schoolId, yearId, over.name ?? 'Учебный план', over.planVersion ?? 1, over.status ?? 'draft']);
    for (const l of lines) {
      await this.db.query(`INSERT INTO curriculum_plan_lines (id, school_id, plan_id, subject_id, grade, class_id, weekly_hours) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [newId(), schoolId, id, l.subjectId, l.grade, l.classId ?? null, l.weeklyHours]);
    }
    return id;
  }

  async ktp(schoolId: string, yearId: string, k: { teacherId: string; classId: string; subjectId: string; subgroupId?: string | null },
    topics: { title: string; hours: number; workType?: string | null }[] = []): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO ktp_plans (id, school_id, academic_year_id, teacher_id, class_id, subgroup_id, subject_id) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [id, schoolId, yearId, k.teacherId, k.classId, k.subgroupId ?? null, k.subjectId]);
    for (const [i, t] of topics.entries()) {
      await this.db.query(`INSERT INTO ktp_topics (id, school_id, plan_id, position, title, hours, work_type) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [newId(), schoolId, id, i + 1, t.title, t.hours, t.workType ?? null]);
    }
    return id;
  }
}

export interface AuditRow {
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  request_id: string | null;
}

export const UNKNOWN = '00000000-0000-4000-8000-000000000000';

export const auditOf = (t: TestApp, schoolId: string, action?: string): Promise<AuditRow[]> =>
  t.db.query(`SELECT * FROM audit_events WHERE school_key = $1 AND ($2::text IS NULL OR action = $2) ORDER BY seq`, [schoolId, action ?? null]);

export const userIdOf = async (t: TestApp, login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;

/** The federal 5-day hours of a grade (data/federal-plan-5day.csv), subject by subject. */
export const federalGrade = (grade: number): { name: string; hours: number }[] =>
  FEDERAL_PLAN_5DAY.filter((l) => l.hours[grade - 1] !== null).map((l) => ({ name: l.subject, hours: l.hours[grade - 1] as number }));

/** A school with an open 2026/2027 year, a deputy, a director, an admin and a teacher, all signed in. */
export async function planningWorld(t: TestApp) {
  const rows = new PlanningRows(t.db);
  const school = await t.make.school();
  const yearId = await t.make.year(school.id);
  const [admin, deputy, director, teacher] = await Promise.all([
    t.make.staff(school.id, ['admin'], { lastName: 'Админова' }),
    t.make.staff(school.id, ['deputy'], { lastName: 'Завучева' }),
    t.make.staff(school.id, ['director'], { lastName: 'Директорова' }),
    t.make.staff(school.id, ['teacher'], { lastName: 'Учителева' }),
  ]);
  return { rows, school, yearId, admin, deputy, director, teacher } as {
    rows: PlanningRows; school: { id: string; name: string }; yearId: string; admin: MadeUser; deputy: MadeUser; director: MadeUser; teacher: MadeUser;
  };
}
