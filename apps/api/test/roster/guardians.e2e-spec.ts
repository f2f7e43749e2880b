import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('guardians (R-ROS-04, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string) => auditRows(t.db, schoolId, action);
  const guardiansOf = (schoolId: string) => t.db.query(`SELECT id FROM guardians WHERE school_id = $1`, [schoolId]);
  const links = (guardianId: string) =>
    t.db.query(`SELECT student_id, relation FROM guardianships WHERE guardian_id = $1 ORDER BY student_id`, [guardianId]);
  const versionOf = async (guardianId: string): Promise<number> => (await t.db.query(`SELECT version FROM guardians WHERE id = $1`, [guardianId]))[0].version;

  let seq = 0;
  /** A surname no other test uses (names allow letters only). */
  const uniqueSurname = (base: string) => `${base}-${[...String(seq++)].map((d) => 'абвгдежзик'[Number(d)]).join('')}`;

  /** A school with an admin, class 5А with its class teacher and a student, and class 5Б with a student. */
  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin'], { lastName: 'Админова' });
    const yearId = await t.make.year(school.id);
    const ct = await t.make.staff(school.id, ['teacher', 'class_teacher'], { lastName: 'Классная' });
    const classA = await t.make.schoolClass(school.id, yearId, 5, 'А', ct.personId);
    const classB = await t.make.schoolClass(school.id, yearId, 5, 'Б');
    const kid = await t.make.student(school.id, classA, { lastName: 'Смирнов', firstName: 'Иван' });
    const otherKid = await t.make.student(school.id, classB, { lastName: 'Жуков', firstName: 'Олег' });
    return { school, admin, yearId, ct, classA, classB, kid, otherKid };
  }

  const newGuardian = (schoolId: string, studentId: string, over: Record<string, unknown> = {}) => {
    const body: Record<string, unknown> = {
      schoolId, lastName: 'Смирнова', firstName: 'Анна', middleName: 'Петровна', phone: '+79001112233', email: 'smirnova@example.ru',
      students: [{ studentId, relation: 'mother' }], applicationNumber: 'З-2026/041', applicationDate: '2026-08-28',
      identityDocument: 'Паспорт 28 10 123456', ...over,
    };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    return body;
  };

  describe('POST /guardians', () => {
    it('R-ROS-04 the admin registers a parent with the application record; identity check by whom and when is recorded', async () => {
      const { school, admin, kid } = await world();
      const started = Date.now();
      const res = await t.http.post('/api/v1/guardians').set(admin.auth).set('x-request-id', 'gd-create-1').send(newGuardian(school.id, kid.id));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String), schoolId: school.id, personId: expect.any(String), fullName: 'Смирнова Анна Петровна', lastName: 'Смирнова',
        firstName: 'Анна', middleName: 'Петровна', phone: '+79001112233', email: 'smirnova@example.ru', login: null,
        students: [{ studentId: kid.id, fullName: 'Смирнов Иван', relation: 'mother', className: '5А' }],
        applicationNumber: 'З-2026/041', applicationDate: '2026-08-28', identityDocument: 'Паспорт 28 10 123456',
        identityCheckedAt: expect.any(String), identityCheckedByName: 'Админова Тест', version: 1,
      });
      expect(Date.parse(res.body.identityCheckedAt)).toBeGreaterThanOrEqual(started - 1000);
      const [row] = await t.db.query(`SELECT person_id, application_number, application_date::text, identity_document, identity_checked_by,
        identity_checked_at FROM guardians WHERE id = $1`, [res.body.id]);
      expect(row).toMatchObject({ person_id: res.body.personId, application_number: 'З-2026/041', application_date: '2026-08-28',
        identity_document: 'Паспорт 28 10 123456', identity_checked_by: admin.personId });
      expect(row.identity_checked_at).toBeInstanceOf(Date);
      expect(await t.db.query(`SELECT last_name, phone, email FROM persons WHERE id = $1`, [res.body.personId]))
        .toEqual([{ last_name: 'Смирнова', phone: '+79001112233', email: 'smirnova@example.ru' }]);
      expect(await links(res.body.id)).toEqual([{ student_id: kid.id, relation: 'mother' }]);

      const events = await audit(school.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', action: 'guardian.create',
        entity: 'guardian', entity_id: res.body.id, before: null, request_id: 'gd-create-1' });
      expect(events[0].after).toMatchObject({ id: res.body.id, fullName: 'Смирнова Анна Петровна', identityDocument: 'Паспорт 28 10 123456',
        students: [{ studentId: kid.id, relation: 'mother' }] });
    });

    it('R-ROS-04 without an identity document nothing is recorded as checked', async () => {
      const { school, admin, kid } = await world();
      const res = await t.http.post('/api/v1/guardians').set(admin.auth).send(newGuardian(school.id, kid.id, {
        identityDocument: undefined, applicationNumber: undefined, applicationDate: undefined, phone: undefined, email: undefined }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ identityDocument: null, identityCheckedAt: null, identityCheckedByName: null, applicationNumber: null, phone: null });
      const [row] = await t.db.query(`SELECT identity_checked_by, identity_checked_at FROM guardians WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ identity_checked_by: null, identity_checked_at: null });
    });

    it('R-ROS-04 R-SEC-02 the class teacher registers a parent of a student of their own class', async () => {
      const { school, ct, kid } = await world();
      const res = await t.http.post('/api/v1/guardians').set(ct.auth).send(newGuardian(school.id, kid.id));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ identityCheckedByName: 'Классная Тест', students: [{ studentId: kid.id }] });
      expect((await t.db.query(`SELECT identity_checked_by FROM guardians WHERE id = $1`, [res.body.id]))[0].identity_checked_by).toBe(ct.personId);
      const [e] = await audit(school.id, 'guardian.create');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(ct.login), actor_role: 'class_teacher', entity_id: res.body.id });
    });

    it('R-ROS-04 R-SEC-02 the class teacher gets 404 for another class\'s student, and nothing is written', async () => {
      const { school, ct, kid, otherKid } = await world();
      const lastName = uniqueSurname('Чужая');
      expectProblem(await t.http.post('/api/v1/guardians').set(ct.auth).send(newGuardian(school.id, otherKid.id, { lastName })), 404);
      // One own and one foreign child: still refused as a whole.
      expectProblem(await t.http.post('/api/v1/guardians').set(ct.auth).send(newGuardian(school.id, kid.id, { lastName,
        students: [{ studentId: kid.id, relation: 'mother' }, { studentId: otherKid.id, relation: 'mother' }] })), 404);
      expectProblem(await t.http.post('/api/v1/guardians').set(ct.auth).send(newGuardian(school.id, kid.id, { lastName, students: [] })), 400, 'students');
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = $1`, [lastName])).toHaveLength(0);
      expect(await guardiansOf(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it.each([
      ['missing lastName', { lastName: undefined }, 'lastName'],
      ['digits in firstName', { firstName: 'Анна1' }, 'firstName'],
      ['students not an array', { students: 'x' }, 'students'],
      ['a bad studentId', { students: [{ studentId: 'kid-1', relation: 'mother' }] }, 'students[0].studentId'],
      ['an unknown relation', { students: [{ relation: 'aunt' }] }, 'students[0].relation'],
      ['applicationDate 28.08.2026', { applicationDate: '28.08.2026' }, 'applicationDate'],
      ['a bad email', { email: 'smirnova' }, 'email'],
      ['a bad phone', { phone: 'call me' }, 'phone'],
      ['empty identityDocument', { identityDocument: '' }, 'identityDocument'],
      ['bad schoolId', { schoolId: 'nope' }, 'schoolId'],
      ['an unknown field', { login: 'smirnova' }, 'login'],
      ['an unknown field in a link', { students: [{ extra: 1 }] }, 'students[0].extra'],
    ])('R-API-03 %s answers 400 naming the field; nothing is written', async (_name, over: Record<string, unknown>, field) => {
      const { school, admin, kid } = await world();
      const lastName = uniqueSurname('Смирнова');
      const body = newGuardian(school.id, kid.id, { lastName, ...over });
      if (Array.isArray(over.students)) body.students = (over.students as Record<string, unknown>[]).map((s) => ({ studentId: kid.id, relation: 'mother', ...s }));
      expectProblem(await t.http.post('/api/v1/guardians').set(admin.auth).send(body), 400, field);
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = $1`, [lastName])).toHaveLength(0);
      expect(await guardiansOf(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-04 a student of another school or one listed twice answers 400 and leaves no person row', async () => {
      const { school, admin, kid } = await world();
      const other = await world();
      const lastName = uniqueSurname('Смирнова');
      expectProblem(await t.http.post('/api/v1/guardians').set(admin.auth).send(newGuardian(school.id, other.kid.id, { lastName })), 400, 'students[0].studentId');
      expectProblem(await t.http.post('/api/v1/guardians').set(admin.auth).send(newGuardian(school.id, kid.id, { lastName,
        students: [{ studentId: kid.id, relation: 'mother' }, { studentId: UNKNOWN, relation: 'mother' }] })), 400, 'students[1].studentId');
      expectProblem(await t.http.post('/api/v1/guardians').set(admin.auth).send(newGuardian(school.id, kid.id, { lastName,
        students: [{ studentId: kid.id, relation: 'mother' }, { studentId: kid.id, relation: 'father' }] })), 400, 'students');
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = $1`, [lastName])).toHaveLength(0);
      expect(await guardiansOf(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it.each([['director'], ['deputy'], ['teacher']] as const)('R-SEC-02 a %s may not register a parent (403)', async (role) => {
      const { school, kid } = await world();
      const user = await t.make.staff(school.id, [role]);
      expectProblem(await t.http.post('/api/v1/guardians').set(user.auth).send(newGuardian(school.id, kid.id)), 403);
      expect(await guardiansOf(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 another school\'s admin gets 404', async () => {
      const { school, kid } = await world();
      const other = await world();
      expectProblem(await t.http.post('/api/v1/guardians').set(other.admin.auth).send(newGuardian(school.id, kid.id)), 404);
      expect(await guardiansOf(school.id)).toHaveLength(0);
    });
  });

  describe('GET /guardians and /guardians/{id}', () => {
    it('R-ROS-04 the admin lists the school\'s parents, and those of one student', async () => {
      const { school, admin, kid, otherKid } = await world();
      const p1 = await t.make.parent(school.id, [kid.id]);
      const p2 = await t.make.parent(school.id, [otherKid.id]);
      const other = await world();
      await t.make.parent(other.school.id, [other.kid.id]);

      const all = await t.http.get(`/api/v1/guardians?schoolId=${school.id}`).set(admin.auth);
      expect(all.status, JSON.stringify(all.body)).toBe(200);
      expect(all.body.map((g: { id: string }) => g.id).sort()).toEqual([p1.guardianId, p2.guardianId].sort());
      const one = await t.http.get(`/api/v1/guardians?schoolId=${school.id}&studentId=${kid.id}`).set(admin.auth);
      expect(one.body).toEqual([expect.objectContaining({ id: p1.guardianId, personId: p1.personId, login: p1.login,
        students: [{ studentId: kid.id, fullName: 'Смирнов Иван', relation: 'parent', className: '5А' }] })]);

      const card = await t.http.get(`/api/v1/guardians/${p2.guardianId}`).set(admin.auth);
      expect(card.status).toBe(200);
      expect(card.body).toMatchObject({ id: p2.guardianId, fullName: 'Родителева Тест', students: [{ studentId: otherKid.id, className: '5Б' }], version: 1 });
      for (const role of ['director', 'deputy'] as const) {
        const user = await t.make.staff(school.id, [role]);
        expect((await t.http.get(`/api/v1/guardians?schoolId=${school.id}`).set(user.auth)).body).toHaveLength(2);
        expect((await t.http.get(`/api/v1/guardians/${p1.guardianId}`).set(user.auth)).status).toBe(200);
      }
    });

    it('R-SEC-02 a class teacher reads the parents of own students only: 400 without studentId, 404 for another class', async () => {
      const { school, ct, kid, otherKid } = await world();
      const mine = await t.make.parent(school.id, [kid.id]);
      const notMine = await t.make.parent(school.id, [otherKid.id]);
      expectProblem(await t.http.get(`/api/v1/guardians?schoolId=${school.id}`).set(ct.auth), 400, 'studentId');
      const res = await t.http.get(`/api/v1/guardians?schoolId=${school.id}&studentId=${kid.id}`).set(ct.auth);
      expect(res.status).toBe(200);
      expect(res.body.map((g: { id: string }) => g.id)).toEqual([mine.guardianId]);
      expectProblem(await t.http.get(`/api/v1/guardians?schoolId=${school.id}&studentId=${otherKid.id}`).set(ct.auth), 404);
      expect((await t.http.get(`/api/v1/guardians/${mine.guardianId}`).set(ct.auth)).status).toBe(200);
      expectProblem(await t.http.get(`/api/v1/guardians/${notMine.guardianId}`).set(ct.auth), 404);
    });

    it('R-SEC-02 a subject teacher gets 403 on the list; ids of another school or unknown answer 404; bad ids 400', async () => {
      const { school, admin, kid } = await world();
      const p = await t.make.parent(school.id, [kid.id]);
      const teacher = await t.make.staff(school.id, ['teacher']);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/guardians?schoolId=${school.id}`).set(teacher.auth), 403);
      expectProblem(await t.http.get(`/api/v1/guardians?schoolId=${school.id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/guardians/${p.guardianId}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/guardians/${UNKNOWN}`).set(admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/guardians').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get(`/api/v1/guardians?schoolId=${school.id}&studentId=abc`).set(admin.auth), 400, 'studentId');
      expectProblem(await t.http.get('/api/v1/guardians/abc').set(admin.auth), 400);
    });
  });

  describe('PATCH /guardians/{id}', () => {
    it('R-ROS-04 the admin updates contacts and the identity document; the check is re-recorded; audit before/after', async () => {
      const { school, admin, kid } = await world();
      const created = await t.http.post('/api/v1/guardians').set(admin.auth).send(newGuardian(school.id, kid.id, { identityDocument: undefined }));
      const id = created.body.id;
      const res = await t.http.patch(`/api/v1/guardians/${id}`).set(admin.auth).set('x-request-id', 'gd-upd-1').send({
        phone: '+79005556677', email: 'anna@example.ru', identityDocument: 'Паспорт 28 11 654321', applicationNumber: 'З-2026/042',
        version: 1, reason: 'Новый паспорт',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id, phone: '+79005556677', email: 'anna@example.ru', identityDocument: 'Паспорт 28 11 654321',
        applicationNumber: 'З-2026/042', identityCheckedAt: expect.any(String), identityCheckedByName: 'Админова Тест', version: 2 });
      expect(await t.db.query(`SELECT phone, email FROM persons WHERE id = $1`, [created.body.personId]))
        .toEqual([{ phone: '+79005556677', email: 'anna@example.ru' }]);
      expect((await t.db.query(`SELECT identity_checked_by FROM guardians WHERE id = $1`, [id]))[0].identity_checked_by).toBe(admin.personId);
      const [e] = await audit(school.id, 'guardian.update');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'guardian', entity_id: id,
        reason: 'Новый паспорт', request_id: 'gd-upd-1' });
      expect(e.before).toMatchObject({ phone: '+79001112233', identityDocument: null, identityCheckedAt: null, version: 1 });
      expect(e.after).toMatchObject({ phone: '+79005556677', identityDocument: 'Паспорт 28 11 654321', version: 2 });
    });

    it('R-API-03 a change of contacts alone bumps the version, so a stale copy then gets 412', async () => {
      const { school, admin, kid } = await world();
      const p = await t.make.parent(school.id, [kid.id]);
      const first = await t.http.patch(`/api/v1/guardians/${p.guardianId}`).set(admin.auth).send({ phone: '+79001234567', version: 1 });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ phone: '+79001234567', version: 2 });
      expectProblem(await t.http.patch(`/api/v1/guardians/${p.guardianId}`).set(admin.auth).send({ phone: '+79007654321', version: 1 }), 412);
      expect((await t.db.query(`SELECT phone FROM persons WHERE id = $1`, [p.personId]))[0].phone).toBe('+79001234567');
      expect(await audit(school.id, 'guardian.update')).toHaveLength(1);
    });

    it.each([
      ['missing version', { phone: '+79001234567' }, 'version'],
      ['phone too short', { phone: '12', version: 1 }, 'phone'],
      ['applicationDate 2026-13-01', { applicationDate: '2026-13-01', version: 1 }, 'applicationDate'],
      ['an unknown field', { students: [], version: 1 }, 'students'],
    ])('R-API-03 %s answers 400 naming the field; nothing changes', async (_name, body, field) => {
      const { school, admin, kid } = await world();
      const p = await t.make.parent(school.id, [kid.id]);
      expectProblem(await t.http.patch(`/api/v1/guardians/${p.guardianId}`).set(admin.auth).send(body), 400, field);
      expect(await versionOf(p.guardianId)).toBe(1);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 the class teacher edits parents of own students (200) but not of another class (403); director and deputy 403', async () => {
      const { school, ct, kid, otherKid } = await world();
      const mine = await t.make.parent(school.id, [kid.id]);
      const notMine = await t.make.parent(school.id, [otherKid.id]);
      const ok = await t.http.patch(`/api/v1/guardians/${mine.guardianId}`).set(ct.auth).send({ phone: '+79001234567', version: 1 });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect((await audit(school.id, 'guardian.update'))[0]).toMatchObject({ actor_role: 'class_teacher', entity_id: mine.guardianId });
      expectProblem(await t.http.patch(`/api/v1/guardians/${notMine.guardianId}`).set(ct.auth).send({ phone: '+79001234567', version: 1 }), 403);
      for (const role of ['director', 'deputy'] as const) {
        const user = await t.make.staff(school.id, [role]);
        expectProblem(await t.http.patch(`/api/v1/guardians/${notMine.guardianId}`).set(user.auth).send({ phone: '+79001234567', version: 1 }), 403);
      }
      expect(await versionOf(notMine.guardianId)).toBe(1);
      expect(await audit(school.id, 'guardian.update')).toHaveLength(1);
    });

    it('R-SEC-02 another school\'s parent or an unknown id answers 404', async () => {
      const { school, kid } = await world();
      const p = await t.make.parent(school.id, [kid.id]);
      const other = await world();
      expectProblem(await t.http.patch(`/api/v1/guardians/${p.guardianId}`).set(other.admin.auth).send({ phone: '+79001234567', version: 1 }), 404);
      expectProblem(await t.http.patch(`/api/v1/guardians/${UNKNOWN}`).set(other.admin.auth).send({ phone: '+79001234567', version: 1 }), 404);
      expect(await versionOf(p.guardianId)).toBe(1);
    });
  });

  describe('POST /guardians/{id}/students and DELETE /guardians/{id}/students/{studentId}', () => {
    it('R-ROS-04 the admin links a parent to a second child; row, version and audit before/after', async () => {
      const { school, admin, kid, otherKid } = await world();
      const p = await t.make.parent(school.id, [kid.id]);
      const res = await t.http.post(`/api/v1/guardians/${p.guardianId}/students`).set(admin.auth).send({ studentId: otherKid.id, relation: 'father' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.version).toBe(2);
      expect(res.body.students).toEqual(expect.arrayContaining([
        { studentId: kid.id, fullName: 'Смирнов Иван', relation: 'parent', className: '5А' },
        { studentId: otherKid.id, fullName: 'Жуков Олег', relation: 'father', className: '5Б' },
      ]));
      expect(await links(p.guardianId)).toEqual(expect.arrayContaining([{ student_id: otherKid.id, relation: 'father' }]));
      expect(await links(p.guardianId)).toHaveLength(2);
      const [e] = await audit(school.id, 'guardian.link');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'guardian', entity_id: p.guardianId });
      expect((e.before as { students: unknown[] }).students).toHaveLength(1);
      expect((e.after as { students: unknown[] }).students).toHaveLength(2);
    });

    it('R-ROS-04 linking twice answers 409; bad bodies 400 naming the field; a student of another school 400', async () => {
      const { school, admin, kid } = await world();
      const other = await world();
      const p = await t.make.parent(school.id, [kid.id]);
      const url = `/api/v1/guardians/${p.guardianId}/students`;
      expectProblem(await t.http.post(url).set(admin.auth).send({ studentId: kid.id, relation: 'mother' }), 409);
      expectProblem(await t.http.post(url).set(admin.auth).send({ studentId: 'x', relation: 'mother' }), 400, 'studentId');
      expectProblem(await t.http.post(url).set(admin.auth).send({ studentId: kid.id, relation: 'uncle' }), 400, 'relation');
      expectProblem(await t.http.post(url).set(admin.auth).send({ relation: 'mother' }), 400, 'studentId');
      expectProblem(await t.http.post(url).set(admin.auth).send({ studentId: kid.id, relation: 'mother', since: '2020-01-01' }), 400, 'since');
      expectProblem(await t.http.post(url).set(admin.auth).send({ studentId: other.kid.id, relation: 'mother' }), 400, 'studentId');
      expect(await links(p.guardianId)).toHaveLength(1);
      expect(await versionOf(p.guardianId)).toBe(1);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 linking: class teacher to an own student 200, to another class\'s student 403; director 403; other school 404', async () => {
      const { school, ct, classA, kid, otherKid } = await world();
      const sibling = await t.make.student(school.id, classA, { lastName: 'Смирнова', firstName: 'Мария' });
      const p = await t.make.parent(school.id, [kid.id]);
      const url = `/api/v1/guardians/${p.guardianId}/students`;
      expect((await t.http.post(url).set(ct.auth).send({ studentId: sibling.id, relation: 'mother' })).status).toBe(200);
      expectProblem(await t.http.post(url).set(ct.auth).send({ studentId: otherKid.id, relation: 'mother' }), 403);
      const director = await t.make.staff(school.id, ['director']);
      expectProblem(await t.http.post(url).set(director.auth).send({ studentId: otherKid.id, relation: 'mother' }), 403);
      const other = await world();
      expectProblem(await t.http.post(url).set(other.admin.auth).send({ studentId: otherKid.id, relation: 'mother' }), 404);
      expectProblem(await t.http.post(`/api/v1/guardians/${UNKNOWN}/students`).set(other.admin.auth).send({ studentId: other.kid.id, relation: 'mother' }), 404);
      expect((await links(p.guardianId)).map((l: { student_id: string }) => l.student_id).sort()).toEqual([kid.id, sibling.id].sort());
      expect(await audit(school.id, 'guardian.link')).toHaveLength(1);
    });

    it('R-ROS-04 R-ROS-05 unlinking removes the link and revokes the interested persons that parent designated for that child', async () => {
      const { school, admin, kid, otherKid } = await world();
      const p = await t.make.parent(school.id, [kid.id, otherKid.id]);
      const forKid = await t.http.post('/api/v1/interested-persons').set(p.auth).send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера' });
      const forOther = await t.http.post('/api/v1/interested-persons').set(p.auth).send({ studentId: otherKid.id, lastName: 'Дедушкин', firstName: 'Пётр' });
      expect(forKid.status, JSON.stringify(forKid.body)).toBe(201);
      expect(forOther.status).toBe(201);
      const grandma = await t.make.signIn(forKid.body.login, forKid.body.initialPassword);
      const meBefore = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${grandma.token}`);
      expect(meBefore.body.children).toEqual([expect.objectContaining({ studentId: kid.id, relation: 'interested_person' })]);

      const res = await t.http.delete(`/api/v1/guardians/${p.guardianId}/students/${kid.id}`).set(admin.auth).set('x-request-id', 'gd-unlink-1');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.students).toEqual([expect.objectContaining({ studentId: otherKid.id })]);
      expect(res.body.version).toBe(2);
      expect(await links(p.guardianId)).toEqual([{ student_id: otherKid.id, relation: 'parent' }]);
      const ips = await t.db.query(`SELECT id, revoked_at FROM interested_persons WHERE designated_by = $1`, [p.guardianId]);
      expect(ips.find((r: { id: string }) => r.id === forKid.body.id).revoked_at).toBeInstanceOf(Date);
      expect(ips.find((r: { id: string }) => r.id === forOther.body.id).revoked_at).toBeNull();
      const [e] = await audit(school.id, 'guardian.unlink');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity_id: p.guardianId, request_id: 'gd-unlink-1' });
      expect((e.before as { students: unknown[] }).students).toHaveLength(2);
      expect((e.after as { students: unknown[] }).students).toHaveLength(1);

      // The designated person loses the child at the next request.
      const meAfter = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${grandma.token}`);
      if (meAfter.status === 200) expect(meAfter.body.children).toEqual([]);
      else expectProblem(meAfter, 401);
      // The parent's own access to the remaining child stays.
      const parentMe = await t.http.get('/api/v1/me').set(p.auth);
      expect(parentMe.body.children.map((c: { studentId: string }) => c.studentId)).toEqual([otherKid.id]);
    });

    it('R-ROS-04 unlinking a child that is not linked answers 404; bad ids 400; nothing changes', async () => {
      const { school, admin, kid, otherKid } = await world();
      const p = await t.make.parent(school.id, [kid.id]);
      expectProblem(await t.http.delete(`/api/v1/guardians/${p.guardianId}/students/${otherKid.id}`).set(admin.auth), 404);
      expectProblem(await t.http.delete(`/api/v1/guardians/${p.guardianId}/students/${UNKNOWN}`).set(admin.auth), 404);
      expectProblem(await t.http.delete(`/api/v1/guardians/${p.guardianId}/students/x`).set(admin.auth), 400);
      expect(await links(p.guardianId)).toHaveLength(1);
      expect(await versionOf(p.guardianId)).toBe(1);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 unlinking: class teacher of another class 403, director 403, another school\'s admin 404', async () => {
      const { school, ct, kid, otherKid } = await world();
      const p = await t.make.parent(school.id, [otherKid.id]);
      const director = await t.make.staff(school.id, ['director']);
      const other = await world();
      const url = `/api/v1/guardians/${p.guardianId}/students/${otherKid.id}`;
      expectProblem(await t.http.delete(url).set(ct.auth), 403);
      expectProblem(await t.http.delete(url).set(director.auth), 403);
      expectProblem(await t.http.delete(url).set(other.admin.auth), 404);
      expect(await links(p.guardianId)).toHaveLength(1);
      // The class teacher of the child may unlink.
      const own = await t.make.parent(school.id, [kid.id]);
      expect((await t.http.delete(`/api/v1/guardians/${own.guardianId}/students/${kid.id}`).set(ct.auth)).status).toBe(200);
      expect(await links(own.guardianId)).toHaveLength(0);
      expect((await audit(school.id)).map((e) => [e.action, e.actor_role])).toEqual([['guardian.unlink', 'class_teacher']]);
    });
  });
});
