import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import type { MadeUser } from '../support/factories';

type Auth = { Authorization: string };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const fields = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field);

describe('roster: schools, academic years, staff (R-ROS-01, R-ROS-02, R-CUR-01, R-SEC-02)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const auditOf = (schoolId: string, entityId: string) => t.db.query(
    `SELECT action, actor_role, actor_user_id, before, after, reason, request_id FROM audit_events
      WHERE school_key = $1 AND entity_id = $2 ORDER BY seq`, [schoolId, entityId]);
  const schoolCount = async (): Promise<number> => (await t.db.query(`SELECT count(*)::int AS n FROM schools`))[0].n;
  const personCount = async (): Promise<number> => (await t.db.query(`SELECT count(*)::int AS n FROM persons`))[0].n;
  const auditCount = async (schoolId: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE school_key = $1`, [schoolId]))[0].n;

  /** A school with an admin, a director, a teacher, a parent, and an admin of another school. */
  async function world() {
    const school = await t.make.school({ name: 'МБОУ СОШ № 17' });
    const other = await t.make.school({ name: 'МБОУ СОШ № 18' });
    const [admin, director, deputy, teacher, foreign] = await Promise.all([
      t.make.staff(school.id, ['admin'], { lastName: 'Админова' }),
      t.make.staff(school.id, ['director'], { lastName: 'Директорова' }),
      t.make.staff(school.id, ['deputy'], { lastName: 'Завучева' }),
      t.make.staff(school.id, ['teacher', 'class_teacher'], { lastName: 'Учителева' }),
      t.make.staff(other.id, ['admin'], { lastName: 'Чужая' }),
    ]);
    const year = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'open' });
    const cls = await t.make.schoolClass(school.id, year, 5, 'А');
    const kid = await t.make.student(school.id, cls);
    const parent = await t.make.parent(school.id, [kid.id]);
    return { school, other, admin, director, deputy, teacher, foreign, parent };
  }

  // ─────────────────────────────── schools ───────────────────────────────
  describe('/schools', () => {
    const validSchool = {
      name: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 40»', shortName: 'МБОУ СОШ № 40',
      address: 'г. Тверь, ул. Школьная, д. 5', timeZone: 'Europe/Samara', phone: '+7 4822 00-00-00', email: 'school40@example.ru', inn: '6950000040',
    };

    it('R-ROS-01 GET /schools lists only the caller\'s schools; an operator sees all they administer', async () => {
      const w = await world();
      const res = await t.http.get('/api/v1/schools').set(w.admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{ id: w.school.id, name: 'МБОУ СОШ № 17', shortName: 'МБОУ СОШ № 17', address: 'г. Тверь',
        timeZone: 'Europe/Moscow', phone: null, email: null, inn: null, version: 1 }]);

      const person = await t.make.person({ lastName: 'Операторова' });
      await t.db.query(`INSERT INTO employments (id, school_id, person_id, roles, position, starts_on)
        VALUES (gen_random_uuid(), $1, $3, '{operator}', 'Оператор', '2020-01-01'), (gen_random_uuid(), $2, $3, '{operator}', 'Оператор', '2020-01-01')`,
      [w.school.id, w.other.id, person]);
      const op = await t.make.signIn(await t.make.account(person));
      const ops = await t.http.get('/api/v1/schools').set('Authorization', `Bearer ${op.token}`);
      expect(ops.body.map((s: { id: string }) => s.id)).toEqual([w.school.id, w.other.id]);

      const loner = await t.make.signIn(await t.make.account(await t.make.person()));
      expect((await t.http.get('/api/v1/schools').set('Authorization', `Bearer ${loner.token}`)).body).toEqual([]);
      expectProblem(await t.http.get('/api/v1/schools'), 401);
    });

    it('R-ROS-01 GET /schools/{id} returns the card to members (also to a parent); another school or an unknown id is 404', async () => {
      const w = await world();
      const res = await t.http.get(`/api/v1/schools/${w.school.id}`).set(w.teacher.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: w.school.id, name: 'МБОУ СОШ № 17', timeZone: 'Europe/Moscow', version: 1 });
      expect((await t.http.get(`/api/v1/schools/${w.school.id}`).set(w.parent.auth)).status).toBe(200);
      expectProblem(await t.http.get(`/api/v1/schools/${w.school.id}`).set(w.foreign.auth), 404);
      expectProblem(await t.http.get(`/api/v1/schools/${UNKNOWN_ID}`).set(w.admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/schools/not-a-uuid').set(w.admin.auth), 400);
    });

    it('R-ROS-01 an operator creates a school and then administers it', async () => {
      const w = await world();
      const operator = await t.make.staff(w.school.id, ['operator'], { lastName: 'Операторова' });
      const res = await t.http.post('/api/v1/schools').set(operator.auth).set('x-request-id', 'create-school-1').send(validSchool);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), ...validSchool, version: 1 });
      const id = res.body.id;

      const [row] = await t.db.query(`SELECT name, short_name, time_zone, inn FROM schools WHERE id = $1`, [id]);
      expect(row).toEqual({ name: validSchool.name, short_name: 'МБОУ СОШ № 40', time_zone: 'Europe/Samara', inn: '6950000040' });
      const [emp] = await t.db.query(`SELECT roles, dismissed_at FROM employments WHERE school_id = $1 AND person_id = $2`, [id, operator.personId]);
      expect(emp).toEqual({ roles: ['operator'], dismissed_at: null });
      expect(await auditOf(id, id)).toEqual([expect.objectContaining({ action: 'school.create', actor_role: 'operator',
        actor_user_id: await userIdOf(operator.login), before: null, request_id: 'create-school-1',
        after: expect.objectContaining({ id, name: validSchool.name, timeZone: 'Europe/Samara' }) })]);

      // … and administers it from the next request on.
      const list = await t.http.get('/api/v1/schools').set(operator.auth);
      expect(list.body.map((s: { id: string }) => s.id)).toContain(id);
      const me = await t.http.get('/api/v1/me').set(operator.auth);
      expect(me.body.memberships).toEqual(expect.arrayContaining([{ schoolId: id, schoolName: 'МБОУ СОШ № 40', timeZone: 'Europe/Samara', roles: ['operator'] }]));
      const patch = await t.http.patch(`/api/v1/schools/${id}`).set(operator.auth).send({ phone: '+7 4822 11-11-11', version: 1 });
      expect(patch.status).toBe(200);
      expect(patch.body).toMatchObject({ phone: '+7 4822 11-11-11', version: 2 });
      const year = await t.http.post('/api/v1/academic-years').set(operator.auth)
        .send({ schoolId: id, name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31' });
      expect(year.status).toBe(201);
      const admin = await t.http.post('/api/v1/staff').set(operator.auth).send({ schoolId: id, lastName: 'Новая', firstName: 'Админка',
        roles: ['admin'], position: 'Администратор журнала', startsOn: '2026-08-25' });
      expect(admin.status).toBe(201);
      expect((await auditOf(id, admin.body.id))[0]).toMatchObject({ action: 'staff.create', actor_role: 'operator' });
    });

    it('R-SEC-02 only an operator creates schools: admin, director and teacher get 403 and nothing is created', async () => {
      const w = await world();
      const before = await schoolCount();
      for (const u of [w.admin, w.director, w.teacher, w.parent]) {
        expectProblem(await t.http.post('/api/v1/schools').set(u.auth).send(validSchool), 403);
      }
      expect(await schoolCount()).toBe(before);
    });

    it('R-API-03 POST /schools validates every field (400 naming it)', async () => {
      const w = await world();
      const operator = await t.make.staff(w.school.id, ['operator']);
      const before = await schoolCount();
      const post = (over: Record<string, unknown>) => t.http.post('/api/v1/schools').set(operator.auth).send({ ...validSchool, ...over });
      expectProblem(await post({ timeZone: 'Mars/Olympus' }), 400, 'timeZone');
      expectProblem(await post({ timeZone: 'UTC' }), 400, 'timeZone');
      expectProblem(await post({ timeZone: 3 }), 400, 'timeZone');
      expectProblem(await post({ name: 'ab' }), 400, 'name');
      expectProblem(await post({ shortName: '' }), 400, 'shortName');
      expectProblem(await post({ email: 'not-an-email' }), 400, 'email');
      expectProblem(await post({ inn: '123' }), 400, 'inn');
      expectProblem(await post({ phone: '1' }), 400, 'phone');
      expectProblem(await post({ extra: 1 }), 400, 'extra');
      const empty = expectProblem(await t.http.post('/api/v1/schools').set(operator.auth).send({}), 400);
      expect(fields(empty)).toEqual(expect.arrayContaining(['name', 'shortName', 'address', 'timeZone']));
      expect(empty.type).toBe('/problems/validation');
      expect(await schoolCount()).toBe(before);
    });

    it('R-ROS-01 PATCH /schools/{id} updates the card, bumps the version and is audited', async () => {
      const w = await world();
      const res = await t.http.patch(`/api/v1/schools/${w.school.id}`).set(w.admin.auth)
        .send({ timeZone: 'Asia/Yekaterinburg', email: 'sch17@example.ru', version: 1, reason: 'Новый адрес почты' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: w.school.id, timeZone: 'Asia/Yekaterinburg', email: 'sch17@example.ru', name: 'МБОУ СОШ № 17', version: 2 });
      const [row] = await t.db.query(`SELECT time_zone, email, version FROM schools WHERE id = $1`, [w.school.id]);
      expect(row).toEqual({ time_zone: 'Asia/Yekaterinburg', email: 'sch17@example.ru', version: 2 });
      expect(await auditOf(w.school.id, w.school.id)).toEqual([expect.objectContaining({
        action: 'school.update', actor_role: 'admin', reason: 'Новый адрес почты',
        before: expect.objectContaining({ timeZone: 'Europe/Moscow', email: null, version: 1 }),
        after: expect.objectContaining({ timeZone: 'Asia/Yekaterinburg', email: 'sch17@example.ru', version: 2 }),
      })]);
      // /me reflects the school's time zone at once.
      expect((await t.http.get('/api/v1/me').set(w.admin.auth)).body.memberships[0].timeZone).toBe('Asia/Yekaterinburg');
    });

    it('R-API-03 PATCH /schools/{id} with a stale version answers 412 and changes nothing', async () => {
      const w = await world();
      expect((await t.http.patch(`/api/v1/schools/${w.school.id}`).set(w.admin.auth).send({ phone: '+7 111 11-11', version: 1 })).status).toBe(200);
      const p = expectProblem(await t.http.patch(`/api/v1/schools/${w.school.id}`).set(w.admin.auth).send({ phone: '+7 222 22-22', version: 1 }), 412);
      expect(p).toMatchObject({ type: '/problems/stale-version', currentVersion: 2 });
      expect((await t.db.query(`SELECT phone FROM schools WHERE id = $1`, [w.school.id]))[0].phone).toBe('+7 111 11-11');
      expect(await auditCount(w.school.id)).toBe(1);
    });

    it('R-API-03 PATCH /schools/{id} validates (version required, time zone, empty body)', async () => {
      const w = await world();
      expectProblem(await t.http.patch(`/api/v1/schools/${w.school.id}`).set(w.admin.auth).send({}), 400, 'version');
      expectProblem(await t.http.patch(`/api/v1/schools/${w.school.id}`).set(w.admin.auth).send({ name: 'Новое имя' }), 400, 'version');
      expectProblem(await t.http.patch(`/api/v1/schools/${w.school.id}`).set(w.admin.auth).send({ version: '1' }), 400, 'version');
      expectProblem(await t.http.patch(`/api/v1/schools/${w.school.id}`).set(w.admin.auth).send({ timeZone: 'Europe/Nowhere', version: 1 }), 400, 'timeZone');
      expectProblem(await t.http.patch(`/api/v1/schools/${w.school.id}`).set(w.admin.auth).send({ inn: 'abcdefghij', version: 1 }), 400, 'inn');
      expect(await auditCount(w.school.id)).toBe(0);
    });

    it('R-SEC-02 the director reads the school and edits nothing; teacher and parent get 403; another school 404', async () => {
      const w = await world();
      expect((await t.http.get(`/api/v1/schools/${w.school.id}`).set(w.director.auth)).status).toBe(200);
      for (const u of [w.director, w.deputy, w.teacher, w.parent]) {
        expectProblem(await t.http.patch(`/api/v1/schools/${w.school.id}`).set(u.auth).send({ name: 'Переименована', version: 1 }), 403);
      }
      expectProblem(await t.http.patch(`/api/v1/schools/${w.school.id}`).set(w.foreign.auth).send({ name: 'Переименована', version: 1 }), 404);
      expectProblem(await t.http.patch(`/api/v1/schools/${UNKNOWN_ID}`).set(w.admin.auth).send({ name: 'Переименована', version: 1 }), 404);
      expect((await t.db.query(`SELECT name, version FROM schools WHERE id = $1`, [w.school.id]))[0]).toEqual({ name: 'МБОУ СОШ № 17', version: 1 });
      expect(await auditCount(w.school.id)).toBe(0);
    });
  });

  // ─────────────────────────────── academic years ───────────────────────────────
  describe('/academic-years', () => {
    const createYear = (auth: Auth, schoolId: string, over: Record<string, unknown> = {}) => t.http.post('/api/v1/academic-years').set(auth)
      .send({ schoolId, name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31', ...over });
    const versionOf = async (id: string): Promise<number> => (await t.db.query(`SELECT version FROM academic_years WHERE id = $1`, [id]))[0].version;
    const statusOf = async (id: string): Promise<string> => (await t.db.query(`SELECT status FROM academic_years WHERE id = $1`, [id]))[0].status;
    const open = async (auth: Auth, id: string, version?: number) =>
      t.http.post(`/api/v1/academic-years/${id}/open`).set(auth).send({ version: version ?? (await versionOf(id)) });
    const close = async (auth: Auth, id: string, version?: number) =>
      t.http.post(`/api/v1/academic-years/${id}/close`).set(auth).send({ version: version ?? (await versionOf(id)) });

    it('R-CUR-01 the admin creates a planned year; it is stored and audited', async () => {
      const w = await world();
      const res = await createYear(w.admin.auth, w.school.id);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), schoolId: w.school.id, name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31',
        status: 'planned', version: 1 });
      const [row] = await t.db.query(`SELECT name, starts_on::text, ends_on::text, status FROM academic_years WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ name: '2026/2027', starts_on: '2026-09-01', ends_on: '2027-05-31', status: 'planned' });
      expect(await auditOf(w.school.id, res.body.id)).toEqual([expect.objectContaining({ action: 'academic_year.create', actor_role: 'admin',
        before: null, after: expect.objectContaining({ name: '2026/2027', status: 'planned' }) })]);
    });

    it('R-CUR-01 GET lists the school\'s years newest first (teachers too); GET /{id} returns one', async () => {
      const w = await world();
      const y = (await createYear(w.admin.auth, w.school.id)).body;
      const list = await t.http.get(`/api/v1/academic-years?schoolId=${w.school.id}`).set(w.teacher.auth);
      expect(list.status).toBe(200);
      expect(list.body.map((r: { name: string }) => r.name)).toEqual(['2026/2027', '2025/2026']);
      expect(list.body[1]).toMatchObject({ status: 'open', startsOn: '2025-09-01', endsOn: '2026-05-31' });
      const one = await t.http.get(`/api/v1/academic-years/${y.id}`).set(w.director.auth);
      expect(one.body).toEqual(y);
      expectProblem(await t.http.get(`/api/v1/academic-years?schoolId=${w.school.id}`).set(w.foreign.auth), 404);
      expectProblem(await t.http.get(`/api/v1/academic-years/${y.id}`).set(w.foreign.auth), 404);
      expectProblem(await t.http.get(`/api/v1/academic-years/${UNKNOWN_ID}`).set(w.admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/academic-years').set(w.admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get('/api/v1/academic-years?schoolId=42').set(w.admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get(`/api/v1/academic-years?schoolId=${w.school.id}`).set(w.parent.auth), 403);
    });

    it('R-API-03 POST /academic-years validates each field (400 naming it) and writes nothing', async () => {
      const w = await world();
      const before = await auditCount(w.school.id);
      expectProblem(await createYear(w.admin.auth, w.school.id, { name: '2026-2027' }), 400, 'name');
      expectProblem(await createYear(w.admin.auth, w.school.id, { name: '2026/2028' }), 400, 'name');
      expectProblem(await createYear(w.admin.auth, w.school.id, { name: '2025/2026' }), 400, 'name');
      expectProblem(await createYear(w.admin.auth, w.school.id, { startsOn: '2026-02-30' }), 400, 'startsOn');
      expectProblem(await createYear(w.admin.auth, w.school.id, { startsOn: '01.09.2026' }), 400, 'startsOn');
      expectProblem(await createYear(w.admin.auth, w.school.id, { endsOn: 'tomorrow' }), 400, 'endsOn');
      expectProblem(await createYear(w.admin.auth, w.school.id, { endsOn: '2026-08-31' }), 400, 'endsOn');
      expectProblem(await createYear(w.admin.auth, w.school.id, { endsOn: '2026-09-01' }), 400, 'endsOn');
      expectProblem(await createYear(w.admin.auth, 'not-a-school'), 400, 'schoolId');
      expectProblem(await createYear(w.admin.auth, w.school.id, { status: 'open' }), 400, 'status');
      const empty = expectProblem(await t.http.post('/api/v1/academic-years').set(w.admin.auth).send({}), 400);
      expect(fields(empty)).toEqual(expect.arrayContaining(['schoolId', 'name', 'startsOn', 'endsOn']));
      expect(await auditCount(w.school.id)).toBe(before);
      expect(await t.db.query(`SELECT 1 FROM academic_years WHERE school_id = $1 AND name <> '2025/2026'`, [w.school.id])).toHaveLength(0);
    });

    it('R-CUR-01 overlapping dates or a duplicate name answer 409', async () => {
      const w = await world();
      const p = expectProblem(await createYear(w.admin.auth, w.school.id, { name: '2025/2026', startsOn: '2025-12-01', endsOn: '2026-08-31' }), 409);
      expect(p.type).toBe('/problems/conflict');
      expect(p.detail).toContain('2025/2026');
      // The boundary day counts: starting on the day the open year ends overlaps.
      expectProblem(await createYear(w.admin.auth, w.school.id, { name: '2026/2027', startsOn: '2026-05-31', endsOn: '2027-05-31' }), 409);
      expect((await createYear(w.admin.auth, w.school.id, { startsOn: '2026-06-01' })).status).toBe(201);
      expectProblem(await createYear(w.admin.auth, w.school.id, { name: '2026/2027', startsOn: '2027-06-01', endsOn: '2027-08-31' }), 400, 'name');
      // Another school may use the same dates.
      expect((await createYear(w.foreign.auth, w.other.id)).status).toBe(201);
    });

    it('R-SEC-02 the director, deputy and teacher cannot create, change, open or close years (403); another school 404', async () => {
      const w = await world();
      const y = (await createYear(w.admin.auth, w.school.id)).body;
      for (const u of [w.director, w.deputy, w.teacher]) {
        expectProblem(await createYear(u.auth, w.school.id, { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31' }), 403);
        expectProblem(await t.http.patch(`/api/v1/academic-years/${y.id}`).set(u.auth).send({ endsOn: '2027-05-30', version: 1 }), 403);
        expectProblem(await open(u.auth, y.id, 1), 403);
        expectProblem(await close(u.auth, y.id, 1), 403);
      }
      expectProblem(await createYear(w.foreign.auth, w.school.id, { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31' }), 404);
      expectProblem(await t.http.patch(`/api/v1/academic-years/${y.id}`).set(w.foreign.auth).send({ endsOn: '2027-05-30', version: 1 }), 404);
      expectProblem(await open(w.foreign.auth, y.id, 1), 404);
      expectProblem(await open(w.admin.auth, UNKNOWN_ID, 1), 404);
      expect((await t.db.query(`SELECT status, version, ends_on::text FROM academic_years WHERE id = $1`, [y.id]))[0])
        .toEqual({ status: 'planned', version: 1, ends_on: '2027-05-31' });
      expect(await t.db.query(`SELECT 1 FROM academic_years WHERE name = '2027/2028'`)).toHaveLength(0);
    });

    it('R-CUR-01 PATCH changes the dates with the current version; stale 412; bad dates 400; overlap 409', async () => {
      const w = await world();
      const y = (await createYear(w.admin.auth, w.school.id)).body;
      const res = await t.http.patch(`/api/v1/academic-years/${y.id}`).set(w.admin.auth).send({ endsOn: '2027-05-26', version: 1 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ endsOn: '2027-05-26', startsOn: '2026-09-01', version: 2 });
      expect((await auditOf(w.school.id, y.id)).map((a: { action: string }) => a.action)).toEqual(['academic_year.create', 'academic_year.update']);
      expect((await auditOf(w.school.id, y.id))[1]).toMatchObject({ before: { endsOn: '2027-05-31' }, after: { endsOn: '2027-05-26', version: 2 } });

      expectProblem(await t.http.patch(`/api/v1/academic-years/${y.id}`).set(w.admin.auth).send({ endsOn: '2027-05-20', version: 1 }), 412);
      expectProblem(await t.http.patch(`/api/v1/academic-years/${y.id}`).set(w.admin.auth).send({ endsOn: '2027-05-20' }), 400, 'version');
      expectProblem(await t.http.patch(`/api/v1/academic-years/${y.id}`).set(w.admin.auth).send({ endsOn: '2027-13-01', version: 2 }), 400, 'endsOn');
      expectProblem(await t.http.patch(`/api/v1/academic-years/${y.id}`).set(w.admin.auth).send({ endsOn: '2026-08-01', version: 2 }), 400, 'endsOn');
      expectProblem(await t.http.patch(`/api/v1/academic-years/${y.id}`).set(w.admin.auth).send({ name: '2030/2031', version: 2 }), 400, 'name');
      expectProblem(await t.http.patch(`/api/v1/academic-years/${y.id}`).set(w.admin.auth).send({ startsOn: '2026-05-01', version: 2 }), 409);
      expect((await t.db.query(`SELECT starts_on::text, ends_on::text, version FROM academic_years WHERE id = $1`, [y.id]))[0])
        .toEqual({ starts_on: '2026-09-01', ends_on: '2027-05-26', version: 2 });
    });

    it('R-CUR-01 year state machine: planned → open → closed; one open year per school', async () => {
      const w = await world();
      const older = (await t.db.query(`SELECT id FROM academic_years WHERE school_id = $1`, [w.school.id]))[0].id;
      const y = (await createYear(w.admin.auth, w.school.id)).body;

      // Another year is still open.
      const busy = expectProblem(await open(w.admin.auth, y.id), 409);
      expect(busy.detail).toContain('2025/2026');
      expectProblem(await close(w.admin.auth, y.id), 409);
      expect(await statusOf(y.id)).toBe('planned');

      const closed = await close(w.admin.auth, older);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ id: older, status: 'closed' });
      expectProblem(await open(w.admin.auth, y.id, 99), 412);

      const opened = await open(w.admin.auth, y.id);
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      expect(opened.body).toMatchObject({ id: y.id, status: 'open', version: 2 });
      expect(await statusOf(y.id)).toBe('open');
      expectProblem(await open(w.admin.auth, y.id), 409);
      expectProblem(await open(w.admin.auth, older), 409);

      // A closed year is read-only.
      expectProblem(await t.http.patch(`/api/v1/academic-years/${older}`).set(w.admin.auth).send({ endsOn: '2026-06-30', version: await versionOf(older) }), 409);
      expectProblem(await close(w.admin.auth, older), 409);
      expect(await statusOf(older)).toBe('closed');

      const audit = await auditOf(w.school.id, y.id);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['academic_year.create', 'academic_year.open']);
      expect(audit[1]).toMatchObject({ actor_role: 'admin', before: { status: 'planned' }, after: { status: 'open' } });
      expect((await auditOf(w.school.id, older))[0]).toMatchObject({ action: 'academic_year.close', before: { status: 'open' }, after: { status: 'closed' } });
    });

    it('R-API-03 open/close validate the body (version required, an integer)', async () => {
      const w = await world();
      const y = (await createYear(w.admin.auth, w.school.id)).body;
      expectProblem(await t.http.post(`/api/v1/academic-years/${y.id}/open`).set(w.admin.auth).send({}), 400, 'version');
      expectProblem(await t.http.post(`/api/v1/academic-years/${y.id}/close`).set(w.admin.auth).send({ version: 'one' }), 400, 'version');
      expectProblem(await t.http.post('/api/v1/academic-years/not-a-uuid/open').set(w.admin.auth).send({ version: 1 }), 400);
    });
  });

  // ─────────────────────────────── staff ───────────────────────────────
  describe('/staff', () => {
    const hire = (auth: Auth, schoolId: string, over: Record<string, unknown> = {}) => t.http.post('/api/v1/staff').set(auth).send({
      schoolId, lastName: 'Кузнецова', firstName: 'Ольга', middleName: 'Игоревна', roles: ['teacher', 'class_teacher'],
      position: 'Учитель математики', startsOn: '2026-08-25', ...over,
    });
    const versionOf = async (id: string): Promise<number> => (await t.db.query(`SELECT version FROM employments WHERE id = $1`, [id]))[0].version;
    const dismiss = async (auth: Auth, id: string, over: Record<string, unknown> = {}) => t.http.post(`/api/v1/staff/${id}/dismiss`).set(auth)
      .send({ date: '2026-12-31', orderNumber: '101-к', version: await versionOf(id), ...over });

    it('R-ROS-02 the admin hires a staff member: person, employment with several roles, an account shown once', async () => {
      const w = await world();
      const res = await hire(w.admin.auth, w.school.id, { hireOrderNumber: '45-к', phone: '+79001234567' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const s = res.body;
      expect(s).toEqual({ id: expect.any(String), schoolId: w.school.id, personId: expect.any(String), fullName: 'Кузнецова Ольга Игоревна',
        lastName: 'Кузнецова', firstName: 'Ольга', middleName: 'Игоревна', roles: ['teacher', 'class_teacher'], position: 'Учитель математики',
        startsOn: '2026-08-25', endsOn: null, login: expect.stringMatching(/^kuznetsova\.oi\d*$/), status: 'active', version: 1,
        initialPassword: expect.stringMatching(/^[a-zA-Z2-9]{10}$/) });

      const [emp] = await t.db.query(`SELECT roles, position, starts_on::text, hire_order_number FROM employments WHERE id = $1`, [s.id]);
      expect(emp).toEqual({ roles: ['teacher', 'class_teacher'], position: 'Учитель математики', starts_on: '2026-08-25', hire_order_number: '45-к' });
      const [person] = await t.db.query(`SELECT last_name, first_name, middle_name, phone FROM persons WHERE id = $1`, [s.personId]);
      expect(person).toEqual({ last_name: 'Кузнецова', first_name: 'Ольга', middle_name: 'Игоревна', phone: '+79001234567' });
      const [user] = await t.db.query(`SELECT login, password_hash, must_change_password FROM users WHERE person_id = $1`, [s.personId]);
      expect(user.login).toBe(s.login);
      expect(user.must_change_password).toBe(true);
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      expect(user.password_hash).not.toContain(s.initialPassword);

      // The new colleague signs in with the slip's password and acts in both roles.
      const login = await t.http.post('/api/v1/auth/login').send({ login: s.login, password: s.initialPassword });
      expect(login.status).toBe(200);
      const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`);
      expect(me.body.memberships).toEqual([expect.objectContaining({ schoolId: w.school.id, roles: expect.arrayContaining(['teacher', 'class_teacher']) })]);
      expect(me.body.memberships[0].roles).toHaveLength(2);

      const audit = await auditOf(w.school.id, s.id);
      expect(audit).toEqual([expect.objectContaining({ action: 'staff.create', actor_role: 'admin', actor_user_id: await userIdOf(w.admin.login) })]);
      expect(JSON.stringify(audit)).not.toContain(s.initialPassword);
      // The password is not shown again.
      expect((await t.http.get(`/api/v1/staff/${s.id}`).set(w.admin.auth)).body).not.toHaveProperty('initialPassword');
    });

    it('R-ROS-10 uses a given login, makes generated logins unique and refuses a taken one with 409', async () => {
      const w = await world();
      const a = await hire(w.admin.auth, w.school.id, { lastName: 'Дубликатова', firstName: 'Мария', middleName: 'Петровна' });
      const b = await hire(w.admin.auth, w.school.id, { lastName: 'Дубликатова', firstName: 'Марина', middleName: 'Павловна' });
      expect(a.body.login).toBe('dublikatova.mp');
      expect(b.body.login).toBe('dublikatova.mp2');
      const given = await hire(w.admin.auth, w.school.id, { lastName: 'Логинова', login: 'math.teacher' });
      expect(given.status).toBe(201);
      expect(given.body.login).toBe('math.teacher');
      const before = await auditCount(w.school.id);
      const p = expectProblem(await hire(w.admin.auth, w.school.id, { lastName: 'Другая', login: 'math.teacher' }), 409);
      expect(p.detail).toContain('math.teacher');
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = 'Другая'`)).toHaveLength(0);
      expect(await auditCount(w.school.id)).toBe(before);
    });

    it('R-API-03 POST /staff validates each field (400 naming it) and creates nothing', async () => {
      const w = await world();
      const before = await auditCount(w.school.id);
      const people = await personCount();
      const bad: [Record<string, unknown>, string][] = [
        [{ roles: ['janitor'] }, 'roles'],
        [{ roles: ['student'] }, 'roles'],
        [{ roles: [] }, 'roles'],
        [{ roles: ['teacher', 'teacher'] }, 'roles'],
        [{ roles: 'teacher' }, 'roles'],
        [{ lastName: '123' }, 'lastName'],
        [{ firstName: '' }, 'firstName'],
        [{ middleName: 'X1' }, 'middleName'],
        [{ position: 'x' }, 'position'],
        [{ startsOn: '2026-13-01' }, 'startsOn'],
        [{ birthDate: '31.12.1980' }, 'birthDate'],
        [{ gender: 'other' }, 'gender'],
        [{ email: 'nope' }, 'email'],
        [{ phone: 'call me' }, 'phone'],
        [{ login: 'Bad Login' }, 'login'],
        [{ schoolId: 'abc' }, 'schoolId'],
        [{ salary: 100 }, 'salary'],
      ];
      for (const [over, field] of bad) expectProblem(await hire(w.admin.auth, w.school.id, over), 400, field);
      const empty = expectProblem(await t.http.post('/api/v1/staff').set(w.admin.auth).send({}), 400);
      expect(fields(empty)).toEqual(expect.arrayContaining(['schoolId', 'lastName', 'firstName', 'roles', 'position', 'startsOn']));
      expect(await personCount()).toBe(people);
      expect(await auditCount(w.school.id)).toBe(before);
    });

    it('R-SEC-02 an admin cannot grant the operator role (403); an operator can', async () => {
      const w = await world();
      expectProblem(await hire(w.admin.auth, w.school.id, { lastName: 'Самозванцева', roles: ['operator'] }), 403);
      expectProblem(await hire(w.admin.auth, w.school.id, { lastName: 'Самозванцева', roles: ['admin', 'operator'] }), 403);
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = 'Самозванцева'`)).toHaveLength(0);
      const teacher = (await hire(w.admin.auth, w.school.id, { lastName: 'Повышаемая' })).body;
      expectProblem(await t.http.patch(`/api/v1/staff/${teacher.id}`).set(w.admin.auth).send({ roles: ['operator'], version: 1 }), 403);
      expect((await t.db.query(`SELECT roles FROM employments WHERE id = $1`, [teacher.id]))[0].roles).toEqual(['teacher', 'class_teacher']);

      const operator = await t.make.staff(w.school.id, ['operator']);
      const res = await hire(operator.auth, w.school.id, { lastName: 'Региональная', roles: ['operator'] });
      expect(res.status).toBe(201);
      expect(res.body.roles).toEqual(['operator']);
      expect((await auditOf(w.school.id, res.body.id))[0]).toMatchObject({ actor_role: 'operator' });
    });

    it('R-SEC-02 an admin cannot take the operator role away or dismiss an operator (403)', async () => {
      const w = await world();
      const operator = await t.make.staff(w.school.id, ['operator'], { lastName: 'Операторова' });
      expectProblem(await t.http.patch(`/api/v1/staff/${operator.employmentId}`).set(w.admin.auth).send({ roles: ['teacher'], version: 1 }), 403);
      expectProblem(await dismiss(w.admin.auth, operator.employmentId), 403);
      expect((await t.db.query(`SELECT roles, dismissed_at FROM employments WHERE id = $1`, [operator.employmentId]))[0])
        .toEqual({ roles: ['operator'], dismissed_at: null });
      expect((await t.http.get('/api/v1/me').set(operator.auth)).status).toBe(200);
    });

    it('R-SEC-02 the director, deputy, teacher and parent cannot hire, change or dismiss (403); another school\'s admin 404', async () => {
      const w = await world();
      const teacherId = w.teacher.employmentId;
      for (const u of [w.director, w.deputy, w.teacher, w.parent] as MadeUser[]) {
        expectProblem(await hire(u.auth, w.school.id, { lastName: 'Непринятая' }), 403);
        expectProblem(await t.http.patch(`/api/v1/staff/${teacherId}`).set(u.auth).send({ position: 'Директор', version: 1 }), 403);
        expectProblem(await dismiss(u.auth, teacherId), 403);
      }
      expectProblem(await hire(w.foreign.auth, w.school.id, { lastName: 'Непринятая' }), 404);
      expectProblem(await t.http.patch(`/api/v1/staff/${teacherId}`).set(w.foreign.auth).send({ position: 'Директор', version: 1 }), 404);
      expectProblem(await dismiss(w.foreign.auth, teacherId), 404);
      expectProblem(await t.http.patch(`/api/v1/staff/${UNKNOWN_ID}`).set(w.admin.auth).send({ position: 'Директор', version: 1 }), 404);
      expectProblem(await t.http.post(`/api/v1/staff/${UNKNOWN_ID}/dismiss`).set(w.admin.auth).send({ date: '2026-12-31', orderNumber: '1', version: 1 }), 404);
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = 'Непринятая'`)).toHaveLength(0);
      expect((await t.db.query(`SELECT position, version, dismissed_at FROM employments WHERE id = $1`, [teacherId]))[0])
        .toEqual({ position: 'Учитель', version: 1, dismissed_at: null });
      expect(await auditCount(w.school.id)).toBe(0);
    });

    it('R-ROS-02 GET /staff lists active staff by name, filters by role, includes the dismissed on request', async () => {
      const w = await world();
      const gone = (await hire(w.admin.auth, w.school.id, { lastName: 'Ушедшая' })).body;
      expect((await dismiss(w.admin.auth, gone.id)).status).toBe(200);

      const res = await t.http.get(`/api/v1/staff?schoolId=${w.school.id}`).set(w.director.auth);
      expect(res.status).toBe(200);
      expect(res.body.map((s: { lastName: string }) => s.lastName)).toEqual(['Админова', 'Директорова', 'Завучева', 'Учителева']);
      expect(res.body[3]).toMatchObject({ id: w.teacher.employmentId, personId: w.teacher.personId, roles: ['teacher', 'class_teacher'],
        position: 'Учитель', startsOn: '2020-08-25', endsOn: null, login: w.teacher.login, status: 'active', version: 1, schoolId: w.school.id });

      const teachers = await t.http.get(`/api/v1/staff?schoolId=${w.school.id}&role=class_teacher`).set(w.teacher.auth);
      expect(teachers.body.map((s: { lastName: string }) => s.lastName)).toEqual(['Учителева']);
      const all = await t.http.get(`/api/v1/staff?schoolId=${w.school.id}&includeDismissed=true`).set(w.admin.auth);
      expect(all.body.map((s: { lastName: string }) => s.lastName)).toContain('Ушедшая');
      expect(all.body.find((s: { lastName: string }) => s.lastName === 'Ушедшая')).toMatchObject({ status: 'dismissed', endsOn: '2026-12-31' });

      expectProblem(await t.http.get(`/api/v1/staff?schoolId=${w.school.id}&role=janitor`).set(w.admin.auth), 400, 'role');
      expectProblem(await t.http.get('/api/v1/staff').set(w.admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get('/api/v1/staff?schoolId=xyz').set(w.admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get(`/api/v1/staff?schoolId=${w.school.id}`).set(w.foreign.auth), 404);
      expectProblem(await t.http.get(`/api/v1/staff?schoolId=${w.school.id}`).set(w.parent.auth), 403);
    });

    it('R-ROS-02 GET /staff/{id} returns one employment; another school or unknown id 404', async () => {
      const w = await world();
      const res = await t.http.get(`/api/v1/staff/${w.admin.employmentId}`).set(w.teacher.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: w.admin.employmentId, lastName: 'Админова', roles: ['admin'], status: 'active' });
      expectProblem(await t.http.get(`/api/v1/staff/${w.admin.employmentId}`).set(w.foreign.auth), 404);
      expectProblem(await t.http.get(`/api/v1/staff/${UNKNOWN_ID}`).set(w.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/staff/${w.admin.employmentId}`).set(w.parent.auth), 403);
      expectProblem(await t.http.get('/api/v1/staff/123').set(w.admin.auth), 400);
    });

    it('R-ROS-02 PATCH /staff/{id} changes roles, position and name with the version; audited with the reason', async () => {
      const w = await world();
      const s = (await hire(w.admin.auth, w.school.id)).body;
      const res = await t.http.patch(`/api/v1/staff/${s.id}`).set(w.admin.auth).set('x-request-id', 'staff-patch-1')
        .send({ roles: ['teacher', 'deputy'], position: 'Заместитель директора по УВР', version: 1, reason: 'Приказ № 12-к' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: s.id, roles: ['teacher', 'deputy'], position: 'Заместитель директора по УВР', version: 2 });
      expect((await t.db.query(`SELECT roles, position FROM employments WHERE id = $1`, [s.id]))[0])
        .toEqual({ roles: ['teacher', 'deputy'], position: 'Заместитель директора по УВР' });
      const [, upd] = await auditOf(w.school.id, s.id);
      expect(upd).toMatchObject({ action: 'staff.update', actor_role: 'admin', reason: 'Приказ № 12-к', request_id: 'staff-patch-1',
        before: { roles: ['teacher', 'class_teacher'], position: 'Учитель математики', version: 1 },
        after: { roles: ['teacher', 'deputy'], position: 'Заместитель директора по УВР', version: 2 } });

      const renamed = await t.http.patch(`/api/v1/staff/${s.id}`).set(w.admin.auth).send({ lastName: 'Смирнова', middleName: '', version: 2 });
      expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
      expect(renamed.body).toMatchObject({ lastName: 'Смирнова', middleName: null, fullName: 'Смирнова Ольга' });
      // A name change is a change too: the version moves, so a concurrent editor gets 412.
      expect(renamed.body.version).toBe(3);
      expectProblem(await t.http.patch(`/api/v1/staff/${s.id}`).set(w.admin.auth).send({ position: 'Учитель', version: 2 }), 412);
      expect((await t.db.query(`SELECT last_name, middle_name FROM persons WHERE id = $1`, [s.personId]))[0])
        .toEqual({ last_name: 'Смирнова', middle_name: null });
    });

    it('R-API-03 PATCH /staff/{id} validates (400 naming the field); stale version 412', async () => {
      const w = await world();
      const id = w.teacher.employmentId;
      expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({}), 400, 'version');
      expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({ roles: ['janitor'], version: 1 }), 400, 'roles');
      expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({ roles: [], version: 1 }), 400, 'roles');
      expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({ position: '', version: 1 }), 400, 'position');
      expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({ lastName: '123', version: 1 }), 400, 'lastName');
      expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({ firstName: '', version: 1 }), 400, 'firstName');
      expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({ middleName: 'X1', version: 1 }), 400, 'middleName');
      expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({ phone: 'x', version: 1 }), 400, 'phone');
      expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({ schoolId: w.other.id, version: 1 }), 400, 'schoolId');
      const stale = expectProblem(await t.http.patch(`/api/v1/staff/${id}`).set(w.admin.auth).send({ position: 'Учитель физики', version: 5 }), 412);
      expect(stale.currentVersion).toBe(1);
      expect((await t.db.query(`SELECT position, version FROM employments WHERE id = $1`, [id]))[0]).toEqual({ position: 'Учитель', version: 1 });
      expect(await auditCount(w.school.id)).toBe(0);
    });

    it('R-ROS-02 dismissal: status, dates and order stored, sessions revoked, class teacher of open-year classes cleared, audited', async () => {
      const w = await world();
      const openYear = (await t.db.query(`SELECT id FROM academic_years WHERE school_id = $1`, [w.school.id]))[0].id;
      const closedYear = await t.make.year(w.school.id, { name: '2024/2025', startsOn: '2024-09-01', endsOn: '2025-05-31', status: 'closed' });
      const plannedYear = await t.make.year(w.school.id, { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31', status: 'planned' });
      const current = await t.make.schoolClass(w.school.id, openYear, 6, 'Б', w.teacher.personId);
      const next = await t.make.schoolClass(w.school.id, plannedYear, 7, 'Б', w.teacher.personId);
      const past = await t.make.schoolClass(w.school.id, closedYear, 5, 'Б', w.teacher.personId);

      const res = await dismiss(w.admin.auth, w.teacher.employmentId, { reason: 'По собственному желанию' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: w.teacher.employmentId, status: 'dismissed', endsOn: '2026-12-31', version: 2 });
      const [emp] = await t.db.query(`SELECT ends_on::text, dismissal_order_number, dismissed_at FROM employments WHERE id = $1`, [w.teacher.employmentId]);
      expect(emp).toMatchObject({ ends_on: '2026-12-31', dismissal_order_number: '101-к', dismissed_at: expect.any(Date) });

      const classes = await t.db.query(`SELECT id, class_teacher_id, version FROM classes WHERE id = ANY($1)`, [[current, next, past]]);
      const byId = Object.fromEntries(classes.map((c: { id: string }) => [c.id, c]));
      expect(byId[current]).toMatchObject({ class_teacher_id: null, version: 2 });
      expect(byId[next]).toMatchObject({ class_teacher_id: null, version: 2 });
      // The archive of a closed year keeps who was the class teacher.
      expect(byId[past]).toMatchObject({ class_teacher_id: w.teacher.personId, version: 1 });

      expectProblem(await t.http.get('/api/v1/me').set(w.teacher.auth), 401);
      expect(await auditOf(w.school.id, w.teacher.employmentId)).toEqual([expect.objectContaining({ action: 'staff.dismiss', actor_role: 'admin',
        reason: 'По собственному желанию', before: expect.objectContaining({ status: 'active' }), after: expect.objectContaining({ status: 'dismissed' }) })]);

      // A dismissed employee cannot be changed or dismissed again.
      expectProblem(await t.http.patch(`/api/v1/staff/${w.teacher.employmentId}`).set(w.admin.auth).send({ position: 'Учитель', version: 2 }), 409);
      expectProblem(await dismiss(w.admin.auth, w.teacher.employmentId), 409);
    });

    it('R-ROS-02 dismissal without a reason records the order number as the reason', async () => {
      const w = await world();
      expect((await dismiss(w.admin.auth, w.teacher.employmentId, { orderNumber: '7-к' })).status).toBe(200);
      expect((await auditOf(w.school.id, w.teacher.employmentId))[0].reason).toContain('7-к');
    });

    it('R-API-03 dismissal validates (date, orderNumber, version); a date before hiring 400; stale 412; yourself 409', async () => {
      const w = await world();
      const id = w.teacher.employmentId;
      const post = (body: Record<string, unknown>) => t.http.post(`/api/v1/staff/${id}/dismiss`).set(w.admin.auth).send(body);
      expectProblem(await post({ date: '31.12.2026', orderNumber: '1', version: 1 }), 400, 'date');
      expectProblem(await post({ date: '2026-12-31', orderNumber: '', version: 1 }), 400, 'orderNumber');
      expectProblem(await post({ date: '2026-12-31', orderNumber: '1' }), 400, 'version');
      const empty = expectProblem(await post({}), 400);
      expect(fields(empty)).toEqual(expect.arrayContaining(['date', 'orderNumber', 'version']));
      expectProblem(await post({ date: '2019-01-01', orderNumber: '1', version: 1 }), 400, 'date');
      expectProblem(await post({ date: '2026-12-31', orderNumber: '1', version: 3 }), 412);
      expectProblem(await dismiss(w.admin.auth, w.admin.employmentId), 409);
      expect((await t.db.query(`SELECT dismissed_at FROM employments WHERE id = ANY($1)`, [[id, w.admin.employmentId]]))
        .every((r: { dismissed_at: Date | null }) => r.dismissed_at === null)).toBe(true);
      expect(await auditCount(w.school.id)).toBe(0);
      expect((await t.http.get('/api/v1/me').set(w.teacher.auth)).status).toBe(200);
    });
  });
});
