import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface AuditRow {
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  request_id: string | null;
}

const QUARTERS = [
  { startsOn: '2026-09-01', endsOn: '2026-10-24' }, { startsOn: '2026-11-05', endsOn: '2026-12-30' },
  { startsOn: '2027-01-12', endsOn: '2027-03-20' }, { startsOn: '2027-03-30', endsOn: '2027-05-31' },
];
const SLOTS = [
  { lessonNumber: 1, startsAt: '08:30', endsAt: '09:15' }, { lessonNumber: 2, startsAt: '09:25', endsAt: '10:10' },
  { lessonNumber: 3, startsAt: '10:30', endsAt: '11:15' },
];

describe('working mode, bells, holidays, school days (R-CUR-07, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string): Promise<AuditRow[]> =>
    t.db.query(`SELECT * FROM audit_events WHERE school_key = $1 AND ($2::text IS NULL OR action = $2) ORDER BY seq`, [schoolId, action ?? null]);
  const modeRows = (yearId: string) =>
    t.db.query(`SELECT grade_from, grade_to, days_per_week FROM working_modes WHERE academic_year_id = $1 ORDER BY grade_from`, [yearId]);
  const holidayRows = (yearId: string) =>
    t.db.query(`SELECT id, kind, name, starts_on::text, ends_on::text, grade_from, grade_to, version FROM holidays WHERE academic_year_id = $1 ORDER BY starts_on`, [yearId]);
  const scheduleRows = (yearId: string) =>
    t.db.query(`SELECT b.id, b.name, b.weekdays, b.version,
        (SELECT json_agg(json_build_object('n', s.lesson_number, 's', to_char(s.starts_at, 'HH24:MI'), 'e', to_char(s.ends_at, 'HH24:MI')) ORDER BY s.lesson_number)
           FROM bell_slots s WHERE s.schedule_id = b.id) AS slots
        FROM bell_schedules b WHERE b.academic_year_id = $1 ORDER BY b.created_at`, [yearId]);
  const insertHoliday = async (schoolId: string, yearId: string, kind: string, name: string, startsOn: string, endsOn: string, gradeFrom = 1, gradeTo = 11) =>
    (await t.db.query(`INSERT INTO holidays (id, school_id, academic_year_id, kind, name, starts_on, ends_on, grade_from, grade_to)
      VALUES (gen_random_uuid(),$1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`, [schoolId, yearId, kind, name, startsOn, endsOn, gradeFrom, gradeTo]))[0].id as string;

  /** A school with an admin and an open year 2026-09-01..2027-05-31. */
  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin']);
    const yearId = await t.make.year(school.id);
    return { school, admin, yearId };
  }

  /** The year's vacations and quarters that fit between them. */
  async function withQuarters(w: Awaited<ReturnType<typeof world>>) {
    const ids = {
      autumn: await insertHoliday(w.school.id, w.yearId, 'vacation', 'Осенние каникулы', '2026-10-26', '2026-11-03'),
      unity: await insertHoliday(w.school.id, w.yearId, 'holiday', 'День народного единства', '2026-11-04', '2026-11-04'),
      winter: await insertHoliday(w.school.id, w.yearId, 'vacation', 'Зимние каникулы', '2026-12-31', '2027-01-11'),
      spring: await insertHoliday(w.school.id, w.yearId, 'vacation', 'Весенние каникулы', '2027-03-21', '2027-03-29'),
    };
    const res = await t.http.put('/api/v1/periods/scheme').set(w.admin.auth)
      .send({ academicYearId: w.yearId, gradeFrom: 1, gradeTo: 11, kind: 'quarter', periods: QUARTERS });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return ids;
  }

  describe('working modes', () => {
    it('R-CUR-07 the admin replaces the working mode of the year; GET lists it; one audit entry with before and after', async () => {
      const { school, admin, yearId } = await world();
      const first = await t.http.put('/api/v1/working-modes').set(admin.auth).set('x-request-id', 'wm-1')
        .send({ academicYearId: yearId, modes: [{ gradeFrom: 1, gradeTo: 4, daysPerWeek: 5 }, { gradeFrom: 5, gradeTo: 11, daysPerWeek: 6 }] });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toEqual([
        { id: expect.any(String), academicYearId: yearId, gradeFrom: 1, gradeTo: 4, daysPerWeek: 5 },
        { id: expect.any(String), academicYearId: yearId, gradeFrom: 5, gradeTo: 11, daysPerWeek: 6 },
      ]);
      const second = await t.http.put('/api/v1/working-modes').set(admin.auth)
        .send({ academicYearId: yearId, modes: [{ gradeFrom: 1, gradeTo: 11, daysPerWeek: 5 }], reason: 'Решение педсовета' });
      expect(second.status, JSON.stringify(second.body)).toBe(200);
      expect(await modeRows(yearId)).toEqual([{ grade_from: 1, grade_to: 11, days_per_week: 5 }]);
      const list = await t.http.get(`/api/v1/working-modes?academicYearId=${yearId}`).set(admin.auth);
      expect(list.body).toEqual(second.body);
      const events = await audit(school.id, 'working_mode.replace');
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'working_modes', entity_id: yearId,
        before: [], request_id: 'wm-1' });
      expect(events[1]).toMatchObject({ reason: 'Решение педсовета', after: [expect.objectContaining({ gradeFrom: 1, gradeTo: 11, daysPerWeek: 5 })] });
      expect(events[1].before).toHaveLength(2);
    });

    it.each([
      ['overlapping ranges', [{ gradeFrom: 1, gradeTo: 5, daysPerWeek: 5 }, { gradeFrom: 5, gradeTo: 11, daysPerWeek: 6 }], 'modes[1].gradeFrom'],
      ['a reversed range', [{ gradeFrom: 9, gradeTo: 5, daysPerWeek: 5 }], 'modes[0].gradeTo'],
      ['7 days a week', [{ gradeFrom: 1, gradeTo: 11, daysPerWeek: 7 }], 'modes[0].daysPerWeek'],
      ['grade 1 in a 6-day week (СанПиН)', [{ gradeFrom: 1, gradeTo: 11, daysPerWeek: 6 }], 'modes[0].daysPerWeek'],
      ['grade 0', [{ gradeFrom: 0, gradeTo: 4, daysPerWeek: 5 }], 'modes[0].gradeFrom'],
      ['modes not a list', 'all', 'modes'],
    ])('R-CUR-07 %s answers 400 naming the field; nothing is written', async (_name, modes, field) => {
      const { school, admin, yearId } = await world();
      expectProblem(await t.http.put('/api/v1/working-modes').set(admin.auth).send({ academicYearId: yearId, modes }), 400, field);
      expect(await modeRows(yearId)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-CUR-02 a 6-day week that would leave Saturdays between quarters uncovered answers 409', async () => {
      const w = await world();
      await insertHoliday(w.school.id, w.yearId, 'vacation', 'Осенние каникулы', '2026-10-26', '2026-11-03');
      await insertHoliday(w.school.id, w.yearId, 'holiday', 'День народного единства', '2026-11-04', '2026-11-04');
      await insertHoliday(w.school.id, w.yearId, 'vacation', 'Зимние каникулы', '2026-12-31', '2027-01-11');
      await insertHoliday(w.school.id, w.yearId, 'vacation', 'Весенние каникулы', '2027-03-21', '2027-03-29');
      const periods = [{ ...QUARTERS[0], endsOn: '2026-10-23' }, ...QUARTERS.slice(1)];
      expect((await t.http.put('/api/v1/periods/scheme').set(w.admin.auth)
        .send({ academicYearId: w.yearId, gradeFrom: 5, gradeTo: 9, kind: 'quarter', periods })).status).toBe(200);
      const p = expectProblem(await t.http.put('/api/v1/working-modes').set(w.admin.auth)
        .send({ academicYearId: w.yearId, modes: [{ gradeFrom: 5, gradeTo: 11, daysPerWeek: 6 }] }), 409);
      expect(p.detail).toContain('2026-10-24');
      expect(await modeRows(w.yearId)).toHaveLength(0);
      expect(await audit(w.school.id, 'working_mode.replace')).toHaveLength(0);
      expect((await t.http.put('/api/v1/working-modes').set(w.admin.auth)
        .send({ academicYearId: w.yearId, modes: [{ gradeFrom: 10, gradeTo: 11, daysPerWeek: 6 }] })).status).toBe(200);
    });

    it('R-SEC-02 director and deputy get 403, another school 404, closed year 409; staff read', async () => {
      const { school, admin, yearId } = await world();
      const body = { academicYearId: yearId, modes: [{ gradeFrom: 1, gradeTo: 11, daysPerWeek: 5 }] };
      for (const role of ['director', 'deputy'] as const) {
        const user = await t.make.staff(school.id, [role]);
        expectProblem(await t.http.put('/api/v1/working-modes').set(user.auth).send(body), 403);
      }
      const teacher = await t.make.staff(school.id, ['teacher']);
      expect((await t.http.get(`/api/v1/working-modes?academicYearId=${yearId}`).set(teacher.auth)).status).toBe(200);
      const other = await world();
      expectProblem(await t.http.put('/api/v1/working-modes').set(other.admin.auth).send(body), 404);
      expectProblem(await t.http.get(`/api/v1/working-modes?academicYearId=${yearId}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/working-modes').set(admin.auth), 400, 'academicYearId');
      const closed = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      expectProblem(await t.http.put('/api/v1/working-modes').set(admin.auth).send({ ...body, academicYearId: closed }), 409);
      expect(await modeRows(yearId)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });
  });

  describe('bell schedules', () => {
    it('R-CUR-07 the admin adds a weekday schedule and a shortened Saturday; GET lists them by weekday; rows and audit', async () => {
      const { school, admin, yearId } = await world();
      const saturday = await t.http.post('/api/v1/bell-schedules').set(admin.auth)
        .send({ academicYearId: yearId, name: 'Суббота', weekdays: [6], slots: [{ lessonNumber: 1, startsAt: '08:30', endsAt: '09:10' }] });
      expect(saturday.status, JSON.stringify(saturday.body)).toBe(201);
      const res = await t.http.post('/api/v1/bell-schedules').set(admin.auth).set('x-request-id', 'bell-1')
        .send({ academicYearId: yearId, name: 'Основное', weekdays: [5, 1, 2, 3, 4], slots: SLOTS });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), academicYearId: yearId, name: 'Основное', weekdays: [1, 2, 3, 4, 5], slots: SLOTS, version: 1 });
      const rows = await scheduleRows(yearId);
      expect(rows[1]).toEqual({ id: res.body.id, name: 'Основное', weekdays: [5, 1, 2, 3, 4], version: 1,
        slots: [{ n: 1, s: '08:30', e: '09:15' }, { n: 2, s: '09:25', e: '10:10' }, { n: 3, s: '10:30', e: '11:15' }] });
      const list = await t.http.get(`/api/v1/bell-schedules?academicYearId=${yearId}`).set(admin.auth);
      expect(list.body.map((s: { name: string }) => s.name)).toEqual(['Основное', 'Суббота']);
      expect((await t.http.get(`/api/v1/bell-schedules/${res.body.id}`).set(admin.auth)).body).toEqual(res.body);
      const [e] = await audit(school.id, 'bell_schedule.create').then((x) => x.filter((a) => a.entity_id === res.body.id));
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'bell_schedule', request_id: 'bell-1' });
      expect(e.after).toMatchObject({ name: 'Основное', slots: SLOTS });
    });

    it.each([
      ['a lesson ending before it starts', { slots: [{ lessonNumber: 1, startsAt: '09:15', endsAt: '08:30' }] }, 'slots[0].endsAt'],
      ['overlapping lessons', { slots: [SLOTS[0], { lessonNumber: 2, startsAt: '09:00', endsAt: '09:45' }] }, 'slots[1].startsAt'],
      ['lessons out of order', { slots: [SLOTS[1], SLOTS[0]] }, 'slots[1].lessonNumber'],
      ['a time that is not HH:MM', { slots: [{ lessonNumber: 1, startsAt: '8:30', endsAt: '09:15' }] }, 'slots[0].startsAt'],
      ['lesson number 13', { slots: [{ lessonNumber: 13, startsAt: '08:30', endsAt: '09:15' }] }, 'slots[0].lessonNumber'],
      ['no slots', { slots: [] }, 'slots'],
      ['Sunday', { weekdays: [7] }, 'weekdays'],
      ['no weekdays', { weekdays: [] }, 'weekdays'],
      ['a repeated weekday', { weekdays: [1, 1] }, 'weekdays'],
      ['a missing name', { name: undefined }, 'name'],
    ])('R-CUR-07 %s answers 400 naming the field; nothing is written', async (_name, over, field) => {
      const { school, admin, yearId } = await world();
      const body: Record<string, unknown> = { academicYearId: yearId, name: 'Основное', weekdays: [1, 2, 3, 4, 5], slots: SLOTS, ...over };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expectProblem(await t.http.post('/api/v1/bell-schedules').set(admin.auth).send(body), 400, field);
      expect(await scheduleRows(yearId)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-CUR-07 two schedules for the same weekday answer 409', async () => {
      const { admin, yearId } = await world();
      await t.http.post('/api/v1/bell-schedules').set(admin.auth).send({ academicYearId: yearId, name: 'Основное', weekdays: [1, 2, 3, 4, 5], slots: SLOTS });
      const p = expectProblem(await t.http.post('/api/v1/bell-schedules').set(admin.auth)
        .send({ academicYearId: yearId, name: 'Пятница', weekdays: [5, 6], slots: SLOTS }), 409);
      expect(p.detail).toContain('пятница');
      expect(await scheduleRows(yearId)).toHaveLength(1);
    });

    it('R-CUR-07 PATCH replaces the lessons and moves the version; audit before/after; stale 412; weekday clash 409', async () => {
      const { school, admin, yearId } = await world();
      const main = (await t.http.post('/api/v1/bell-schedules').set(admin.auth).send({ academicYearId: yearId, name: 'Основное', weekdays: [1, 2, 3, 4], slots: SLOTS })).body;
      await t.http.post('/api/v1/bell-schedules').set(admin.auth).send({ academicYearId: yearId, name: 'Суббота', weekdays: [6], slots: SLOTS.slice(0, 1) });
      const shorter = [{ lessonNumber: 1, startsAt: '08:00', endsAt: '08:40' }, { lessonNumber: 2, startsAt: '08:50', endsAt: '09:30' }];
      const res = await t.http.patch(`/api/v1/bell-schedules/${main.id}`).set(admin.auth).send({ slots: shorter, weekdays: [1, 2, 3, 4, 5], version: 1, reason: 'Зима' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ weekdays: [1, 2, 3, 4, 5], slots: shorter, version: 2 });
      expect((await scheduleRows(yearId))[0]).toMatchObject({ version: 2, slots: [{ n: 1, s: '08:00', e: '08:40' }, { n: 2, s: '08:50', e: '09:30' }] });
      const [e] = await audit(school.id, 'bell_schedule.update');
      expect(e).toMatchObject({ actor_role: 'admin', entity_id: main.id, reason: 'Зима', before: expect.objectContaining({ slots: SLOTS, version: 1 }),
        after: expect.objectContaining({ slots: shorter, version: 2 }) });
      const renamed = await t.http.patch(`/api/v1/bell-schedules/${main.id}`).set(admin.auth).send({ name: 'Будни', version: 2 });
      expect(renamed.body).toMatchObject({ name: 'Будни', slots: shorter, version: 3 });

      expectProblem(await t.http.patch(`/api/v1/bell-schedules/${main.id}`).set(admin.auth).send({ name: 'X', version: 1 }), 412);
      expectProblem(await t.http.patch(`/api/v1/bell-schedules/${main.id}`).set(admin.auth).send({ weekdays: [6], version: 3 }), 409);
      expectProblem(await t.http.patch(`/api/v1/bell-schedules/${main.id}`).set(admin.auth)
        .send({ slots: [{ lessonNumber: 1, startsAt: '10:00', endsAt: '09:00' }], version: 3 }), 400, 'slots[0].endsAt');
      expect(await audit(school.id, 'bell_schedule.update')).toHaveLength(2);
    });

    it('R-CUR-07 DELETE removes a schedule and its lessons; audited; version required; 403 for the director; 404 elsewhere', async () => {
      const { school, admin, yearId } = await world();
      const main = (await t.http.post('/api/v1/bell-schedules').set(admin.auth).send({ academicYearId: yearId, name: 'Основное', weekdays: [1, 2, 3, 4, 5], slots: SLOTS })).body;
      const director = await t.make.staff(school.id, ['director']);
      expectProblem(await t.http.delete(`/api/v1/bell-schedules/${main.id}?version=1`).set(director.auth), 403);
      const other = await world();
      expectProblem(await t.http.delete(`/api/v1/bell-schedules/${main.id}?version=1`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/bell-schedules/${main.id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.delete(`/api/v1/bell-schedules/${main.id}`).set(admin.auth), 400, 'version');
      expectProblem(await t.http.delete(`/api/v1/bell-schedules/${main.id}?version=5`).set(admin.auth), 412);
      expect((await t.http.delete(`/api/v1/bell-schedules/${main.id}?version=1`).set(admin.auth)).status).toBe(204);
      expect(await scheduleRows(yearId)).toHaveLength(0);
      expect(await t.db.query(`SELECT 1 FROM bell_slots WHERE schedule_id = $1`, [main.id])).toHaveLength(0);
      const [e] = await audit(school.id, 'bell_schedule.delete');
      expect(e).toMatchObject({ entity_id: main.id, after: null, before: expect.objectContaining({ name: 'Основное' }) });
    });

    it('R-SEC-02 a teacher may read but not add schedules; another school 404', async () => {
      const { school, yearId } = await world();
      const teacher = await t.make.staff(school.id, ['teacher']);
      expect((await t.http.get(`/api/v1/bell-schedules?academicYearId=${yearId}`).set(teacher.auth)).status).toBe(200);
      expectProblem(await t.http.post('/api/v1/bell-schedules').set(teacher.auth).send({ academicYearId: yearId, name: 'Основное', weekdays: [1], slots: SLOTS }), 403);
      const other = await world();
      expectProblem(await t.http.post('/api/v1/bell-schedules').set(other.admin.auth).send({ academicYearId: yearId, name: 'Основное', weekdays: [1], slots: SLOTS }), 404);
      expectProblem(await t.http.get(`/api/v1/bell-schedules?academicYearId=${yearId}`).set(other.admin.auth), 404);
      expect(await scheduleRows(yearId)).toHaveLength(0);
    });
  });

  describe('holidays', () => {
    it('R-CUR-07 the admin adds a vacation and a grade-1 vacation; GET lists by date; rows and audit', async () => {
      const { school, admin, yearId } = await world();
      const res = await t.http.post('/api/v1/holidays').set(admin.auth).set('x-request-id', 'hol-1')
        .send({ academicYearId: yearId, kind: 'vacation', name: 'Осенние каникулы', startsOn: '2026-10-26', endsOn: '2026-11-03' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), academicYearId: yearId, kind: 'vacation', name: 'Осенние каникулы', startsOn: '2026-10-26',
        endsOn: '2026-11-03', gradeFrom: 1, gradeTo: 11, version: 1 });
      const first = await t.http.post('/api/v1/holidays').set(admin.auth)
        .send({ academicYearId: yearId, kind: 'vacation', name: 'Дополнительные каникулы', startsOn: '2027-02-15', endsOn: '2027-02-21', gradeFrom: 1, gradeTo: 1 });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(await holidayRows(yearId)).toEqual([
        { id: res.body.id, kind: 'vacation', name: 'Осенние каникулы', starts_on: '2026-10-26', ends_on: '2026-11-03', grade_from: 1, grade_to: 11, version: 1 },
        { id: first.body.id, kind: 'vacation', name: 'Дополнительные каникулы', starts_on: '2027-02-15', ends_on: '2027-02-21', grade_from: 1, grade_to: 1, version: 1 },
      ]);
      const list = await t.http.get(`/api/v1/holidays?academicYearId=${yearId}`).set(admin.auth);
      expect(list.body.map((h: { id: string }) => h.id)).toEqual([res.body.id, first.body.id]);
      const [e] = await audit(school.id, 'holiday.create');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'holiday', entity_id: res.body.id,
        before: null, request_id: 'hol-1', after: expect.objectContaining({ name: 'Осенние каникулы', startsOn: '2026-10-26' }) });
    });

    it.each([
      ['starting before the year', { startsOn: '2026-08-30' }, 'startsOn'],
      ['ending after the year', { endsOn: '2027-06-05' }, 'endsOn'],
      ['ending before it starts', { startsOn: '2026-11-03', endsOn: '2026-10-26' }, 'endsOn'],
      ['an unknown kind', { kind: 'weekend' }, 'kind'],
      ['a malformed date', { startsOn: '2026-10-32' }, 'startsOn'],
      ['gradeTo below gradeFrom', { gradeFrom: 5, gradeTo: 2 }, 'gradeTo'],
      ['grade 12', { gradeTo: 12 }, 'gradeTo'],
      ['a blank name', { name: '  ' }, 'name'],
    ])('R-CUR-07 a holiday %s answers 400 naming the field; nothing is written', async (_name, over, field) => {
      const { school, admin, yearId } = await world();
      const body = { academicYearId: yearId, kind: 'vacation', name: 'Осенние каникулы', startsOn: '2026-10-26', endsOn: '2026-11-03', ...over };
      expectProblem(await t.http.post('/api/v1/holidays').set(admin.auth).send(body), 400, field);
      expect(await holidayRows(yearId)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-CUR-07 PATCH moves a holiday; audit before/after; stale 412; outside the year 400; director 403; other school 404', async () => {
      const { school, admin, yearId } = await world();
      const id = await insertHoliday(school.id, yearId, 'vacation', 'Осенние каникулы', '2026-10-26', '2026-11-03');
      const res = await t.http.patch(`/api/v1/holidays/${id}`).set(admin.auth).send({ startsOn: '2026-10-27', endsOn: '2026-11-04', version: 1, reason: 'Приказ' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ startsOn: '2026-10-27', endsOn: '2026-11-04', version: 2 });
      expect((await holidayRows(yearId))[0]).toMatchObject({ starts_on: '2026-10-27', ends_on: '2026-11-04', version: 2 });
      const [e] = await audit(school.id, 'holiday.update');
      expect(e).toMatchObject({ actor_role: 'admin', entity_id: id, reason: 'Приказ', before: expect.objectContaining({ startsOn: '2026-10-26' }),
        after: expect.objectContaining({ startsOn: '2026-10-27' }) });
      expectProblem(await t.http.patch(`/api/v1/holidays/${id}`).set(admin.auth).send({ name: 'X', version: 1 }), 412);
      expectProblem(await t.http.patch(`/api/v1/holidays/${id}`).set(admin.auth).send({ endsOn: '2027-07-01', version: 2 }), 400, 'endsOn');
      const director = await t.make.staff(school.id, ['director']);
      expectProblem(await t.http.patch(`/api/v1/holidays/${id}`).set(director.auth).send({ name: 'X', version: 2 }), 403);
      const other = await world();
      expectProblem(await t.http.patch(`/api/v1/holidays/${id}`).set(other.admin.auth).send({ name: 'X', version: 2 }), 404);
      expectProblem(await t.http.patch(`/api/v1/holidays/${UNKNOWN}`).set(admin.auth).send({ name: 'X', version: 2 }), 404);
      expect(await audit(school.id)).toHaveLength(1);
    });

    it('R-CUR-07 DELETE removes a holiday; audited; version required; teacher 403; other school 404', async () => {
      const { school, admin, yearId } = await world();
      const id = await insertHoliday(school.id, yearId, 'holiday', 'День народного единства', '2026-11-04', '2026-11-04');
      const teacher = await t.make.staff(school.id, ['teacher']);
      expectProblem(await t.http.delete(`/api/v1/holidays/${id}?version=1`).set(teacher.auth), 403);
      const other = await world();
      expectProblem(await t.http.delete(`/api/v1/holidays/${id}?version=1`).set(other.admin.auth), 404);
      expectProblem(await t.http.delete(`/api/v1/holidays/${id}`).set(admin.auth), 400, 'version');
      expectProblem(await t.http.delete(`/api/v1/holidays/${id}?version=2`).set(admin.auth), 412);
      expect((await t.http.delete(`/api/v1/holidays/${id}?version=1`).set(admin.auth)).status).toBe(204);
      expect(await holidayRows(yearId)).toHaveLength(0);
      const [e] = await audit(school.id, 'holiday.delete');
      expect(e).toMatchObject({ actor_role: 'admin', entity_id: id, after: null, before: expect.objectContaining({ name: 'День народного единства' }) });
    });

    it('R-CUR-02 deleting or shortening a vacation between quarters answers 409 (school days would belong to no period)', async () => {
      const w = await world();
      const ids = await withQuarters(w);
      const p = expectProblem(await t.http.delete(`/api/v1/holidays/${ids.autumn}?version=1`).set(w.admin.auth), 409);
      expect(p.detail).toMatch(/grades 1–11.*2026-10-26/);
      expectProblem(await t.http.patch(`/api/v1/holidays/${ids.winter}`).set(w.admin.auth).send({ endsOn: '2027-01-08', version: 1 }), 409);
      expect(await holidayRows(w.yearId)).toHaveLength(4);
      expect(await audit(w.school.id, 'holiday.delete')).toHaveLength(0);
      // A holiday inside a quarter changes nothing for the scheme.
      const extra = await t.http.post('/api/v1/holidays').set(w.admin.auth)
        .send({ academicYearId: w.yearId, kind: 'holiday', name: 'Международный женский день', startsOn: '2027-03-08', endsOn: '2027-03-08' });
      expect(extra.status, JSON.stringify(extra.body)).toBe(201);
      expect((await t.http.delete(`/api/v1/holidays/${extra.body.id}?version=1`).set(w.admin.auth)).status).toBe(204);
    });

    it('R-SEC-02 holidays of a closed year are read-only (409); another school\'s year 404; a teacher reads', async () => {
      const { school, admin } = await world();
      const closed = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      expectProblem(await t.http.post('/api/v1/holidays').set(admin.auth)
        .send({ academicYearId: closed, kind: 'holiday', name: 'Новый год', startsOn: '2026-01-01', endsOn: '2026-01-01' }), 409);
      const other = await world();
      expectProblem(await t.http.post('/api/v1/holidays').set(admin.auth)
        .send({ academicYearId: other.yearId, kind: 'holiday', name: 'Новый год', startsOn: '2027-01-01', endsOn: '2027-01-01' }), 404);
      const teacher = await t.make.staff(school.id, ['teacher']);
      expect((await t.http.get(`/api/v1/holidays?academicYearId=${closed}`).set(teacher.auth)).status).toBe(200);
      expect(await holidayRows(closed)).toHaveLength(0);
    });
  });

  describe('GET /calendar/school-days', () => {
    it('R-CUR-07 lists each date with school day and holiday for a grade (weekends, vacations, grade-specific vacations)', async () => {
      const { school, admin, yearId } = await world();
      await insertHoliday(school.id, yearId, 'vacation', 'Осенние каникулы', '2026-10-26', '2026-11-03');
      await insertHoliday(school.id, yearId, 'holiday', 'День народного единства', '2026-11-04', '2026-11-04');
      await insertHoliday(school.id, yearId, 'vacation', 'Дополнительные каникулы', '2027-02-15', '2027-02-21', 1, 1);
      const teacher = await t.make.staff(school.id, ['teacher']);
      const res = await t.http.get(`/api/v1/calendar/school-days?academicYearId=${yearId}&grade=5&from=2026-10-23&to=2026-11-05`).set(teacher.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toHaveLength(14);
      expect(res.body[0]).toEqual({ date: '2026-10-23', weekday: 5, schoolDay: true });
      expect(res.body[1]).toEqual({ date: '2026-10-24', weekday: 6, schoolDay: false });
      expect(res.body[3]).toEqual({ date: '2026-10-26', weekday: 1, schoolDay: false, holiday: { name: 'Осенние каникулы', kind: 'vacation' } });
      expect(res.body[12]).toEqual({ date: '2026-11-04', weekday: 3, schoolDay: false, holiday: { name: 'День народного единства', kind: 'holiday' } });
      expect(res.body[13]).toEqual({ date: '2026-11-05', weekday: 4, schoolDay: true });

      const g1 = await t.http.get(`/api/v1/calendar/school-days?academicYearId=${yearId}&grade=1&from=2027-02-15&to=2027-02-15`).set(admin.auth);
      expect(g1.body).toEqual([{ date: '2027-02-15', weekday: 1, schoolDay: false, holiday: { name: 'Дополнительные каникулы', kind: 'vacation' } }]);
      const g2 = await t.http.get(`/api/v1/calendar/school-days?academicYearId=${yearId}&grade=2&from=2027-02-15&to=2027-02-15`).set(admin.auth);
      expect(g2.body).toEqual([{ date: '2027-02-15', weekday: 1, schoolDay: true }]);

      await t.db.query(`INSERT INTO working_modes (id, school_id, academic_year_id, grade_from, grade_to, days_per_week) VALUES (gen_random_uuid(), $1, $2, 5, 11, 6)`,
        [school.id, yearId]);
      const sixDays = await t.http.get(`/api/v1/calendar/school-days?academicYearId=${yearId}&grade=5&from=2026-10-24&to=2026-10-24`).set(admin.auth);
      expect(sixDays.body).toEqual([{ date: '2026-10-24', weekday: 6, schoolDay: true }]);
    });

    it('R-CUR-07 without from/to the whole year is listed; outside the year no day is a school day', async () => {
      const { admin, yearId } = await world();
      const res = await t.http.get(`/api/v1/calendar/school-days?academicYearId=${yearId}&grade=3`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body[0].date).toBe('2026-09-01');
      expect(res.body.at(-1).date).toBe('2027-05-31');
      expect(res.body).toHaveLength(273);
      const summer = await t.http.get(`/api/v1/calendar/school-days?academicYearId=${yearId}&grade=3&from=2027-06-01&to=2027-06-01`).set(admin.auth);
      expect(summer.body).toEqual([{ date: '2027-06-01', weekday: 2, schoolDay: false }]);
    });

    it.each([
      ['a missing grade', 'grade=', 'grade'],
      ['grade 12', 'grade=12', 'grade'],
      ['a malformed from', 'grade=5&from=2026-13-01', 'from'],
      ['to before from', 'grade=5&from=2026-10-10&to=2026-10-01', 'to'],
      ['more than 400 days', 'grade=5&from=2026-01-01&to=2027-12-31', 'to'],
    ])('R-API-03 %s answers 400 naming it', async (_name, query, field) => {
      const { admin, yearId } = await world();
      expectProblem(await t.http.get(`/api/v1/calendar/school-days?academicYearId=${yearId}&${query}`).set(admin.auth), 400, field);
    });

    it('R-SEC-02 another school\'s year and an unknown year answer 404; a parent 403', async () => {
      const { school, yearId } = await world();
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/calendar/school-days?academicYearId=${yearId}&grade=5`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/calendar/school-days?academicYearId=${UNKNOWN}&grade=5`).set(other.admin.auth), 404);
      const kid = await t.make.student(school.id, await t.make.schoolClass(school.id, yearId));
      const parent = await t.make.parent(school.id, [kid.id]);
      expectProblem(await t.http.get(`/api/v1/calendar/school-days?academicYearId=${yearId}&grade=5`).set(parent.auth), 403);
    });
  });
});
