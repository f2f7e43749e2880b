import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { auditOf, planningWorld, UNKNOWN, userIdOf } from './planning-fixtures';

describe('curriculum plans (R-CUR-04, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const planRows = (yearId: string) =>
    t.db.query(`SELECT id, name, plan_version, status, supersedes_id, approved_by, version FROM curriculum_plans WHERE academic_year_id = $1 ORDER BY plan_version`, [yearId]);
  const lineRows = (planId: string) =>
    t.db.query(`SELECT subject_id, grade, class_id, weekly_hours::float8 AS weekly_hours FROM curriculum_plan_lines WHERE plan_id = $1 ORDER BY grade, weekly_hours`, [planId]);

  /** A school, its staff, two subjects and two grade-5 classes. */
  async function world() {
    const w = await planningWorld(t);
    const russian = await w.rows.subject(w.school.id, 'Русский язык');
    const maths = await w.rows.subject(w.school.id, 'Математика');
    const c5a = await t.make.schoolClass(w.school.id, w.yearId, 5, 'А');
    const c5b = await t.make.schoolClass(w.school.id, w.yearId, 5, 'Б');
    return { ...w, russian, maths, c5a, c5b };
  }

  const createPlan = async (w: Awaited<ReturnType<typeof world>>, body: Record<string, unknown> = {}) => {
    const res = await t.http.post('/api/v1/curriculum-plans').set(w.deputy.auth).send({ academicYearId: w.yearId, name: 'Учебный план 2026/2027', ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  describe('POST /curriculum-plans', () => {
    it('R-CUR-04 the deputy creates a draft version 1; row and audit entry written', async () => {
      const w = await world();
      const res = await t.http.post('/api/v1/curriculum-plans').set(w.deputy.auth).set('x-request-id', 'plan-create-1')
        .send({ academicYearId: w.yearId, name: 'Учебный план 2026/2027' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), schoolId: w.school.id, academicYearId: w.yearId, name: 'Учебный план 2026/2027', planVersion: 1,
        status: 'draft', supersedesId: null, approvedAt: null, approvedBy: null, lineCount: 0, version: 1, lines: [] });
      expect(await planRows(w.yearId)).toEqual([{ id: res.body.id, name: 'Учебный план 2026/2027', plan_version: 1, status: 'draft', supersedes_id: null,
        approved_by: null, version: 1 }]);
      const [e] = await auditOf(t, w.school.id);
      expect(e).toMatchObject({ actor_user_id: await userIdOf(t, w.deputy.login), actor_role: 'deputy', action: 'curriculum_plan.create',
        entity: 'curriculum_plan', entity_id: res.body.id, before: null, request_id: 'plan-create-1' });
      expect(e.after).toMatchObject({ planVersion: 1, status: 'draft', copiedFrom: null });
    });

    it('R-CUR-04 numbers versions within the year and copies another plan\'s lines, class overrides only within the same year', async () => {
      const w = await world();
      const source = await w.rows.plan(w.school.id, w.yearId, [{ subjectId: w.maths, grade: 5, weeklyHours: 5 }, { subjectId: w.maths, grade: 5, classId: w.c5a, weeklyHours: 6 }]);
      const copy = await createPlan(w, { copyFromPlanId: source });
      expect(copy.planVersion).toBe(2);
      expect(copy.lines).toEqual([
        { subjectId: w.maths, subjectName: 'Математика', grade: 5, classId: null, className: null, weeklyHours: 5 },
        { subjectId: w.maths, subjectName: 'Математика', grade: 5, classId: w.c5a, className: '5А', weeklyHours: 6 },
      ]);
      const nextYear = await t.make.year(w.school.id, { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31', status: 'planned' });
      const fromLastYear = await createPlan(w, { academicYearId: nextYear, copyFromPlanId: source });
      expect(fromLastYear.planVersion).toBe(1);
      expect(await lineRows(fromLastYear.id)).toEqual([{ subject_id: w.maths, grade: 5, class_id: null, weekly_hours: 5 }]);
    });

    it.each([
      ['missing academicYearId', { academicYearId: undefined }, 'academicYearId'],
      ['bad academicYearId', { academicYearId: 'year' }, 'academicYearId'],
      ['empty name', { name: '' }, 'name'],
      ['bad copyFromPlanId', { copyFromPlanId: 'x' }, 'copyFromPlanId'],
      ['an unknown field', { status: 'approved' }, 'status'],
    ])('R-API-03 %s answers 400 naming the field; nothing written', async (_n, over, field) => {
      const w = await world();
      const body: Record<string, unknown> = { academicYearId: w.yearId, name: 'План', ...over };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expectProblem(await t.http.post('/api/v1/curriculum-plans').set(w.deputy.auth).send(body), 400, field);
      expect(await planRows(w.yearId)).toEqual([]);
    });

    it.each([['director'], ['teacher'], ['class_teacher']] as const)('R-SEC-02 a %s may not create a plan (403)', async (role) => {
      const w = await world();
      const user = await t.make.staff(w.school.id, [role]);
      expectProblem(await t.http.post('/api/v1/curriculum-plans').set(user.auth).send({ academicYearId: w.yearId, name: 'План' }), 403);
      expect(await planRows(w.yearId)).toEqual([]);
      expect(await auditOf(t, w.school.id)).toEqual([]);
    });

    it('R-CUR-04 the admin may create a plan too', async () => {
      const w = await world();
      expect((await t.http.post('/api/v1/curriculum-plans').set(w.admin.auth).send({ academicYearId: w.yearId, name: 'План' })).status).toBe(201);
    });

    it('R-SEC-02 another school\'s deputy, an unknown year and another school\'s source plan answer 404', async () => {
      const w = await world();
      const other = await planningWorld(t);
      expectProblem(await t.http.post('/api/v1/curriculum-plans').set(other.deputy.auth).send({ academicYearId: w.yearId, name: 'План' }), 404);
      expectProblem(await t.http.post('/api/v1/curriculum-plans').set(w.deputy.auth).send({ academicYearId: UNKNOWN, name: 'План' }), 404);
      const foreign = await other.rows.plan(other.school.id, other.yearId, []);
      expectProblem(await t.http.post('/api/v1/curriculum-plans').set(w.deputy.auth).send({ academicYearId: w.yearId, name: 'План', copyFromPlanId: foreign }), 404);
      expect(await planRows(w.yearId)).toEqual([]);
    });

    it('R-CUR-01 a closed year is read-only (409)', async () => {
      const w = await world();
      const closed = await t.make.year(w.school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      expectProblem(await t.http.post('/api/v1/curriculum-plans').set(w.deputy.auth).send({ academicYearId: closed, name: 'План' }), 409);
    });
  });

  describe('GET /curriculum-plans', () => {
    it('R-CUR-04 lists the year\'s versions newest first and shows a plan with its lines to every staff role', async () => {
      const w = await world();
      const v1 = await w.rows.plan(w.school.id, w.yearId, [{ subjectId: w.russian, grade: 5, weeklyHours: 5 }], { status: 'superseded' });
      const v2 = await w.rows.plan(w.school.id, w.yearId, [{ subjectId: w.maths, grade: 5, weeklyHours: 5 }, { subjectId: w.maths, grade: 5, classId: w.c5b, weeklyHours: 4.5 },
        { subjectId: w.russian, grade: 5, weeklyHours: 5 }], { planVersion: 2 });
      const list = await t.http.get(`/api/v1/curriculum-plans?academicYearId=${w.yearId}`).set(w.teacher.auth);
      expect(list.status).toBe(200);
      expect(list.body.map((p: { id: string; planVersion: number; status: string; lineCount: number }) => [p.id, p.planVersion, p.status, p.lineCount]))
        .toEqual([[v2, 2, 'draft', 3], [v1, 1, 'superseded', 1]]);
      const one = await t.http.get(`/api/v1/curriculum-plans/${v2}`).set(w.director.auth);
      expect(one.status).toBe(200);
      expect(one.body.lines).toEqual([
        { subjectId: w.maths, subjectName: 'Математика', grade: 5, classId: null, className: null, weeklyHours: 5 },
        { subjectId: w.russian, subjectName: 'Русский язык', grade: 5, classId: null, className: null, weeklyHours: 5 },
        { subjectId: w.maths, subjectName: 'Математика', grade: 5, classId: w.c5b, className: '5Б', weeklyHours: 4.5 },
      ]);
    });

    it('R-SEC-02 a parent gets 403; another school\'s staff and unknown ids 404; a missing year 400', async () => {
      const w = await world();
      const plan = await w.rows.plan(w.school.id, w.yearId, []);
      const kid = await t.make.student(w.school.id, w.c5a);
      const parent = await t.make.parent(w.school.id, [kid.id]);
      expectProblem(await t.http.get(`/api/v1/curriculum-plans/${plan}`).set(parent.auth), 403);
      const other = await planningWorld(t);
      expectProblem(await t.http.get(`/api/v1/curriculum-plans/${plan}`).set(other.deputy.auth), 404);
      expectProblem(await t.http.get(`/api/v1/curriculum-plans?academicYearId=${w.yearId}`).set(other.deputy.auth), 404);
      expectProblem(await t.http.get(`/api/v1/curriculum-plans/${UNKNOWN}`).set(w.deputy.auth), 404);
      expectProblem(await t.http.get('/api/v1/curriculum-plans').set(w.deputy.auth), 400, 'academicYearId');
    });
  });

  describe('PUT /curriculum-plans/{id}/lines', () => {
    it('R-CUR-04 replaces the lines of a draft, with a class override; version bumped; audit has before and after', async () => {
      const w = await world();
      const plan = await createPlan(w);
      await t.db.query(`INSERT INTO curriculum_plan_lines (id, school_id, plan_id, subject_id, grade, weekly_hours) VALUES (gen_random_uuid(), $1, $2, $3, 6, 6)`,
        [w.school.id, plan.id, w.russian]);
      const res = await t.http.put(`/api/v1/curriculum-plans/${plan.id}/lines`).set(w.deputy.auth).send({ version: 1, lines: [
        { subjectId: w.russian, grade: 5, weeklyHours: 5 },
        { subjectId: w.maths, grade: 5, weeklyHours: 5 },
        { subjectId: w.maths, grade: 5, classId: w.c5a, weeklyHours: 6 },
      ] });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ version: 2, lineCount: 3, status: 'draft' });
      expect(await lineRows(plan.id)).toEqual(expect.arrayContaining([
        { subject_id: w.russian, grade: 5, class_id: null, weekly_hours: 5 },
        { subject_id: w.maths, grade: 5, class_id: null, weekly_hours: 5 },
        { subject_id: w.maths, grade: 5, class_id: w.c5a, weekly_hours: 6 },
      ]));
      expect(await lineRows(plan.id)).toHaveLength(3);
      const [e] = await auditOf(t, w.school.id, 'curriculum_plan.lines_replace');
      expect(e).toMatchObject({ actor_role: 'deputy', entity_id: plan.id });
      expect((e.before as { lines: unknown[] }).lines).toEqual([{ subjectId: w.russian, subjectName: 'Русский язык', grade: 6, classId: null, className: null, weeklyHours: 6 }]);
      expect((e.after as { lines: unknown[] }).lines).toHaveLength(3);
    });

    it.each([
      ['missing version', (w: W) => ({ lines: [{ subjectId: w.maths, grade: 5, weeklyHours: 5 }] }), 'version'],
      ['hours with two decimals', (w: W) => ({ version: 1, lines: [{ subjectId: w.maths, grade: 5, weeklyHours: 2.25 }] }), 'lines[0].weeklyHours'],
      ['negative hours', (w: W) => ({ version: 1, lines: [{ subjectId: w.maths, grade: 5, weeklyHours: -1 }] }), 'lines[0].weeklyHours'],
      ['more than 20 hours', (w: W) => ({ version: 1, lines: [{ subjectId: w.maths, grade: 5, weeklyHours: 21 }] }), 'lines[0].weeklyHours'],
      ['grade 12', (w: W) => ({ version: 1, lines: [{ subjectId: w.maths, grade: 12, weeklyHours: 1 }] }), 'lines[0].grade'],
      ['a bad subject id', () => ({ version: 1, lines: [{ subjectId: 'maths', grade: 5, weeklyHours: 1 }] }), 'lines[0].subjectId'],
      ['an unknown subject', () => ({ version: 1, lines: [{ subjectId: UNKNOWN, grade: 5, weeklyHours: 1 }] }), 'lines[0].subjectId'],
      ['a class of another grade', (w: W) => ({ version: 1, lines: [{ subjectId: w.maths, grade: 6, classId: w.c5a, weeklyHours: 1 }] }), 'lines[0].classId'],
      ['an unknown class', (w: W) => ({ version: 1, lines: [{ subjectId: w.maths, grade: 5, classId: UNKNOWN, weeklyHours: 1 }] }), 'lines[0].classId'],
      ['a repeated line', (w: W) => ({ version: 1, lines: [{ subjectId: w.maths, grade: 5, weeklyHours: 1 }, { subjectId: w.maths, grade: 5, weeklyHours: 2 }] }), 'lines[1]'],
    ])('R-API-03 %s answers 400 naming the field; lines unchanged', async (_n, body, field) => {
      const w = await world();
      const plan = await createPlan(w);
      expectProblem(await t.http.put(`/api/v1/curriculum-plans/${plan.id}/lines`).set(w.deputy.auth).send(body(w)), 400, field);
      expect(await lineRows(plan.id)).toEqual([]);
    });

    it('R-API-03 a stale version answers 412; approved and superseded plans are read-only (409)', async () => {
      const w = await world();
      const plan = await createPlan(w);
      const lines = [{ subjectId: w.maths, grade: 5, weeklyHours: 5 }];
      const stale = expectProblem(await t.http.put(`/api/v1/curriculum-plans/${plan.id}/lines`).set(w.deputy.auth).send({ version: 7, lines }), 412);
      expect(stale.currentVersion).toBe(1);
      for (const status of ['approved', 'superseded'] as const) {
        const fixed = await w.rows.plan(w.school.id, w.yearId, [], { status, planVersion: status === 'approved' ? 5 : 6 });
        expectProblem(await t.http.put(`/api/v1/curriculum-plans/${fixed}/lines`).set(w.deputy.auth).send({ version: 1, lines }), 409);
        expect(await lineRows(fixed)).toEqual([]);
      }
    });

    it('R-SEC-02 the director and a teacher may not edit lines (403); another school 404', async () => {
      const w = await world();
      const plan = await createPlan(w);
      const body = { version: 1, lines: [{ subjectId: w.maths, grade: 5, weeklyHours: 5 }] };
      expectProblem(await t.http.put(`/api/v1/curriculum-plans/${plan.id}/lines`).set(w.director.auth).send(body), 403);
      expectProblem(await t.http.put(`/api/v1/curriculum-plans/${plan.id}/lines`).set(w.teacher.auth).send(body), 403);
      const other = await planningWorld(t);
      expectProblem(await t.http.put(`/api/v1/curriculum-plans/${plan.id}/lines`).set(other.deputy.auth).send(body), 404);
      expect(await lineRows(plan.id)).toEqual([]);
    });
  });

  describe('POST /curriculum-plans/{id}/approve', () => {
    /** A plan with nothing planned passes the inspector (nothing to check). */
    it('R-CUR-04 the director approves a draft without inspector errors; the year\'s previous approved version is superseded; both audited', async () => {
      const w = await world();
      const old = await w.rows.plan(w.school.id, w.yearId, [], { status: 'approved' });
      const plan = await w.rows.plan(w.school.id, w.yearId, [], { planVersion: 2 });
      const res = await t.http.post(`/api/v1/curriculum-plans/${plan}/approve`).set(w.director.auth).send({ version: 1 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const directorUser = await userIdOf(t, w.director.login);
      expect(res.body).toMatchObject({ id: plan, status: 'approved', approvedBy: directorUser, approvedAt: expect.any(String), version: 2 });
      expect((await planRows(w.yearId)).map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([[old, 'superseded'], [plan, 'approved']]);
      const events = await auditOf(t, w.school.id);
      expect(events.map((e) => [e.action, e.entity_id, e.actor_role])).toEqual([
        ['curriculum_plan.supersede', old, 'director'], ['curriculum_plan.approve', plan, 'director']]);
      expect(events[1].before).toMatchObject({ status: 'draft' });
      expect(events[1].after).toMatchObject({ status: 'approved' });
    });

    it('R-CUR-05 approval is refused with 422 and the inspector\'s errors while errors remain; nothing changes', async () => {
      const w = await world();
      const plan = await w.rows.plan(w.school.id, w.yearId, [{ subjectId: w.maths, grade: 5, weeklyHours: 5 }]);
      const problem = expectProblem(await t.http.post(`/api/v1/curriculum-plans/${plan}/approve`).set(w.director.auth).send({ version: 1 }), 422);
      expect(problem.errors).toEqual([
        expect.objectContaining({ code: 'no-load', classId: w.c5a, subjectId: w.maths, message: expect.stringContaining('Математика') }),
        expect.objectContaining({ code: 'no-load', classId: w.c5b, subjectId: w.maths }),
      ]);
      expect(problem.summary).toMatchObject({ errorCount: 2, passed: false });
      expect((await planRows(w.yearId))[0]).toMatchObject({ status: 'draft', version: 1, approved_by: null });
      expect(await auditOf(t, w.school.id)).toEqual([]);
    });

    it.each([['deputy'], ['admin'], ['teacher']] as const)('R-SEC-02 a %s may not approve (403)', async (role) => {
      const w = await world();
      const plan = await w.rows.plan(w.school.id, w.yearId, []);
      const user = role === 'deputy' ? w.deputy : role === 'admin' ? w.admin : w.teacher;
      expectProblem(await t.http.post(`/api/v1/curriculum-plans/${plan}/approve`).set(user.auth).send({ version: 1 }), 403);
      expect((await planRows(w.yearId))[0].status).toBe('draft');
    });

    it('R-API-03 approval needs the current version (412) of a draft (409); unknown plan 404', async () => {
      const w = await world();
      const plan = await w.rows.plan(w.school.id, w.yearId, []);
      expectProblem(await t.http.post(`/api/v1/curriculum-plans/${plan}/approve`).set(w.director.auth).send({}), 400, 'version');
      expectProblem(await t.http.post(`/api/v1/curriculum-plans/${plan}/approve`).set(w.director.auth).send({ version: 3 }), 412);
      const superseded = await w.rows.plan(w.school.id, w.yearId, [], { status: 'superseded', planVersion: 2 });
      expectProblem(await t.http.post(`/api/v1/curriculum-plans/${superseded}/approve`).set(w.director.auth).send({ version: 1 }), 409);
      expectProblem(await t.http.post(`/api/v1/curriculum-plans/${UNKNOWN}/approve`).set(w.director.auth).send({ version: 1 }), 404);
    });
  });

  describe('POST /curriculum-plans/{id}/new-version', () => {
    it('R-CUR-04 a new draft copies the approved plan and names what it supersedes', async () => {
      const w = await world();
      const approved = await w.rows.plan(w.school.id, w.yearId, [{ subjectId: w.maths, grade: 5, weeklyHours: 5 }, { subjectId: w.maths, grade: 5, classId: w.c5a, weeklyHours: 6 }],
        { status: 'approved', name: 'УП' });
      const res = await t.http.post(`/api/v1/curriculum-plans/${approved}/new-version`).set(w.deputy.auth).send({});
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ planVersion: 2, status: 'draft', supersedesId: approved, name: 'УП', lineCount: 2 });
      expect(await lineRows(res.body.id)).toEqual(await lineRows(approved));
      const [e] = await auditOf(t, w.school.id, 'curriculum_plan.new_version');
      expect(e).toMatchObject({ entity_id: res.body.id, actor_role: 'deputy' });
      const named = await t.http.post(`/api/v1/curriculum-plans/${approved}/new-version`).set(w.deputy.auth).send({ name: 'УП, изм. 2' });
      expect(named.body).toMatchObject({ planVersion: 3, name: 'УП, изм. 2' });
    });

    it('R-CUR-04 only an approved plan gets a new version (409); the director may not make one (403)', async () => {
      const w = await world();
      const draft = await w.rows.plan(w.school.id, w.yearId, []);
      expectProblem(await t.http.post(`/api/v1/curriculum-plans/${draft}/new-version`).set(w.deputy.auth).send({}), 409);
      const approved = await w.rows.plan(w.school.id, w.yearId, [], { status: 'approved', planVersion: 2 });
      expectProblem(await t.http.post(`/api/v1/curriculum-plans/${approved}/new-version`).set(w.director.auth).send({}), 403);
      expect(await planRows(w.yearId)).toHaveLength(2);
    });
  });
});

type W = { maths: string; c5a: string };
