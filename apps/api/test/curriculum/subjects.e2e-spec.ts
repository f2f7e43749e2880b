import { FEDERAL_SUBJECTS } from '@otmetka/contracts';
import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('subjects (R-CUR-03, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string) => auditRows(t.db, schoolId, action);
  const subjectRows = (schoolId: string) =>
    t.db.query(`SELECT id, name, short_name, area, archived, version FROM subjects WHERE school_id = $1 ORDER BY name`, [schoolId]);
  const insertSubject = async (schoolId: string, name: string, shortName = name.slice(0, 3), archived = false): Promise<string> => {
    const [r] = await t.db.query(`INSERT INTO subjects (id, school_id, name, short_name, archived) VALUES (gen_random_uuid(), $1, $2, $3, $4) RETURNING id`,
      [schoolId, name, shortName, archived]);
    return r.id;
  };

  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin']);
    return { school, admin };
  }

  describe('POST /subjects', () => {
    it('R-CUR-03 the admin adds a subject; row and audit entry written', async () => {
      const { school, admin } = await world();
      const res = await t.http.post('/api/v1/subjects').set(admin.auth).set('x-request-id', 'subj-create-1')
        .send({ schoolId: school.id, name: 'Астрономия', shortName: 'Астр', area: 'Естественно-научные предметы' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), schoolId: school.id, name: 'Астрономия', shortName: 'Астр',
        area: 'Естественно-научные предметы', archived: false, version: 1 });
      expect(await subjectRows(school.id)).toEqual([
        { id: res.body.id, name: 'Астрономия', short_name: 'Астр', area: 'Естественно-научные предметы', archived: false, version: 1 }]);
      const events = await audit(school.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', action: 'subject.create', entity: 'subject',
        entity_id: res.body.id, before: null, request_id: 'subj-create-1' });
      expect(events[0].after).toMatchObject({ name: 'Астрономия', shortName: 'Астр', archived: false });
    });

    it('R-CUR-03 the area is optional; the operator of the school may add subjects too', async () => {
      const { school } = await world();
      const operator = await t.make.staff(school.id, ['operator']);
      const res = await t.http.post('/api/v1/subjects').set(operator.auth).send({ schoolId: school.id, name: 'Черчение', shortName: 'Черч' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ area: '', archived: false });
      expect((await audit(school.id))[0]).toMatchObject({ actor_role: 'operator', action: 'subject.create' });
    });

    it.each([
      ['missing name', { name: undefined }, 'name'],
      ['blank name', { name: '   ' }, 'name'],
      ['name too long', { name: 'Я'.repeat(201) }, 'name'],
      ['missing shortName', { shortName: undefined }, 'shortName'],
      ['shortName too long', { shortName: 'М'.repeat(31) }, 'shortName'],
      ['area not a string', { area: 5 }, 'area'],
      ['bad schoolId', { schoolId: 'school' }, 'schoolId'],
      ['an unknown field', { hours: 5 }, 'hours'],
    ])('R-API-03 %s answers 400 naming the field, and nothing is written', async (_name, over, field) => {
      const { school, admin } = await world();
      const body: Record<string, unknown> = { schoolId: school.id, name: 'Математика', shortName: 'Мат', ...over };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expectProblem(await t.http.post('/api/v1/subjects').set(admin.auth).send(body), 400, field);
      expect(await subjectRows(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-CUR-03 a name already in the catalogue (any case) answers 409', async () => {
      const { school, admin } = await world();
      await insertSubject(school.id, 'Математика');
      expectProblem(await t.http.post('/api/v1/subjects').set(admin.auth).send({ schoolId: school.id, name: 'математика', shortName: 'Мат' }), 409);
      expect(await subjectRows(school.id)).toHaveLength(1);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it.each([['director'], ['deputy'], ['teacher'], ['class_teacher']] as const)(
      'R-SEC-02 a %s may not add subjects (403); nothing is written', async (role) => {
        const { school } = await world();
        const user = await t.make.staff(school.id, [role]);
        expectProblem(await t.http.post('/api/v1/subjects').set(user.auth).send({ schoolId: school.id, name: 'Математика', shortName: 'Мат' }), 403);
        expect(await subjectRows(school.id)).toHaveLength(0);
        expect(await audit(school.id)).toHaveLength(0);
      });

    it('R-SEC-02 another school\'s admin and an unknown school get 404', async () => {
      const { school } = await world();
      const other = await world();
      expectProblem(await t.http.post('/api/v1/subjects').set(other.admin.auth).send({ schoolId: school.id, name: 'Математика', shortName: 'Мат' }), 404);
      expectProblem(await t.http.post('/api/v1/subjects').set(other.admin.auth).send({ schoolId: UNKNOWN, name: 'Математика', shortName: 'Мат' }), 404);
      expect(await subjectRows(school.id)).toHaveLength(0);
    });
  });

  describe('GET /subjects', () => {
    it('R-CUR-03 lists the school\'s subjects by name, archived ones only on request; every staff role reads', async () => {
      const { school, admin } = await world();
      const b = await insertSubject(school.id, 'Биология', 'Биол');
      const a = await insertSubject(school.id, 'Алгебра', 'Алг');
      const old = await insertSubject(school.id, 'Астрономия', 'Астр', true);
      const other = await world();
      await insertSubject(other.school.id, 'Физика');

      const res = await t.http.get(`/api/v1/subjects?schoolId=${school.id}`).set(admin.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual([
        { id: a, schoolId: school.id, name: 'Алгебра', shortName: 'Алг', area: '', archived: false, version: 1 },
        { id: b, schoolId: school.id, name: 'Биология', shortName: 'Биол', area: '', archived: false, version: 1 },
      ]);
      const all = await t.http.get(`/api/v1/subjects?schoolId=${school.id}&includeArchived=true`).set(admin.auth);
      expect(all.status, JSON.stringify(all.body)).toBe(200);
      expect(all.body.map((s: { id: string }) => s.id)).toEqual([a, old, b]);
      for (const role of ['director', 'deputy', 'teacher', 'class_teacher'] as const) {
        const user = await t.make.staff(school.id, [role]);
        const r = await t.http.get(`/api/v1/subjects?schoolId=${school.id}`).set(user.auth);
        expect(r.status, role).toBe(200);
        expect(r.body).toHaveLength(2);
      }
    });

    it('R-API-03 a missing schoolId or a bad includeArchived answers 400 naming it; another school 404; a parent 403', async () => {
      const { school, admin } = await world();
      expectProblem(await t.http.get('/api/v1/subjects').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get(`/api/v1/subjects?schoolId=${school.id}&includeArchived=yes`).set(admin.auth), 400, 'includeArchived');
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/subjects?schoolId=${school.id}`).set(other.admin.auth), 404);
      const year = await t.make.year(school.id);
      const kid = await t.make.student(school.id, await t.make.schoolClass(school.id, year));
      const parent = await t.make.parent(school.id, [kid.id]);
      expectProblem(await t.http.get(`/api/v1/subjects?schoolId=${school.id}`).set(parent.auth), 403);
    });
  });

  describe('GET /subjects/{id}', () => {
    it('R-CUR-03 reads one subject; another school\'s or an unknown id is 404; a bad id 400', async () => {
      const { school, admin } = await world();
      const id = await insertSubject(school.id, 'Химия', 'Хим');
      const res = await t.http.get(`/api/v1/subjects/${id}`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, name: 'Химия', shortName: 'Хим' });
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/subjects/${id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/subjects/${UNKNOWN}`).set(admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/subjects/x1').set(admin.auth), 400, 'id');
    });
  });

  describe('PATCH /subjects/{id}', () => {
    it('R-CUR-03 the admin renames and archives a subject; version, row and audit before/after with the reason', async () => {
      const { school, admin } = await world();
      const id = await insertSubject(school.id, 'Технология', 'Техн');
      const res = await t.http.patch(`/api/v1/subjects/${id}`).set(admin.auth).set('x-request-id', 'subj-upd-1')
        .send({ name: 'Труд (технология)', shortName: 'Труд', area: 'Технология', version: 1, reason: 'ФОП 2024' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id, name: 'Труд (технология)', shortName: 'Труд', area: 'Технология', archived: false, version: 2 });
      const archived = await t.http.patch(`/api/v1/subjects/${id}`).set(admin.auth).send({ archived: true, version: 2 });
      expect(archived.status, JSON.stringify(archived.body)).toBe(200);
      expect(archived.body).toMatchObject({ archived: true, version: 3 });
      expect(await subjectRows(school.id)).toEqual([{ id, name: 'Труд (технология)', short_name: 'Труд', area: 'Технология', archived: true, version: 3 }]);
      const events = await audit(school.id, 'subject.update');
      expect(events).toHaveLength(2);
      expect(events[0]).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'subject', entity_id: id,
        reason: 'ФОП 2024', request_id: 'subj-upd-1' });
      expect(events[0].before).toMatchObject({ name: 'Технология', version: 1 });
      expect(events[0].after).toMatchObject({ name: 'Труд (технология)', version: 2 });
      expect(events[1].after).toMatchObject({ archived: true });
    });

    it('R-API-03 a stale version answers 412 and changes nothing', async () => {
      const { school, admin } = await world();
      const id = await insertSubject(school.id, 'Физика', 'Физ');
      expect((await t.http.patch(`/api/v1/subjects/${id}`).set(admin.auth).send({ shortName: 'Ф', version: 1 })).status).toBe(200);
      expectProblem(await t.http.patch(`/api/v1/subjects/${id}`).set(admin.auth).send({ shortName: 'Фи', version: 1 }), 412);
      expect((await subjectRows(school.id))[0]).toMatchObject({ short_name: 'Ф', version: 2 });
      expect(await audit(school.id)).toHaveLength(1);
    });

    it.each([
      ['missing version', { name: 'Физика' }, 'version'],
      ['blank name', { name: ' ', version: 1 }, 'name'],
      ['archived not a boolean', { archived: 'yes', version: 1 }, 'archived'],
      ['an unknown field', { schoolId: UNKNOWN, version: 1 }, 'schoolId'],
    ])('R-API-03 %s answers 400 naming the field', async (_name, body, field) => {
      const { school, admin } = await world();
      const id = await insertSubject(school.id, 'Физика', 'Физ');
      expectProblem(await t.http.patch(`/api/v1/subjects/${id}`).set(admin.auth).send(body), 400, field);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-CUR-03 renaming onto another subject\'s name answers 409', async () => {
      const { school, admin } = await world();
      await insertSubject(school.id, 'Алгебра');
      const id = await insertSubject(school.id, 'Геометрия');
      expectProblem(await t.http.patch(`/api/v1/subjects/${id}`).set(admin.auth).send({ name: 'Алгебра', version: 1 }), 409);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 the director and a teacher get 403; another school\'s admin 404; an unknown id 404', async () => {
      const { school, admin } = await world();
      const id = await insertSubject(school.id, 'Физика', 'Физ');
      for (const role of ['director', 'teacher'] as const) {
        const user = await t.make.staff(school.id, [role]);
        expectProblem(await t.http.patch(`/api/v1/subjects/${id}`).set(user.auth).send({ name: 'Ф', version: 1 }), 403);
      }
      const other = await world();
      expectProblem(await t.http.patch(`/api/v1/subjects/${id}`).set(other.admin.auth).send({ name: 'Ф', version: 1 }), 404);
      expectProblem(await t.http.patch(`/api/v1/subjects/${UNKNOWN}`).set(admin.auth).send({ name: 'Ф', version: 1 }), 404);
      expect((await subjectRows(school.id))[0]).toMatchObject({ name: 'Физика', version: 1 });
      expect(await audit(school.id)).toHaveLength(0);
    });
  });

  describe('POST /subjects/federal', () => {
    it('R-CUR-03 adds the federal list with short names and areas; a second call adds nothing (idempotent)', async () => {
      const { school, admin } = await world();
      await insertSubject(school.id, 'математика', 'М');
      const res = await t.http.post('/api/v1/subjects/federal').set(admin.auth).send({ schoolId: school.id });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual({ added: FEDERAL_SUBJECTS.length - 1, skipped: 1 });
      const rows = await subjectRows(school.id);
      expect(rows).toHaveLength(FEDERAL_SUBJECTS.length);
      expect(rows.find((r: { name: string }) => r.name === 'Русский язык')).toMatchObject({ short_name: 'Рус', area: 'Русский язык и литература' });
      expect(rows.find((r: { name: string }) => r.name === 'Алгебра')).toMatchObject({ short_name: 'Алг', area: 'Математика и информатика' });
      expect(rows.filter((r: { name: string }) => r.name.toLowerCase() === 'математика')).toEqual([expect.objectContaining({ name: 'математика', short_name: 'М' })]);
      const events = await audit(school.id, 'subject.create');
      expect(events).toHaveLength(FEDERAL_SUBJECTS.length - 1);
      expect(events[0]).toMatchObject({ actor_role: 'admin', entity: 'subject', reason: 'Федеральный перечень предметов' });

      const again = await t.http.post('/api/v1/subjects/federal').set(admin.auth).send({ schoolId: school.id });
      expect(again.body).toEqual({ added: 0, skipped: FEDERAL_SUBJECTS.length });
      expect(await subjectRows(school.id)).toHaveLength(FEDERAL_SUBJECTS.length);
      expect(await audit(school.id)).toHaveLength(FEDERAL_SUBJECTS.length - 1);
    });

    it('R-SEC-02 the director gets 403, another school 404, a bad schoolId 400; nothing is written', async () => {
      const { school } = await world();
      const director = await t.make.staff(school.id, ['director']);
      expectProblem(await t.http.post('/api/v1/subjects/federal').set(director.auth).send({ schoolId: school.id }), 403);
      const other = await world();
      expectProblem(await t.http.post('/api/v1/subjects/federal').set(other.admin.auth).send({ schoolId: school.id }), 404);
      expectProblem(await t.http.post('/api/v1/subjects/federal').set(other.admin.auth).send({ schoolId: 'x' }), 400, 'schoolId');
      expect(await subjectRows(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });
  });
});
