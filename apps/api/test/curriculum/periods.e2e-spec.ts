import { PeriodsService } from '../../src/curriculum/periods/periods.service';
import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** Quarters of 2026/2027 (the factory's year runs 2026-09-01..2027-05-31) with the vacations of `vacations()` between them. */
const QUARTERS = [
  { startsOn: '2026-09-01', endsOn: '2026-10-24' }, { startsOn: '2026-11-05', endsOn: '2026-12-30' },
  { startsOn: '2027-01-12', endsOn: '2027-03-20' }, { startsOn: '2027-03-30', endsOn: '2027-05-31' },
];
const HALF_YEARS = [{ startsOn: '2026-09-01', endsOn: '2026-12-30' }, { startsOn: '2027-01-12', endsOn: '2027-05-31' }];

describe('study periods (R-CUR-02, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string) => auditRows(t.db, schoolId, action);
  const periodRows = (yearId: string) =>
    t.db.query(`SELECT id, grade_from, grade_to, kind, number, name, starts_on::text, ends_on::text, status, version FROM study_periods
                 WHERE academic_year_id = $1 ORDER BY grade_from, number`, [yearId]);

  /** Autumn, winter and spring vacations and 4 November, as a school would enter them. */
  async function vacations(schoolId: string, yearId: string) {
    const rows: [string, string, string, string][] = [
      ['vacation', 'Осенние каникулы', '2026-10-26', '2026-11-03'], ['holiday', 'День народного единства', '2026-11-04', '2026-11-04'],
      ['vacation', 'Зимние каникулы', '2026-12-31', '2027-01-11'], ['vacation', 'Весенние каникулы', '2027-03-21', '2027-03-29'],
    ];
    for (const [kind, name, startsOn, endsOn] of rows) {
      await t.db.query(`INSERT INTO holidays (id, school_id, academic_year_id, kind, name, starts_on, ends_on) VALUES (gen_random_uuid(),$1,$2,$3,$4,$5,$6)`,
        [schoolId, yearId, kind, name, startsOn, endsOn]);
    }
  }

  /** A school with an admin and an open year with its vacations. */
  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin']);
    const yearId = await t.make.year(school.id);
    await vacations(school.id, yearId);
    return { school, admin, yearId };
  }

  const putScheme = (auth: { Authorization: string }, body: Record<string, unknown>) => t.http.put('/api/v1/periods/scheme').set(auth).send(body);
  const quarters = (yearId: string, over: Record<string, unknown> = {}) => ({ academicYearId: yearId, gradeFrom: 1, gradeTo: 9, kind: 'quarter', periods: QUARTERS, ...over });

  describe('PUT /periods/scheme', () => {
    it('R-CUR-02 the admin sets quarters for grades 1–9 with vacations between them; named in Russian; rows and audit written', async () => {
      const { school, admin, yearId } = await world();
      const res = await putScheme(admin.auth, quarters(yearId, { reason: 'Календарный учебный график' })).set('x-request-id', 'scheme-1');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toHaveLength(4);
      expect(res.body[0]).toEqual({ id: expect.any(String), schoolId: school.id, academicYearId: yearId, gradeFrom: 1, gradeTo: 9, kind: 'quarter',
        number: 1, name: '1 четверть', startsOn: '2026-09-01', endsOn: '2026-10-24', status: 'open', closedAt: null, closedBy: null, version: 1 });
      expect(res.body.map((p: { name: string }) => p.name)).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть']);
      expect(await periodRows(yearId)).toEqual(QUARTERS.map((q, i) => ({ id: res.body[i].id, grade_from: 1, grade_to: 9, kind: 'quarter', number: i + 1,
        name: `${i + 1} четверть`, starts_on: q.startsOn, ends_on: q.endsOn, status: 'open', version: 1 })));
      const events = await audit(school.id);
      expect(events.map((e) => e.action)).toEqual(Array(4).fill('study_period.create'));
      expect(events[0]).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'study_period',
        entity_id: res.body[0].id, before: null, reason: 'Календарный учебный график', request_id: 'scheme-1' });
      expect(events[0].after).toMatchObject({ name: '1 четверть', startsOn: '2026-09-01', endsOn: '2026-10-24', status: 'open' });
    });

    it('R-CUR-02 quarters for 1–9 and half-years for 10–11 in one year; GET filters by grade', async () => {
      const { admin, yearId } = await world();
      expect((await putScheme(admin.auth, quarters(yearId))).status).toBe(200);
      const half = await putScheme(admin.auth, { academicYearId: yearId, gradeFrom: 10, gradeTo: 11, kind: 'half_year', periods: HALF_YEARS });
      expect(half.status, JSON.stringify(half.body)).toBe(200);
      expect(half.body.map((p: { name: string }) => p.name)).toEqual(['1 полугодие', '2 полугодие']);
      const trimesters = await putScheme(admin.auth, { academicYearId: yearId, gradeFrom: 10, gradeTo: 11, kind: 'trimester',
        periods: [{ startsOn: '2026-09-01', endsOn: '2026-11-29' }, { startsOn: '2026-11-30', endsOn: '2027-02-28' }, { startsOn: '2027-03-01', endsOn: '2027-05-31' }] });
      expect(trimesters.body.map((p: { name: string }) => p.name)).toEqual(['1 триместр', '2 триместр', '3 триместр']);

      const all = await t.http.get(`/api/v1/periods?academicYearId=${yearId}`).set(admin.auth);
      expect(all.status).toBe(200);
      expect(all.body.map((p: { gradeFrom: number; name: string }) => `${p.gradeFrom}:${p.name}`)).toEqual([
        '1:1 четверть', '1:2 четверть', '1:3 четверть', '1:4 четверть', '10:1 триместр', '10:2 триместр', '10:3 триместр']);
      const g10 = await t.http.get(`/api/v1/periods?academicYearId=${yearId}&grade=10`).set(admin.auth);
      expect(g10.body.map((p: { name: string }) => p.name)).toEqual(['1 триместр', '2 триместр', '3 триместр']);
      const g9 = await t.http.get(`/api/v1/periods?academicYearId=${yearId}&grade=9`).set(admin.auth);
      expect(g9.body).toHaveLength(4);
      expect(g9.body.every((p: { kind: string }) => p.kind === 'quarter')).toBe(true);
    });

    it('R-CUR-02 replacing a scheme keeps period ids by number, audits only what changed, and removes extra periods', async () => {
      const { school, admin, yearId } = await world();
      const first = await putScheme(admin.auth, quarters(yearId));
      const ids = first.body.map((p: { id: string }) => p.id);
      const moved = [...QUARTERS.slice(0, 3), { startsOn: '2027-03-30', endsOn: '2027-05-31' }];
      moved[2] = { startsOn: '2027-01-12', endsOn: '2027-03-19' };
      const again = await putScheme(admin.auth, quarters(yearId, { periods: moved }));
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.map((p: { id: string }) => p.id)).toEqual(ids);
      expect(again.body[2]).toMatchObject({ endsOn: '2027-03-19', version: 2 });
      expect(again.body[0]).toMatchObject({ version: 1 });
      const updates = await audit(school.id, 'study_period.update');
      expect(updates).toHaveLength(1);
      expect(updates[0]).toMatchObject({ entity_id: ids[2] });
      expect(updates[0].before).toMatchObject({ endsOn: '2027-03-20' });
      expect(updates[0].after).toMatchObject({ endsOn: '2027-03-19' });

      const halves = await putScheme(admin.auth, quarters(yearId, { kind: 'half_year', periods: HALF_YEARS }));
      expect(halves.status, JSON.stringify(halves.body)).toBe(200);
      expect(halves.body.map((p: { id: string; name: string }) => [p.id, p.name])).toEqual([[ids[0], '1 полугодие'], [ids[1], '2 полугодие']]);
      expect(await periodRows(yearId)).toHaveLength(2);
      expect((await audit(school.id, 'study_period.delete')).map((e) => e.entity_id)).toEqual([ids[2], ids[3]]);
    });

    it.each([
      ['three quarters', { periods: QUARTERS.slice(0, 3) }, 'periods'],
      ['a school day between two quarters', { periods: [QUARTERS[0], { ...QUARTERS[1], startsOn: '2026-11-06' }, QUARTERS[2], QUARTERS[3]] }, 'periods[1].startsOn'],
      ['overlapping quarters', { periods: [QUARTERS[0], { ...QUARTERS[1], startsOn: '2026-10-20' }, QUARTERS[2], QUARTERS[3]] }, 'periods[1].startsOn'],
      ['a quarter before the year', { periods: [{ ...QUARTERS[0], startsOn: '2026-08-25' }, ...QUARTERS.slice(1)] }, 'periods[0].startsOn'],
      ['the last quarter ending early', { periods: [...QUARTERS.slice(0, 3), { ...QUARTERS[3], endsOn: '2027-05-25' }] }, 'periods[3].endsOn'],
      ['a quarter ending before it starts', { periods: [QUARTERS[0], QUARTERS[1], { ...QUARTERS[2], endsOn: '2027-01-01' }, QUARTERS[3]] }, 'periods[2].endsOn'],
      ['a malformed date', { periods: [{ ...QUARTERS[0], startsOn: '01.09.2026' }, ...QUARTERS.slice(1)] }, 'periods[0].startsOn'],
      ['five periods', { periods: [...QUARTERS, QUARTERS[3]] }, 'periods'],
      ['an unknown kind', { kind: 'semester' }, 'kind'],
      ['gradeTo below gradeFrom', { gradeFrom: 9, gradeTo: 5 }, 'gradeTo'],
      ['grade 12', { gradeTo: 12 }, 'gradeTo'],
      ['a missing academicYearId', { academicYearId: undefined }, 'academicYearId'],
      ['an unknown field', { name: 'Четверти' }, 'name'],
    ])('R-CUR-02 %s answers 400 naming the field; nothing is written', async (_name, over, field) => {
      const { school, admin, yearId } = await world();
      const body: Record<string, unknown> = quarters(yearId, over);
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expectProblem(await putScheme(admin.auth, body), 400, field);
      expect(await periodRows(yearId)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-CUR-02 in a 6-day week a Saturday between quarters is a school day left in no period (400)', async () => {
      const { admin, yearId } = await world();
      await t.db.query(`INSERT INTO working_modes (id, school_id, academic_year_id, grade_from, grade_to, days_per_week)
        SELECT gen_random_uuid(), school_id, id, 5, 9, 6 FROM academic_years WHERE id = $1`, [yearId]);
      const periods = [{ ...QUARTERS[0], endsOn: '2026-10-23' }, ...QUARTERS.slice(1)];
      const p = expectProblem(await putScheme(admin.auth, quarters(yearId, { periods })), 400, 'periods[1].startsOn');
      expect(p.detail).toContain('2026-10-24');
      expect((await putScheme(admin.auth, quarters(yearId, { gradeTo: 4, periods }))).status).toBe(200);
    });

    it('R-CUR-02 a grade range overlapping another scheme of the year answers 409', async () => {
      const { school, admin, yearId } = await world();
      expect((await putScheme(admin.auth, quarters(yearId))).status).toBe(200);
      const p = expectProblem(await putScheme(admin.auth, { academicYearId: yearId, gradeFrom: 9, gradeTo: 11, kind: 'half_year', periods: HALF_YEARS }), 409);
      expect(p.detail).toMatch(/grades 1–9/);
      expect(await periodRows(yearId)).toHaveLength(4);
      expect(await audit(school.id)).toHaveLength(4);
    });

    it('R-CUR-02 a scheme with a closed period cannot be replaced (409); a closed year is read-only (409)', async () => {
      const { admin, yearId, school } = await world();
      const res = await putScheme(admin.auth, quarters(yearId));
      await t.db.query(`UPDATE study_periods SET status = 'closed' WHERE id = $1`, [res.body[0].id]);
      expectProblem(await putScheme(admin.auth, quarters(yearId, { kind: 'half_year', periods: HALF_YEARS })), 409);
      expect(await periodRows(yearId)).toHaveLength(4);
      const closedYear = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      expectProblem(await putScheme(admin.auth, { academicYearId: closedYear, gradeFrom: 1, gradeTo: 11, kind: 'half_year',
        periods: [{ startsOn: '2025-09-01', endsOn: '2025-12-31' }, { startsOn: '2026-01-01', endsOn: '2026-05-31' }] }), 409);
      expect(await periodRows(closedYear)).toHaveLength(0);
    });

    it.each([['director'], ['deputy'], ['teacher'], ['class_teacher']] as const)('R-SEC-02 a %s may not set periods (403)', async (role) => {
      const { school, yearId } = await world();
      const user = await t.make.staff(school.id, [role]);
      expectProblem(await putScheme(user.auth, quarters(yearId)), 403);
      expect(await periodRows(yearId)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 another school\'s year and an unknown year answer 404', async () => {
      const { yearId } = await world();
      const other = await world();
      expectProblem(await putScheme(other.admin.auth, quarters(yearId)), 404);
      expectProblem(await putScheme(other.admin.auth, quarters(UNKNOWN)), 404);
      expect(await periodRows(yearId)).toHaveLength(0);
    });
  });

  describe('GET /periods', () => {
    it('R-CUR-02 every staff role reads; a parent 403; another school 404; bad query 400', async () => {
      const { school, admin, yearId } = await world();
      await putScheme(admin.auth, quarters(yearId));
      for (const role of ['director', 'deputy', 'teacher', 'class_teacher'] as const) {
        const user = await t.make.staff(school.id, [role]);
        const res = await t.http.get(`/api/v1/periods?academicYearId=${yearId}`).set(user.auth);
        expect(res.status, role).toBe(200);
        expect(res.body).toHaveLength(4);
      }
      const kid = await t.make.student(school.id, await t.make.schoolClass(school.id, yearId));
      const parent = await t.make.parent(school.id, [kid.id]);
      expectProblem(await t.http.get(`/api/v1/periods?academicYearId=${yearId}`).set(parent.auth), 403);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/periods?academicYearId=${yearId}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/periods').set(admin.auth), 400, 'academicYearId');
      expectProblem(await t.http.get(`/api/v1/periods?academicYearId=${yearId}&grade=0`).set(admin.auth), 400, 'grade');
      expectProblem(await t.http.get(`/api/v1/periods?academicYearId=${yearId}&grade=x`).set(admin.auth), 400, 'grade');
    });

    it('R-CUR-02 GET /periods/{id} reads one period; another school or unknown 404; bad id 400', async () => {
      const { admin, yearId } = await world();
      const [q1] = (await putScheme(admin.auth, quarters(yearId))).body;
      const res = await t.http.get(`/api/v1/periods/${q1.id}`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(q1);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/periods/${q1.id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/periods/${UNKNOWN}`).set(admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/periods/q1').set(admin.auth), 400, 'id');
    });
  });

  describe('DELETE /periods/scheme', () => {
    it('R-CUR-02 the admin deletes a scheme to restructure grade ranges; audited; closed 409; unknown 404; director 403', async () => {
      const { school, admin, yearId } = await world();
      const res = await putScheme(admin.auth, { academicYearId: yearId, gradeFrom: 1, gradeTo: 11, kind: 'half_year', periods: HALF_YEARS });
      const director = await t.make.staff(school.id, ['director']);
      const url = `/api/v1/periods/scheme?academicYearId=${yearId}&gradeFrom=1&gradeTo=11`;
      expectProblem(await t.http.delete(url).set(director.auth), 403);
      expectProblem(await t.http.delete(`/api/v1/periods/scheme?academicYearId=${yearId}&gradeFrom=1&gradeTo=9`).set(admin.auth), 404);
      expectProblem(await t.http.delete(`/api/v1/periods/scheme?academicYearId=${yearId}&gradeFrom=1`).set(admin.auth), 400, 'gradeTo');
      await t.db.query(`UPDATE study_periods SET status = 'closed' WHERE id = $1`, [res.body[0].id]);
      expectProblem(await t.http.delete(url).set(admin.auth), 409);
      await t.db.query(`UPDATE study_periods SET status = 'open' WHERE id = $1`, [res.body[0].id]);

      expect((await t.http.delete(url).set(admin.auth)).status).toBe(204);
      expect(await periodRows(yearId)).toHaveLength(0);
      const deleted = await audit(school.id, 'study_period.delete');
      expect(deleted.map((e) => e.entity_id).sort()).toEqual(res.body.map((p: { id: string }) => p.id).sort());
      expect(deleted[0].before).toMatchObject({ kind: 'half_year' });
      expect((await putScheme(admin.auth, quarters(yearId))).status).toBe(200);
    });
  });

  describe('POST /periods/{id}/close and /reopen', () => {
    it('R-CUR-02 the admin closes a period: status, who and when; audited with the reason; closing again 409', async () => {
      const { school, admin, yearId } = await world();
      const [q1] = (await putScheme(admin.auth, quarters(yearId))).body;
      const res = await t.http.post(`/api/v1/periods/${q1.id}/close`).set(admin.auth).set('x-request-id', 'close-1')
        .send({ version: 1, reason: 'Итоги четверти подведены' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const adminUserId = await userIdOf(admin.login);
      expect(res.body).toMatchObject({ id: q1.id, status: 'closed', closedBy: adminUserId, closedAt: expect.any(String), version: 2 });
      const [row] = await t.db.query(`SELECT status, closed_by, closed_at, version FROM study_periods WHERE id = $1`, [q1.id]);
      expect(row).toMatchObject({ status: 'closed', closed_by: adminUserId, version: 2 });
      expect(row.closed_at).toBeInstanceOf(Date);
      const [e] = await audit(school.id, 'study_period.close');
      expect(e).toMatchObject({ actor_user_id: adminUserId, actor_role: 'admin', entity: 'study_period', entity_id: q1.id,
        reason: 'Итоги четверти подведены', request_id: 'close-1' });
      expect(e.before).toMatchObject({ status: 'open' });
      expect(e.after).toMatchObject({ status: 'closed', closedBy: adminUserId });
      expectProblem(await t.http.post(`/api/v1/periods/${q1.id}/close`).set(admin.auth).send({ version: 2 }), 409);
      expect(await audit(school.id, 'study_period.close')).toHaveLength(1);
    });

    it('R-CUR-02 closing validates the version (400 missing, 412 stale) and the role (403), and hides other schools (404)', async () => {
      const { school, admin, yearId } = await world();
      const [q1] = (await putScheme(admin.auth, quarters(yearId))).body;
      expectProblem(await t.http.post(`/api/v1/periods/${q1.id}/close`).set(admin.auth).send({}), 400, 'version');
      expectProblem(await t.http.post(`/api/v1/periods/${q1.id}/close`).set(admin.auth).send({ version: 3 }), 412);
      for (const role of ['director', 'deputy', 'teacher'] as const) {
        const user = await t.make.staff(school.id, [role]);
        expectProblem(await t.http.post(`/api/v1/periods/${q1.id}/close`).set(user.auth).send({ version: 1 }), 403);
      }
      const other = await world();
      expectProblem(await t.http.post(`/api/v1/periods/${q1.id}/close`).set(other.admin.auth).send({ version: 1 }), 404);
      expectProblem(await t.http.post(`/api/v1/periods/${UNKNOWN}/close`).set(admin.auth).send({ version: 1 }), 404);
      expect((await periodRows(yearId))[0]).toMatchObject({ status: 'open', version: 1 });
      expect(await audit(school.id, 'study_period.close')).toHaveLength(0);
    });

    it('R-CUR-02 reopening needs a reason (400), is audited with it, and answers 409 for an open period or a closed year', async () => {
      const { school, admin, yearId } = await world();
      const [q1] = (await putScheme(admin.auth, quarters(yearId))).body;
      expectProblem(await t.http.post(`/api/v1/periods/${q1.id}/reopen`).set(admin.auth).send({ version: 1, reason: 'Ошибка' }), 409);
      await t.http.post(`/api/v1/periods/${q1.id}/close`).set(admin.auth).send({ version: 1 });
      expectProblem(await t.http.post(`/api/v1/periods/${q1.id}/reopen`).set(admin.auth).send({ version: 2 }), 400, 'reason');
      const director = await t.make.staff(school.id, ['director']);
      expectProblem(await t.http.post(`/api/v1/periods/${q1.id}/reopen`).set(director.auth).send({ version: 2, reason: 'Заявление № 7' }), 403);

      const res = await t.http.post(`/api/v1/periods/${q1.id}/reopen`).set(admin.auth).send({ version: 2, reason: 'Заявление № 7' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'open', closedAt: null, closedBy: null, version: 3 });
      const [e] = await audit(school.id, 'study_period.reopen');
      expect(e).toMatchObject({ actor_role: 'admin', entity_id: q1.id, reason: 'Заявление № 7' });
      expect(e.before).toMatchObject({ status: 'closed' });
      expect(e.after).toMatchObject({ status: 'open', closedBy: null });

      await t.http.post(`/api/v1/periods/${q1.id}/close`).set(admin.auth).send({ version: 3 });
      await t.db.query(`UPDATE academic_years SET status = 'closed' WHERE id = $1`, [yearId]);
      expectProblem(await t.http.post(`/api/v1/periods/${q1.id}/reopen`).set(admin.auth).send({ version: 4, reason: 'Заявление № 8' }), 409);
      expect((await periodRows(yearId))[0]).toMatchObject({ status: 'closed', version: 4 });
    });
  });

  describe('PeriodsService.periodFor / isClosed (used by the journal)', () => {
    it('R-CUR-02 finds the period covering a date for a grade; none in a vacation; closed periods lock', async () => {
      const { school, admin, yearId } = await world();
      const quartersRes = await putScheme(admin.auth, quarters(yearId));
      const halves = await putScheme(admin.auth, { academicYearId: yearId, gradeFrom: 10, gradeTo: 11, kind: 'half_year', periods: HALF_YEARS });
      const periods = t.app.get(PeriodsService);
      const m = t.db.manager;
      expect((await periods.periodFor(m, school.id, yearId, 5, '2026-11-05'))?.id).toBe(quartersRes.body[1].id);
      expect((await periods.periodFor(m, school.id, yearId, 5, '2026-10-24'))?.name).toBe('1 четверть');
      expect(await periods.periodFor(m, school.id, yearId, 5, '2026-10-28')).toBeNull();
      expect((await periods.periodFor(m, school.id, yearId, 10, '2026-10-28'))?.id).toBe(halves.body[0].id);
      expect(await periods.periodFor(m, UNKNOWN, yearId, 5, '2026-11-05')).toBeNull();
      expect(await periods.isClosed(m, school.id, yearId, 5, '2026-09-15')).toBe(false);
      await t.http.post(`/api/v1/periods/${quartersRes.body[0].id}/close`).set(admin.auth).send({ version: 1 });
      expect(await periods.isClosed(m, school.id, yearId, 5, '2026-09-15')).toBe(true);
      expect(await periods.isClosed(m, school.id, yearId, 5, '2026-11-15')).toBe(false);
      expect(await periods.isClosed(m, school.id, yearId, 10, '2026-09-15')).toBe(false);
    });
  });
});
