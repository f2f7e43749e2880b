import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('rooms and textbooks (R-CUR-10, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string) => auditRows(t.db, schoolId, action);
  const roomRows = (schoolId: string) =>
    t.db.query(`SELECT id, name, capacity, note, archived, version FROM rooms WHERE school_id = $1 ORDER BY name`, [schoolId]);
  const textbookRows = (schoolId: string) =>
    t.db.query(`SELECT id, subject_id, title, authors, publisher, year, grade_from, grade_to, version FROM textbooks WHERE school_id = $1 ORDER BY title`, [schoolId]);
  const insertRoom = async (schoolId: string, name: string, archived = false): Promise<string> =>
    (await t.db.query(`INSERT INTO rooms (id, school_id, name, archived) VALUES (gen_random_uuid(), $1, $2, $3) RETURNING id`, [schoolId, name, archived]))[0].id;
  const insertSubject = async (schoolId: string, name: string): Promise<string> =>
    (await t.db.query(`INSERT INTO subjects (id, school_id, name, short_name) VALUES (gen_random_uuid(), $1, $2, $2) RETURNING id`, [schoolId, name]))[0].id;
  const insertTextbook = async (schoolId: string, subjectId: string, title: string, gradeFrom = 5, gradeTo = 5): Promise<string> =>
    (await t.db.query(`INSERT INTO textbooks (id, school_id, subject_id, title, grade_from, grade_to) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5) RETURNING id`,
      [schoolId, subjectId, title, gradeFrom, gradeTo]))[0].id;

  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin']);
    return { school, admin };
  }

  describe('rooms', () => {
    it('R-CUR-10 the admin adds a room; row and audit entry written', async () => {
      const { school, admin } = await world();
      const res = await t.http.post('/api/v1/rooms').set(admin.auth).set('x-request-id', 'room-create-1')
        .send({ schoolId: school.id, name: 'Кабинет 21', capacity: 30, note: 'Кабинет информатики' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), schoolId: school.id, name: 'Кабинет 21', capacity: 30, note: 'Кабинет информатики',
        archived: false, version: 1 });
      expect(await roomRows(school.id)).toEqual([{ id: res.body.id, name: 'Кабинет 21', capacity: 30, note: 'Кабинет информатики', archived: false, version: 1 }]);
      const [e] = await audit(school.id);
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', action: 'room.create', entity: 'room',
        entity_id: res.body.id, before: null, request_id: 'room-create-1' });
      expect(e.after).toMatchObject({ name: 'Кабинет 21', capacity: 30 });
    });

    it.each([
      ['missing name', { name: undefined }, 'name'],
      ['blank name', { name: ' ' }, 'name'],
      ['capacity 0', { capacity: 0 }, 'capacity'],
      ['capacity as a string', { capacity: '30' }, 'capacity'],
      ['fractional capacity', { capacity: 2.5 }, 'capacity'],
      ['bad schoolId', { schoolId: 'x' }, 'schoolId'],
      ['an unknown field', { floor: 2 }, 'floor'],
    ])('R-API-03 %s answers 400 naming the field; nothing is written', async (_name, over, field) => {
      const { school, admin } = await world();
      const body: Record<string, unknown> = { schoolId: school.id, name: 'Кабинет 1', ...over };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expectProblem(await t.http.post('/api/v1/rooms').set(admin.auth).send(body), 400, field);
      expect(await roomRows(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-CUR-10 a room name already used in the school answers 409 (any case)', async () => {
      const { school, admin } = await world();
      await insertRoom(school.id, 'Спортзал');
      expectProblem(await t.http.post('/api/v1/rooms').set(admin.auth).send({ schoolId: school.id, name: 'СПОРТЗАЛ' }), 409);
      expect(await roomRows(school.id)).toHaveLength(1);
    });

    it.each([['director'], ['deputy'], ['teacher']] as const)('R-SEC-02 a %s may not add rooms (403)', async (role) => {
      const { school } = await world();
      const user = await t.make.staff(school.id, [role]);
      expectProblem(await t.http.post('/api/v1/rooms').set(user.auth).send({ schoolId: school.id, name: 'Кабинет 1' }), 403);
      expect(await roomRows(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 another school\'s admin gets 404', async () => {
      const { school } = await world();
      const other = await world();
      expectProblem(await t.http.post('/api/v1/rooms').set(other.admin.auth).send({ schoolId: school.id, name: 'Кабинет 1' }), 404);
      expect(await roomRows(school.id)).toHaveLength(0);
    });

    it('R-CUR-10 lists rooms by name, archived ones on request; staff read; other school 404; bad flag 400', async () => {
      const { school, admin } = await world();
      const b = await insertRoom(school.id, 'Кабинет 2');
      const a = await insertRoom(school.id, 'Кабинет 1');
      const old = await insertRoom(school.id, 'Кабинет 0', true);
      const res = await t.http.get(`/api/v1/rooms?schoolId=${school.id}`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.map((r: { id: string }) => r.id)).toEqual([a, b]);
      expect(res.body[0]).toEqual({ id: a, schoolId: school.id, name: 'Кабинет 1', capacity: null, note: null, archived: false, version: 1 });
      const all = await t.http.get(`/api/v1/rooms?schoolId=${school.id}&includeArchived=true`).set(admin.auth);
      expect(all.body.map((r: { id: string }) => r.id)).toEqual([old, a, b]);
      const teacher = await t.make.staff(school.id, ['teacher']);
      expect((await t.http.get(`/api/v1/rooms?schoolId=${school.id}`).set(teacher.auth)).body).toHaveLength(2);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/rooms?schoolId=${school.id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/rooms?schoolId=${school.id}&includeArchived=1`).set(admin.auth), 400, 'includeArchived');
      expectProblem(await t.http.get('/api/v1/rooms').set(admin.auth), 400, 'schoolId');
    });

    it('R-CUR-10 GET /rooms/{id}: found; other school and unknown 404', async () => {
      const { school, admin } = await world();
      const id = await insertRoom(school.id, 'Кабинет 5');
      expect((await t.http.get(`/api/v1/rooms/${id}`).set(admin.auth)).body).toMatchObject({ id, name: 'Кабинет 5' });
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/rooms/${id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/rooms/${UNKNOWN}`).set(admin.auth), 404);
    });

    it('R-CUR-10 PATCH changes and archives a room (never deleted); audit before/after; stale 412; 403/404', async () => {
      const { school, admin } = await world();
      const id = await insertRoom(school.id, 'Кабинет 7');
      const res = await t.http.patch(`/api/v1/rooms/${id}`).set(admin.auth).send({ name: 'Кабинет физики', capacity: 28, version: 1 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ name: 'Кабинет физики', capacity: 28, archived: false, version: 2 });
      const archived = await t.http.patch(`/api/v1/rooms/${id}`).set(admin.auth).send({ archived: true, capacity: null, version: 2, reason: 'Ремонт' });
      expect(archived.status, JSON.stringify(archived.body)).toBe(200);
      expect(archived.body).toMatchObject({ archived: true, capacity: null, version: 3 });
      expect(await roomRows(school.id)).toEqual([{ id, name: 'Кабинет физики', capacity: null, note: null, archived: true, version: 3 }]);
      const events = await audit(school.id);
      expect(events.map((e) => e.action)).toEqual(['room.update', 'room.archive']);
      expect(events[1]).toMatchObject({ entity: 'room', entity_id: id, reason: 'Ремонт' });
      expect(events[1].before).toMatchObject({ archived: false, capacity: 28 });
      expect(events[1].after).toMatchObject({ archived: true, capacity: null });

      expectProblem(await t.http.patch(`/api/v1/rooms/${id}`).set(admin.auth).send({ name: 'X', version: 1 }), 412);
      expectProblem(await t.http.patch(`/api/v1/rooms/${id}`).set(admin.auth).send({ name: 'X' }), 400, 'version');
      expectProblem(await t.http.patch(`/api/v1/rooms/${id}`).set(admin.auth).send({ capacity: -1, version: 3 }), 400, 'capacity');
      const director = await t.make.staff(school.id, ['director']);
      expectProblem(await t.http.patch(`/api/v1/rooms/${id}`).set(director.auth).send({ name: 'X', version: 3 }), 403);
      const other = await world();
      expectProblem(await t.http.patch(`/api/v1/rooms/${id}`).set(other.admin.auth).send({ name: 'X', version: 3 }), 404);
      expect(await audit(school.id)).toHaveLength(2);
      expect((await roomRows(school.id))[0]).toMatchObject({ name: 'Кабинет физики', version: 3 });
    });

    it('R-CUR-10 rooms have no DELETE route', async () => {
      const { school, admin } = await world();
      const id = await insertRoom(school.id, 'Кабинет 8');
      expect((await t.http.delete(`/api/v1/rooms/${id}`).set(admin.auth)).status).toBe(404);
      expect(await roomRows(school.id)).toHaveLength(1);
    });
  });

  describe('textbooks', () => {
    const body = (schoolId: string, subjectId: string) => ({ schoolId, subjectId, title: 'Математика. 5 класс', authors: 'Виленкин Н. Я. и др.',
      publisher: 'Просвещение', year: 2023, gradeFrom: 5, gradeTo: 5 });

    it('R-CUR-10 the admin adds a textbook for a subject; row and audit entry written', async () => {
      const { school, admin } = await world();
      const maths = await insertSubject(school.id, 'Математика');
      const res = await t.http.post('/api/v1/textbooks').set(admin.auth).set('x-request-id', 'tb-1').send(body(school.id, maths));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), schoolId: school.id, subjectId: maths, subjectName: 'Математика', title: 'Математика. 5 класс',
        authors: 'Виленкин Н. Я. и др.', publisher: 'Просвещение', year: 2023, gradeFrom: 5, gradeTo: 5, version: 1 });
      expect(await textbookRows(school.id)).toEqual([{ id: res.body.id, subject_id: maths, title: 'Математика. 5 класс', authors: 'Виленкин Н. Я. и др.',
        publisher: 'Просвещение', year: 2023, grade_from: 5, grade_to: 5, version: 1 }]);
      const [e] = await audit(school.id);
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', action: 'textbook.create', entity: 'textbook',
        entity_id: res.body.id, request_id: 'tb-1' });
      expect(e.after).toMatchObject({ title: 'Математика. 5 класс', subjectId: maths });
    });

    it('R-CUR-10 authors, publisher and year are optional', async () => {
      const { school, admin } = await world();
      const maths = await insertSubject(school.id, 'Математика');
      const res = await t.http.post('/api/v1/textbooks').set(admin.auth).send({ schoolId: school.id, subjectId: maths, title: 'Математика', gradeFrom: 5, gradeTo: 6 });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ authors: '', publisher: '', year: null, gradeFrom: 5, gradeTo: 6 });
    });

    it.each([
      ['missing title', { title: undefined }, 'title'],
      ['missing subjectId', { subjectId: undefined }, 'subjectId'],
      ['bad subjectId', { subjectId: 'x' }, 'subjectId'],
      ['gradeFrom 0', { gradeFrom: 0 }, 'gradeFrom'],
      ['gradeTo 12', { gradeTo: 12 }, 'gradeTo'],
      ['gradeTo below gradeFrom', { gradeFrom: 7, gradeTo: 6 }, 'gradeTo'],
      ['year 1800', { year: 1800 }, 'year'],
      ['an unknown field', { isbn: '978' }, 'isbn'],
    ])('R-API-03 %s answers 400 naming the field; nothing is written', async (_name, over, field) => {
      const { school, admin } = await world();
      const maths = await insertSubject(school.id, 'Математика');
      const b: Record<string, unknown> = { ...body(school.id, maths), ...over };
      for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
      expectProblem(await t.http.post('/api/v1/textbooks').set(admin.auth).send(b), 400, field);
      expect(await textbookRows(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 another school\'s subject or an unknown subject is 404; a deputy 403; another school\'s admin 404', async () => {
      const { school, admin } = await world();
      const other = await world();
      const foreign = await insertSubject(other.school.id, 'Математика');
      const maths = await insertSubject(school.id, 'Математика');
      expectProblem(await t.http.post('/api/v1/textbooks').set(admin.auth).send(body(school.id, foreign)), 404);
      expectProblem(await t.http.post('/api/v1/textbooks').set(admin.auth).send(body(school.id, UNKNOWN)), 404);
      const deputy = await t.make.staff(school.id, ['deputy']);
      expectProblem(await t.http.post('/api/v1/textbooks').set(deputy.auth).send(body(school.id, maths)), 403);
      expectProblem(await t.http.post('/api/v1/textbooks').set(other.admin.auth).send(body(school.id, maths)), 404);
      expect(await textbookRows(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-CUR-10 lists textbooks by subject, filtered by subject and by grade; staff read; 404 for another school', async () => {
      const { school, admin } = await world();
      const maths = await insertSubject(school.id, 'Математика');
      const bio = await insertSubject(school.id, 'Биология');
      const m5 = await insertTextbook(school.id, maths, 'Математика 5', 5, 5);
      const m56 = await insertTextbook(school.id, maths, 'Математика 5–6', 5, 6);
      const b59 = await insertTextbook(school.id, bio, 'Биология 5–9', 5, 9);
      const res = await t.http.get(`/api/v1/textbooks?schoolId=${school.id}`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.map((x: { id: string }) => x.id)).toEqual([b59, m5, m56]);
      expect(res.body[0]).toMatchObject({ subjectName: 'Биология', gradeFrom: 5, gradeTo: 9 });
      const bySubject = await t.http.get(`/api/v1/textbooks?schoolId=${school.id}&subjectId=${maths}`).set(admin.auth);
      expect(bySubject.body.map((x: { id: string }) => x.id)).toEqual([m5, m56]);
      const byGrade = await t.http.get(`/api/v1/textbooks?schoolId=${school.id}&grade=6`).set(admin.auth);
      expect(byGrade.body.map((x: { id: string }) => x.id)).toEqual([b59, m56]);
      const teacher = await t.make.staff(school.id, ['teacher']);
      expect((await t.http.get(`/api/v1/textbooks?schoolId=${school.id}`).set(teacher.auth)).body).toHaveLength(3);
      expectProblem(await t.http.get(`/api/v1/textbooks?schoolId=${school.id}&grade=12`).set(admin.auth), 400, 'grade');
      expectProblem(await t.http.get(`/api/v1/textbooks?schoolId=${school.id}&grade=abc`).set(admin.auth), 400, 'grade');
      expectProblem(await t.http.get(`/api/v1/textbooks?schoolId=${school.id}&subjectId=x`).set(admin.auth), 400, 'subjectId');
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/textbooks?schoolId=${school.id}`).set(other.admin.auth), 404);
      expect((await t.http.get(`/api/v1/textbooks/${m5}`).set(admin.auth)).body).toMatchObject({ id: m5, title: 'Математика 5', subjectName: 'Математика' });
      expectProblem(await t.http.get(`/api/v1/textbooks/${m5}`).set(other.admin.auth), 404);
    });

    it('R-CUR-10 PATCH changes a textbook; audit before/after; stale 412; bad range 400; foreign subject 404; director 403', async () => {
      const { school, admin } = await world();
      const maths = await insertSubject(school.id, 'Математика');
      const algebra = await insertSubject(school.id, 'Алгебра');
      const id = await insertTextbook(school.id, maths, 'Математика 7', 7, 7);
      const res = await t.http.patch(`/api/v1/textbooks/${id}`).set(admin.auth)
        .send({ subjectId: algebra, title: 'Алгебра 7–9', gradeTo: 9, year: 2024, version: 1, reason: 'Новый учебник' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ subjectId: algebra, subjectName: 'Алгебра', title: 'Алгебра 7–9', gradeFrom: 7, gradeTo: 9, year: 2024, version: 2 });
      expect(await textbookRows(school.id)).toEqual([expect.objectContaining({ id, subject_id: algebra, grade_to: 9, version: 2 })]);
      const [e] = await audit(school.id, 'textbook.update');
      expect(e).toMatchObject({ actor_role: 'admin', entity: 'textbook', entity_id: id, reason: 'Новый учебник' });
      expect(e.before).toMatchObject({ title: 'Математика 7', subjectName: 'Математика', version: 1 });
      expect(e.after).toMatchObject({ title: 'Алгебра 7–9', subjectName: 'Алгебра', version: 2 });

      expectProblem(await t.http.patch(`/api/v1/textbooks/${id}`).set(admin.auth).send({ title: 'X', version: 1 }), 412);
      expectProblem(await t.http.patch(`/api/v1/textbooks/${id}`).set(admin.auth).send({ gradeFrom: 10, version: 2 }), 400, 'gradeTo');
      const other = await world();
      const foreign = await insertSubject(other.school.id, 'Алгебра');
      expectProblem(await t.http.patch(`/api/v1/textbooks/${id}`).set(admin.auth).send({ subjectId: foreign, version: 2 }), 404);
      const director = await t.make.staff(school.id, ['director']);
      expectProblem(await t.http.patch(`/api/v1/textbooks/${id}`).set(director.auth).send({ title: 'X', version: 2 }), 403);
      expectProblem(await t.http.patch(`/api/v1/textbooks/${id}`).set(other.admin.auth).send({ title: 'X', version: 2 }), 404);
      expect(await audit(school.id)).toHaveLength(1);
    });

    it('R-CUR-10 DELETE removes a textbook nothing refers to; audited; needs the current version', async () => {
      const { school, admin } = await world();
      const maths = await insertSubject(school.id, 'Математика');
      const id = await insertTextbook(school.id, maths, 'Математика 5');
      expectProblem(await t.http.delete(`/api/v1/textbooks/${id}`).set(admin.auth), 400, 'version');
      expectProblem(await t.http.delete(`/api/v1/textbooks/${id}?version=abc`).set(admin.auth), 400, 'version');
      expectProblem(await t.http.delete(`/api/v1/textbooks/${id}?version=2`).set(admin.auth), 412);
      const teacher = await t.make.staff(school.id, ['teacher']);
      expectProblem(await t.http.delete(`/api/v1/textbooks/${id}?version=1`).set(teacher.auth), 403);
      const other = await world();
      expectProblem(await t.http.delete(`/api/v1/textbooks/${id}?version=1`).set(other.admin.auth), 404);
      expect(await textbookRows(school.id)).toHaveLength(1);

      const res = await t.http.delete(`/api/v1/textbooks/${id}?version=1`).set(admin.auth).set('x-request-id', 'tb-del');
      expect(res.status, JSON.stringify(res.body)).toBe(204);
      expect(await textbookRows(school.id)).toHaveLength(0);
      const [e] = await audit(school.id, 'textbook.delete');
      expect(e).toMatchObject({ actor_role: 'admin', entity: 'textbook', entity_id: id, after: null, request_id: 'tb-del' });
      expect(e.before).toMatchObject({ title: 'Математика 5' });
      expectProblem(await t.http.delete(`/api/v1/textbooks/${id}?version=1`).set(admin.auth), 404);
    });
  });
});
