import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FEDERAL_PLAN_5DAY, FEDERAL_SUBJECTS, maxWeeklyLoad } from '@otmetka/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/log/audit.service';
import { type HolidaySpan, isSchoolDay } from '../../src/curriculum/calendar/school-days';
import { checkPeriodScheme } from '../../src/curriculum/periods/period-scheme';
import type { PeriodKind } from '../../src/curriculum/periods/study-period.entity';
import { loadConfig } from '../../src/platform/config/config';
import { createApp } from '../../src/platform/bootstrap';
import { dataSourceOptions } from '../../src/platform/database/data-source';
import { seedDemoIfEmpty } from '../../src/seed/demo-seed';
import { createTestDatabase } from '../support/test-app';
import { TEST_ENV } from '../support/test-env';

/** The federal 5-day hours of a grade, subject → hours (data/federal-plan-5day.csv). */
const federal = (grade: number): Record<string, number> =>
  Object.fromEntries(FEDERAL_PLAN_5DAY.filter((l) => l.hours[grade - 1] !== null).map((l) => [l.subject, l.hours[grade - 1] as number]));

describe('demo seed: the curriculum of the demo school (DESIGN "Demo data", R-CUR-02..10)', () => {
  const config = loadConfig({ ...TEST_ENV });
  let database: { url: string; drop: () => Promise<void> };
  let db: DataSource;
  let schoolId: string;
  let yearId: string;
  let seedMs: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = Date.now();
    await seedDemoIfEmpty(database.url, config);
    seedMs = Date.now() - started;
    db = new DataSource(dataSourceOptions(database.url, 4));
    await db.initialize();
    [{ id: schoolId }] = await db.query(`SELECT id FROM schools`);
    [{ id: yearId }] = await db.query(`SELECT id FROM academic_years WHERE status = 'open'`);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0];

  it('seeds the roster and the curriculum within the start-up budget (< 20 s)', () => {
    expect(seedMs).toBeLessThan(20_000);
  });

  it('R-CUR-03/10 seeds the federal subject list, ~35 rooms and a textbook for every planned subject and grade', async () => {
    const subjects = await db.query(`SELECT name, short_name AS "shortName", area FROM subjects ORDER BY name`);
    expect(subjects).toEqual([...FEDERAL_SUBJECTS].sort((a, b) => (a.name < b.name ? -1 : 1)));
    const rooms: { name: string }[] = await db.query(`SELECT name FROM rooms`);
    expect(rooms.length).toBeGreaterThanOrEqual(30);
    expect(rooms.map((r) => r.name)).toEqual(expect.arrayContaining(['101', 'Спортзал', 'Кабинет информатики 305']));
    expect(await one(`SELECT count(*)::int AS n FROM curriculum_plan_lines l JOIN curriculum_plans p ON p.id = l.plan_id
      WHERE NOT EXISTS (SELECT 1 FROM textbooks t WHERE t.subject_id = l.subject_id AND l.grade BETWEEN t.grade_from AND t.grade_to)`)).toEqual({ n: 0 });
    expect(await one(`SELECT t.title, t.authors, t.publisher, t.year FROM textbooks t JOIN subjects s ON s.id = t.subject_id
      WHERE s.name = 'Математика' AND t.grade_from = 5`)).toEqual({ title: 'Математика. 5 класс', authors: expect.stringMatching(/^Виленкин Н\. Я\./),
      publisher: 'Просвещение', year: 2023 });
  });

  it('R-CUR-07 sets a 5-day week for all grades, bells Mon–Fri for lessons 1–7 and the holidays of 2026/2027', async () => {
    expect(await db.query(`SELECT grade_from, grade_to, days_per_week FROM working_modes WHERE academic_year_id = $1`, [yearId]))
      .toEqual([{ grade_from: 1, grade_to: 11, days_per_week: 5 }]);
    const bells = await db.query(`SELECT b.weekdays, s.lesson_number AS n, to_char(s.starts_at, 'HH24:MI') AS starts, to_char(s.ends_at, 'HH24:MI') AS ends
      FROM bell_schedules b JOIN bell_slots s ON s.schedule_id = b.id WHERE b.academic_year_id = $1 ORDER BY s.lesson_number`, [yearId]);
    expect(bells.map((b: { n: number; starts: string; ends: string }) => `${b.n} ${b.starts}–${b.ends}`)).toEqual([
      '1 08:30–09:15', '2 09:25–10:10', '3 10:30–11:15', '4 11:35–12:20', '5 12:30–13:15', '6 13:25–14:10', '7 14:20–15:05']);
    expect(bells.every((b: { weekdays: number[] }) => b.weekdays.join() === '1,2,3,4,5')).toBe(true);
    const holidays = await db.query(`SELECT name, kind, starts_on::text AS "from", ends_on::text AS "to", grade_from AS g1, grade_to AS g2
      FROM holidays WHERE academic_year_id = $1 ORDER BY starts_on`, [yearId]);
    expect(holidays).toEqual(expect.arrayContaining([
      { name: 'Осенние каникулы', kind: 'vacation', from: '2026-10-26', to: '2026-11-03', g1: 1, g2: 11 },
      { name: 'День народного единства', kind: 'holiday', from: '2026-11-04', to: '2026-11-04', g1: 1, g2: 11 },
      { name: 'Зимние каникулы', kind: 'vacation', from: '2026-12-29', to: '2027-01-10', g1: 1, g2: 11 },
      { name: 'Дополнительные каникулы для первоклассников', kind: 'vacation', from: '2027-02-15', to: '2027-02-21', g1: 1, g2: 1 },
      expect.objectContaining({ name: 'День защитника Отечества', from: '2027-02-23' }),
      expect.objectContaining({ name: 'Международный женский день', from: '2027-03-08' }),
      expect.objectContaining({ name: 'Весенние каникулы', kind: 'vacation' }),
      expect.objectContaining({ name: 'Праздник Весны и Труда', from: '2027-05-01' }),
      expect.objectContaining({ name: 'День Победы', from: '2027-05-09' }),
    ]));
  });

  it('R-CUR-02 study periods: quarters for grades 1–9 and half-years for 10–11 in both years, each scheme valid by the period rules', async () => {
    const years: { id: string; status: string; starts_on: string; ends_on: string }[] = await db.query(
      `SELECT id, status, starts_on::text, ends_on::text FROM academic_years ORDER BY starts_on`);
    for (const year of years) {
      const periods: { grade_from: number; grade_to: number; kind: PeriodKind; number: number; name: string; starts_on: string; ends_on: string;
        status: string }[] = await db.query(`SELECT grade_from, grade_to, kind, number, name, starts_on::text, ends_on::text, status FROM study_periods
          WHERE academic_year_id = $1 ORDER BY grade_from, number`, [year.id]);
      expect(periods.map((p) => `${p.grade_from}-${p.grade_to} ${p.name}`)).toEqual(['1-9 1 четверть', '1-9 2 четверть', '1-9 3 четверть', '1-9 4 четверть',
        '10-11 1 полугодие', '10-11 2 полугодие']);
      expect(new Set(periods.map((p) => p.status))).toEqual(new Set([year.status === 'closed' ? 'closed' : 'open']));
      const holidays: HolidaySpan[] = await db.query(`SELECT starts_on::text AS "startsOn", ends_on::text AS "endsOn", grade_from AS "gradeFrom",
        grade_to AS "gradeTo", name, kind FROM holidays WHERE academic_year_id = $1`, [year.id]);
      for (const [from, to, kind] of [[1, 9, 'quarter'], [10, 11, 'half_year']] as const) {
        const scheme = periods.filter((p) => p.grade_from === from);
        expect(scheme.every((p) => p.kind === kind)).toBe(true);
        const cal = { yearStart: year.starts_on, yearEnd: year.ends_on };
        const problems = checkPeriodScheme(kind, scheme.map((p) => ({ startsOn: p.starts_on, endsOn: p.ends_on })), {
          ...cal,
          isSchoolDay: (date) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
            .some((g) => isSchoolDay(date, g, { ...cal, daysPerWeek: 5, holidays })),
        });
        expect(problems, `${year.starts_on} grades ${from}–${to}`).toEqual([]);
      }
    }
  });

  it('R-CUR-04 the plan of 2026/2027 is approved by the director and carries the federal 5-day hours within the sanitary maximum', async () => {
    const plans = await db.query(`SELECT p.status, p.plan_version, u.login AS approved_by, p.approved_at IS NOT NULL AS dated
      FROM curriculum_plans p JOIN users u ON u.id = p.approved_by WHERE p.academic_year_id = $1`, [yearId]);
    expect(plans).toEqual([{ status: 'approved', plan_version: 1, approved_by: 'director', dated: true }]);
    const lines: { grade: number; name: string; hours: number; class_id: string | null }[] = await db.query(
      `SELECT l.grade, s.name, l.weekly_hours::float8 AS hours, l.class_id FROM curriculum_plan_lines l JOIN subjects s ON s.id = l.subject_id`);
    for (let grade = 1; grade <= 11; grade++) {
      const mine = lines.filter((l) => l.grade === grade);
      expect(Object.fromEntries(mine.map((l) => [l.name, l.hours])), `grade ${grade}`).toEqual(federal(grade));
      expect(mine.reduce((s, l) => s + l.hours, 0)).toBeLessThanOrEqual(maxWeeklyLoad(grade, 5) as number);
    }
    expect(lines.every((l) => l.class_id === null)).toBe(true);
    expect(Object.fromEntries(lines.filter((l) => l.grade === 5).map((l) => [l.name, l.hours])))
      .toMatchObject({ 'Русский язык': 5, 'Литература': 3, 'Математика': 5, 'Иностранный язык': 3 });
  });

  it('R-CUR-06 the director approved a teacher load that covers every planned hour: English per subgroup, realistic hours, class teachers in their class', async () => {
    expect(await one(`SELECT count(*)::int AS n FROM teacher_loads l LEFT JOIN users u ON u.id = l.approved_by
      WHERE l.status <> 'approved' OR u.login IS DISTINCT FROM 'director' OR l.approved_at IS NULL`)).toEqual({ n: 0 });
    // Every class × planned subject: the whole-class load carries the plan hours, or every subgroup's load does.
    const gaps = await db.query(`
      SELECT c.grade || c.letter AS class, s.name, l.weekly_hours::float8 AS plan,
             (SELECT coalesce(sum(t.weekly_hours), 0)::float8 FROM teacher_loads t WHERE t.class_id = c.id AND t.subject_id = l.subject_id AND t.subgroup_id IS NULL) AS whole,
             (SELECT array_agg(t.weekly_hours::float8) FROM teacher_loads t WHERE t.class_id = c.id AND t.subject_id = l.subject_id AND t.subgroup_id IS NOT NULL) AS groups
        FROM classes c JOIN curriculum_plan_lines l ON l.grade = c.grade JOIN subjects s ON s.id = l.subject_id
       WHERE c.academic_year_id = $1`, [yearId]);
    const bad = gaps.filter((g: { plan: number; whole: number; groups: number[] | null }) => g.groups ? g.groups.some((h) => h !== g.plan) || g.whole !== 0 : g.whole !== g.plan);
    expect(bad).toEqual([]);
    const english = await db.query(`SELECT c.grade, count(*)::int AS groups, count(DISTINCT l.teacher_id)::int AS teachers,
        bool_and(l.teacher_id = g.teacher_id) AS subgroup_teacher
      FROM teacher_loads l JOIN subgroups g ON g.id = l.subgroup_id JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id
      WHERE s.name = 'Иностранный язык' GROUP BY c.id, c.grade`);
    expect(english).toHaveLength(20);
    expect(english.every((e: { groups: number; teachers: number; subgroup_teacher: boolean }) => e.groups === 2 && e.teachers === 2 && e.subgroup_teacher)).toBe(true);
    const perTeacher: { position: string; hours: number }[] = await db.query(`SELECT e.position, sum(l.weekly_hours)::float8 AS hours
      FROM teacher_loads l JOIN employments e ON e.person_id = l.teacher_id GROUP BY e.person_id, e.position`);
    expect(Math.max(...perTeacher.map((t) => t.hours))).toBeLessThanOrEqual(30);
    expect(perTeacher.find((t) => t.position.startsWith('Заместитель директора'))?.hours).toBeLessThanOrEqual(10);
    // Every class teacher teaches in their own class.
    expect(await one(`SELECT count(*)::int AS n FROM classes c WHERE c.academic_year_id = $1
      AND NOT EXISTS (SELECT 1 FROM teacher_loads l WHERE l.class_id = c.id AND l.teacher_id = c.class_teacher_id)`, [yearId])).toEqual({ n: 0 });
    const teacher = await db.query(`SELECT c.grade || c.letter AS class, s.name FROM teacher_loads l JOIN users u ON u.person_id = l.teacher_id
      JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id WHERE u.login = 'teacher' ORDER BY c.grade, c.letter`);
    expect(teacher).toContainEqual({ class: '5А', name: 'Математика' });
  });

  it('R-CUR-08 the weekly timetable gives every class its plan lessons Mon–Fri from the 1st lesson without gaps; no teacher, room or class booked twice', async () => {
    // Exact weekly counts per class (or subgroup) and subject: each load's hours are its weekly lessons.
    expect(await db.query(`SELECT l.id FROM teacher_loads l WHERE l.weekly_hours <> (SELECT count(*) FROM timetable_entries t
      WHERE t.class_id = l.class_id AND t.subject_id = l.subject_id AND t.teacher_id = l.teacher_id AND t.subgroup_id IS NOT DISTINCT FROM l.subgroup_id)`)).toEqual([]);
    expect(await one(`SELECT count(*)::int AS n FROM timetable_entries t WHERE NOT EXISTS (SELECT 1 FROM teacher_loads l WHERE l.class_id = t.class_id
      AND l.subject_id = t.subject_id AND l.teacher_id = t.teacher_id AND l.subgroup_id IS NOT DISTINCT FROM t.subgroup_id)`)).toEqual({ n: 0 });
    // Each class's day is lessons 1..n.
    const days = await db.query(`SELECT c.grade, t.weekday, count(DISTINCT t.lesson_number)::int AS n, max(t.lesson_number) AS last
      FROM timetable_entries t JOIN classes c ON c.id = t.class_id GROUP BY c.id, c.grade, t.weekday`);
    expect(days).toHaveLength(22 * 5);
    expect(days.filter((d: { n: number; last: number }) => d.n !== d.last)).toEqual([]);
    // СанПиН: at most 4 lessons a day in the 1st grade, 5 in 2–4, 6 in 5–6, 7 above.
    const dayMax = (grade: number) => (grade === 1 ? 4 : grade <= 4 ? 5 : grade <= 6 ? 6 : 7);
    expect(days.filter((d: { grade: number; n: number }) => d.n > dayMax(d.grade))).toEqual([]);
    const clash = (by: string) => one(`SELECT count(*)::int AS n FROM timetable_entries a JOIN timetable_entries b ON a.id < b.id
      AND a.weekday = b.weekday AND a.lesson_number = b.lesson_number AND ${by}`);
    expect(await clash('a.teacher_id = b.teacher_id')).toEqual({ n: 0 });
    expect(await clash('a.room_id = b.room_id')).toEqual({ n: 0 });
    expect(await clash('a.class_id = b.class_id AND (a.subgroup_id IS NULL OR b.subgroup_id IS NULL OR a.subgroup_id = b.subgroup_id)')).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM timetable_entries WHERE room_id IS NULL OR valid_from <> '2026-09-01' OR valid_to IS NOT NULL`))
      .toEqual({ n: 0 });
    // A subject is spread over the week: n weekly lessons give ⌊n/5⌋..⌈n/5⌉ a day (maths in 5А: one every day).
    const spread = await db.query(`SELECT c.grade || c.letter AS class, s.name, l.weekly_hours::float8 AS n,
        array(SELECT count(t.id)::int FROM generate_series(1, 5) d LEFT JOIN timetable_entries t ON t.weekday = d AND t.class_id = l.class_id
          AND t.subject_id = l.subject_id AND t.subgroup_id IS NOT DISTINCT FROM l.subgroup_id GROUP BY d ORDER BY d) AS days
      FROM teacher_loads l JOIN classes c ON c.id = l.class_id JOIN subjects s ON s.id = l.subject_id`);
    expect(spread.filter((x: { n: number; days: number[] }) => x.days.some((k) => k < Math.floor(x.n / 5) || k > Math.ceil(x.n / 5)))).toEqual([]);
    expect(spread.find((x: { class: string; name: string }) => x.class === '5А' && x.name === 'Математика').days).toEqual([1, 1, 1, 1, 1]);
  });

  it('R-CUR-09 every load has its КТП whose lessons add up to weekly hours × 34 (33 in the 1st grade), with control works planned', async () => {
    const mismatched = await db.query(`SELECT l.id, l.weekly_hours, c.grade, (SELECT sum(t.hours) FROM ktp_plans k JOIN ktp_topics t ON t.plan_id = k.id
        WHERE k.academic_year_id = l.academic_year_id AND k.teacher_id = l.teacher_id AND k.class_id = l.class_id AND k.subject_id = l.subject_id
          AND k.subgroup_id IS NOT DISTINCT FROM l.subgroup_id)::float8 AS planned
      FROM teacher_loads l JOIN classes c ON c.id = l.class_id`);
    expect(mismatched.length).toBeGreaterThan(300);
    expect(mismatched.filter((m: { weekly_hours: string; grade: number; planned: number | null }) =>
      m.planned !== Number(m.weekly_hours) * (m.grade === 1 ? 33 : 34))).toEqual([]);
    const [{ plans, loads }] = await db.query(`SELECT (SELECT count(*) FROM ktp_plans)::int AS plans, (SELECT count(*) FROM teacher_loads)::int AS loads`);
    expect(plans).toBe(loads);
    const maths5a = await db.query(`SELECT t.position, t.title, t.hours::float8 AS hours, t.work_type FROM ktp_topics t JOIN ktp_plans k ON k.id = t.plan_id
      JOIN classes c ON c.id = k.class_id JOIN subjects s ON s.id = k.subject_id WHERE c.grade = 5 AND c.letter = 'А' AND s.name = 'Математика'
      ORDER BY t.position`);
    expect(maths5a).toHaveLength(170);
    expect(maths5a.slice(0, 2).map((t: { title: string }) => t.title)).toEqual(['Натуральные числа. Шкалы и координаты. Урок 1',
      'Натуральные числа. Шкалы и координаты. Урок 2']);
    expect(maths5a.filter((t: { work_type: string | null }) => t.work_type === 'control').map((t: { position: number }) => t.position))
      .toEqual(Array.from({ length: 21 }, (_, i) => (i + 1) * 8));
    expect(maths5a[7].title).toMatch(/^Контрольная работа № 1\. /);
  });

  it('R-AUD-01/02 the seed is still one chained audit entry, now with the curriculum counts, and the chain verifies', async () => {
    const events = await db.query(`SELECT seq::int, action, after FROM audit_events WHERE school_key = $1`, [schoolId]);
    expect(events).toEqual([{ seq: 1, action: 'demo.seed', after: expect.objectContaining({
      curriculum: expect.objectContaining({ teacherLoads: expect.any(Number), timetableEntries: expect.any(Number), ktpTopics: expect.any(Number) }) }) }]);
    expect(await new AuditService(db).verify(schoolId)).toMatchObject({ ok: true, checked: 1 });
  });

  describe('through the API', () => {
    let app: NestFastifyApplication;
    let http: ReturnType<typeof request>;
    beforeAll(async () => {
      app = await createApp(config, database.url, { logger: false });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      http = request(app.getHttpServer());
    });
    afterAll(() => app?.close());

    const signIn = async (login: string, password: string) => {
      const res = await http.post('/api/v1/auth/login').send({ login, password });
      expect(res.status, `${login}: ${JSON.stringify(res.body)}`).toBe(200);
      return { Authorization: `Bearer ${res.body.accessToken}` };
    };

    it('R-CUR-05 the electronic inspector finds no errors and no warnings in the approved plan, for the director and the deputy', async () => {
      const [{ id: planId }] = await db.query(`SELECT id FROM curriculum_plans WHERE academic_year_id = $1`, [yearId]);
      for (const [login, password] of [['director', 'director123'], ['deputy', 'deputy123']]) {
        const res = await http.post(`/api/v1/curriculum-plans/${planId}/inspect`).set(await signIn(login, password));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.errors, login).toEqual([]);
        expect(res.body.warnings, login).toEqual([]);
        expect(res.body.summary).toMatchObject({ classes: 22, passed: true, errorCount: 0, loads: expect.any(Number), timetableEntries: expect.any(Number) });
        expect(res.body.summary.timetableEntries).toBeGreaterThan(600);
      }
    });

    it('R-CUR-08 GET /timetable for 5А in week 2026-W49 gives the plan\'s weekly lessons Mon–Fri with bell times and no holiday', async () => {
      const [{ id: classId }] = await db.query(`SELECT id FROM classes WHERE academic_year_id = $1 AND grade = 5 AND letter = 'А'`, [yearId]);
      const res = await http.get('/api/v1/timetable').query({ classId, week: '2026-W49' }).set(await signIn('deputy', 'deputy123'));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.weekStart).toBe('2026-11-30');
      expect(res.body.days.map((d: { date: string; holiday: unknown }) => [d.date, d.holiday])).toEqual([
        ['2026-11-30', null], ['2026-12-01', null], ['2026-12-02', null], ['2026-12-03', null], ['2026-12-04', null]]);
      type Lesson = { lessonNumber: number; subjectName: string; subgroupName: string | null; startsAt: string; roomName: string | null };
      const lessons: Lesson[] = res.body.days.flatMap((d: { lessons: Lesson[] }) => d.lessons);
      const perSubject: Record<string, number> = {};
      for (const l of lessons) if (l.subgroupName !== '2 группа') perSubject[l.subjectName] = (perSubject[l.subjectName] ?? 0) + 1;
      expect(perSubject).toEqual(federal(5));
      expect(lessons.filter((l) => l.subjectName === 'Иностранный язык').map((l) => l.subgroupName).sort())
        .toEqual(['1 группа', '1 группа', '1 группа', '2 группа', '2 группа', '2 группа']);
      for (const d of res.body.days as { lessons: Lesson[] }[]) {
        const numbers = [...new Set(d.lessons.map((l) => l.lessonNumber))];
        expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
        expect(d.lessons[0].startsAt).toBe('08:30');
      }
      expect(lessons.every((l) => l.roomName)).toBe(true);
      // The demo teacher sees her own week: her lessons, 5А maths among them.
      const mine = await http.get('/api/v1/timetable').query({ teacherId: (await one(`SELECT person_id FROM users WHERE login = 'teacher'`)).person_id,
        week: '2026-W49' }).set(await signIn('teacher', 'teacher123'));
      expect(mine.status).toBe(200);
      const hers = mine.body.days.flatMap((d: { lessons: { className: string; subjectName: string }[] }) => d.lessons);
      expect(hers).toContainEqual(expect.objectContaining({ className: '5А', subjectName: 'Математика' }));
    });

    it('R-CUR-09 the demo teacher\'s КТП for 5А maths matches the plan: no warning', async () => {
      const auth = await signIn('teacher', 'teacher123');
      const me = await one(`SELECT person_id FROM users WHERE login = 'teacher'`);
      const list = await http.get('/api/v1/ktp').query({ academicYearId: yearId, teacherId: me.person_id }).set(auth);
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      const maths = list.body.find((k: { className: string; subjectName: string }) => k.className === '5А' && k.subjectName === 'Математика');
      expect(maths).toMatchObject({ plannedHours: 170, topicCount: 170 });
      const detail = await http.get(`/api/v1/ktp/${maths.id}`).set(auth);
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ planWeeklyHours: 5, studyWeeks: 34, planHoursPerYear: 170, curriculumPlanStatus: 'approved', warning: null });
    });
  });
});
