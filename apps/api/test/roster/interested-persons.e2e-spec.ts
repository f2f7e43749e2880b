import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);

describe('interested persons (R-ROS-05, R-DIA-07, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string) => auditRows(t.db, schoolId, action);
  const designationsOf = (studentId: string) =>
    t.db.query(`SELECT id, person_id, designated_by, contact, valid_until::text, revoked_at FROM interested_persons WHERE student_id = $1`, [studentId]);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  let seq = 0;
  /** A surname no other test uses (names allow letters only). */
  const uniqueSurname = (base: string) => `${base}-${[...String(seq++)].map((d) => 'абвгдежзик'[Number(d)]).join('')}`;

  /** A school with an admin, a class, two families (each a parent with one child). */
  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin']);
    const yearId = await t.make.year(school.id);
    const classId = await t.make.schoolClass(school.id, yearId, 5, 'А');
    const kid = await t.make.student(school.id, classId, { lastName: 'Смирнов', firstName: 'Иван' });
    const parent = await t.make.parent(school.id, [kid.id]);
    const otherKid = await t.make.student(school.id, classId, { lastName: 'Жуков', firstName: 'Олег' });
    const otherParent = await t.make.parent(school.id, [otherKid.id]);
    return { school, admin, classId, kid, parent, otherKid, otherParent };
  }

  describe('POST /interested-persons', () => {
    it('R-ROS-05 a parent designates a person for their own child; the person signs in and sees only that child', async () => {
      const { school, kid, parent } = await world();
      const validUntil = isoDay(200);
      const res = await t.http.post('/api/v1/interested-persons').set(parent.auth).set('x-request-id', 'ip-create-1')
        .send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера', middleName: 'Ивановна', contact: '+79001112233', validUntil });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String), studentId: kid.id, personId: expect.any(String), fullName: 'Бабушкина Вера Ивановна', contact: '+79001112233',
        validUntil, revokedAt: null, active: true, login: expect.stringMatching(/^babushkina\.vi\d*$/), initialPassword: expect.any(String),
      });
      expect(res.body.initialPassword.length).toBeGreaterThanOrEqual(8);
      expect(await designationsOf(kid.id)).toEqual([{ id: res.body.id, person_id: res.body.personId, designated_by: parent.guardianId,
        contact: '+79001112233', valid_until: validUntil, revoked_at: null }]);
      expect(await t.db.query(`SELECT login, must_change_password FROM users WHERE person_id = $1`, [res.body.personId]))
        .toEqual([{ login: res.body.login, must_change_password: true }]);

      const [e] = await audit(school.id);
      expect(e).toMatchObject({ actor_user_id: await userIdOf(parent.login), actor_role: 'parent', action: 'interested_person.create',
        entity: 'interested_person', entity_id: res.body.id, before: null, request_id: 'ip-create-1' });
      expect(e.after).toMatchObject({ id: res.body.id, studentId: kid.id, fullName: 'Бабушкина Вера Ивановна', active: true });
      expect(JSON.stringify(e)).not.toContain(res.body.initialPassword);

      const session = await t.make.signIn(res.body.login, res.body.initialPassword);
      const me = await t.http.get('/api/v1/me').set(bearer(session.token));
      expect(me.status, JSON.stringify(me.body)).toBe(200);
      expect(me.body.children).toEqual([{ studentId: kid.id, schoolId: school.id, name: 'Смирнов Иван', className: '5А', relation: 'interested_person' }]);
      expect(me.body.memberships).toEqual([expect.objectContaining({ schoolId: school.id, roles: ['interested_person'] })]);
    });

    it('R-ROS-05 without validUntil the designation is open-ended; today is allowed', async () => {
      const { kid, parent } = await world();
      const open = await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: kid.id, lastName: 'Тётина', firstName: 'Ольга' });
      expect(open.status, JSON.stringify(open.body)).toBe(201);
      expect(open.body).toMatchObject({ validUntil: null, active: true, contact: null });
      const today = await t.http.post('/api/v1/interested-persons').set(parent.auth)
        .send({ studentId: kid.id, lastName: 'Дядин', firstName: 'Олег', validUntil: isoDay(0) });
      expect(today.status, JSON.stringify(today.body)).toBe(201);
      expect(today.body.validUntil).toBe(isoDay(0));
      expect(await designationsOf(kid.id)).toHaveLength(2);
    });

    it('R-ROS-05 R-DIA-07 a parent cannot designate for another family\'s child (404); nothing is written', async () => {
      const { school, otherKid, parent } = await world();
      const other = await world();
      const lastName = uniqueSurname('Чужая');
      expectProblem(await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: otherKid.id, lastName, firstName: 'Вера' }), 404);
      expectProblem(await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: other.kid.id, lastName, firstName: 'Вера' }), 404);
      expectProblem(await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: UNKNOWN, lastName, firstName: 'Вера' }), 404);
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = $1`, [lastName])).toHaveLength(0);
      expect(await designationsOf(otherKid.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it.each([
      ['validUntil in the past', { validUntil: isoDay(-1) }, 'validUntil'],
      ['validUntil 2026-02-30', { validUntil: '2026-02-30' }, 'validUntil'],
      ['validUntil 31.05.2027', { validUntil: '31.05.2027' }, 'validUntil'],
      ['missing lastName', { lastName: undefined }, 'lastName'],
      ['empty firstName', { firstName: '' }, 'firstName'],
      ['missing studentId', { studentId: undefined }, 'studentId'],
      ['bad studentId', { studentId: 'kid' }, 'studentId'],
      ['contact too short', { contact: '1' }, 'contact'],
      ['bad guardianId', { guardianId: 'g-1' }, 'guardianId'],
      ['an unknown field', { login: 'babushka' }, 'login'],
    ])('R-API-03 %s answers 400 naming the field; nothing is written', async (_name, over, field) => {
      const { school, kid, parent } = await world();
      const lastName = uniqueSurname('Бабушкина');
      const body: Record<string, unknown> = { studentId: kid.id, lastName, firstName: 'Вера', ...over };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expectProblem(await t.http.post('/api/v1/interested-persons').set(parent.auth).send(body), 400, field);
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = $1`, [lastName])).toHaveLength(0);
      expect(await designationsOf(kid.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-05 a parent designates as themself: another guardianId answers 400', async () => {
      const { kid, parent, otherParent } = await world();
      expectProblem(await t.http.post('/api/v1/interested-persons').set(parent.auth)
        .send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера', guardianId: otherParent.guardianId }), 400, 'guardianId');
      expect(await designationsOf(kid.id)).toHaveLength(0);
    });

    it('R-ROS-05 the admin records a paper designation on a parent\'s behalf; a child without parents answers 400', async () => {
      const { school, admin, classId, kid, parent } = await world();
      const res = await t.http.post('/api/v1/interested-persons').set(admin.auth)
        .send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера', guardianId: parent.guardianId });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect((await designationsOf(kid.id))[0].designated_by).toBe(parent.guardianId);
      expect((await audit(school.id, 'interested_person.create'))[0]).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin' });
      const orphan = await t.make.student(school.id, classId);
      expectProblem(await t.http.post('/api/v1/interested-persons').set(admin.auth)
        .send({ studentId: orphan.id, lastName: 'Бабушкина', firstName: 'Вера' }), 400, 'guardianId');
      const { otherParent } = await world();
      expectProblem(await t.http.post('/api/v1/interested-persons').set(admin.auth)
        .send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера', guardianId: otherParent.guardianId }), 400, 'guardianId');
      expect(await designationsOf(orphan.id)).toHaveLength(0);
      expect(await designationsOf(kid.id)).toHaveLength(1);
    });

    it.each([['director'], ['deputy'], ['teacher'], ['class_teacher']] as const)('R-SEC-02 a %s may not designate (403)', async (role) => {
      const { school, kid } = await world();
      const user = await t.make.staff(school.id, [role]);
      expectProblem(await t.http.post('/api/v1/interested-persons').set(user.auth).send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера' }), 403);
      expect(await designationsOf(kid.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 another school\'s admin gets 404', async () => {
      const { kid } = await world();
      const other = await world();
      expectProblem(await t.http.post('/api/v1/interested-persons').set(other.admin.auth).send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера' }), 404);
      expect(await designationsOf(kid.id)).toHaveLength(0);
    });
  });

  describe('GET /interested-persons', () => {
    it('R-ROS-05 the parent and the school\'s readers list a child\'s designations with their state', async () => {
      const { school, admin, kid, parent } = await world();
      const a = await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера' });
      const b = await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: kid.id, lastName: 'Дедушкин', firstName: 'Пётр' });
      await t.http.post(`/api/v1/interested-persons/${b.body.id}/revoke`).set(parent.auth).send({});
      const c = await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: kid.id, lastName: 'Соседова', firstName: 'Анна' });
      await t.db.query(`UPDATE interested_persons SET valid_until = current_date - 1 WHERE id = $1`, [c.body.id]);

      const res = await t.http.get(`/api/v1/interested-persons?studentId=${kid.id}`).set(parent.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({ id: a.body.id, fullName: 'Бабушкина Вера', active: true, revokedAt: null, login: a.body.login }),
        expect.objectContaining({ id: b.body.id, active: false, revokedAt: expect.any(String) }),
        expect.objectContaining({ id: c.body.id, active: false, revokedAt: null }),
      ]);
      expect(JSON.stringify(res.body)).not.toContain(a.body.initialPassword);
      for (const user of [admin, await t.make.staff(school.id, ['director']), await t.make.staff(school.id, ['deputy'])]) {
        const r = await t.http.get(`/api/v1/interested-persons?studentId=${kid.id}`).set(user.auth);
        expect(r.status).toBe(200);
        expect(r.body).toHaveLength(3);
      }
    });

    it('R-DIA-07 R-SEC-02 another family\'s parent gets 404, a teacher 403, another school\'s admin 404; bad studentId 400', async () => {
      const { school, kid, otherParent, admin } = await world();
      const teacher = await t.make.staff(school.id, ['teacher', 'class_teacher']);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/interested-persons?studentId=${kid.id}`).set(otherParent.auth), 404);
      expectProblem(await t.http.get(`/api/v1/interested-persons?studentId=${kid.id}`).set(teacher.auth), 403);
      expectProblem(await t.http.get(`/api/v1/interested-persons?studentId=${kid.id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/interested-persons?studentId=${UNKNOWN}`).set(admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/interested-persons').set(admin.auth), 400, 'studentId');
      expectProblem(await t.http.get('/api/v1/interested-persons?studentId=1').set(admin.auth), 400, 'studentId');
    });
  });

  describe('POST /interested-persons/{id}/revoke', () => {
    it('R-ROS-05 the parent revokes: the designation ends, the person\'s token stops working at the next request, audit before/after', async () => {
      const { school, kid, parent } = await world();
      const ip = await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера' });
      const session = await t.make.signIn(ip.body.login, ip.body.initialPassword);
      expect((await t.http.get('/api/v1/me').set(bearer(session.token))).body.children).toHaveLength(1);

      const res = await t.http.post(`/api/v1/interested-persons/${ip.body.id}/revoke`).set(parent.auth).set('x-request-id', 'ip-revoke-1').send({});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: ip.body.id, active: false, revokedAt: expect.any(String) });
      expect(res.body).not.toHaveProperty('initialPassword');
      expect((await designationsOf(kid.id))[0].revoked_at).toBeInstanceOf(Date);

      const [e] = await audit(school.id, 'interested_person.revoke');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(parent.login), actor_role: 'parent', entity: 'interested_person', entity_id: ip.body.id,
        request_id: 'ip-revoke-1' });
      expect(e.before).toMatchObject({ active: true, revokedAt: null });
      expect(e.after).toMatchObject({ active: false, revokedAt: expect.any(String) });

      const me = await t.http.get('/api/v1/me').set(bearer(session.token));
      if (me.status === 200) expect(me.body.children).toEqual([]);
      else expectProblem(me, 401);
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }), 401);
    });

    it('R-ROS-05 an expired designation gives no access (validUntil passed)', async () => {
      const { kid, parent } = await world();
      const ip = await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера' });
      const session = await t.make.signIn(ip.body.login, ip.body.initialPassword);
      await t.db.query(`UPDATE interested_persons SET valid_until = current_date - 1 WHERE id = $1`, [ip.body.id]);
      const me = await t.http.get('/api/v1/me').set(bearer(session.token));
      expect(me.status).toBe(200);
      expect(me.body.children).toEqual([]);
      expect(me.body.memberships).toEqual([]);
    });

    it('R-ROS-05 revoking twice answers 409; the admin may revoke; audit only for the real revocation', async () => {
      const { school, admin, kid, parent } = await world();
      const ip = await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера' });
      const res = await t.http.post(`/api/v1/interested-persons/${ip.body.id}/revoke`).set(admin.auth).send({});
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expectProblem(await t.http.post(`/api/v1/interested-persons/${ip.body.id}/revoke`).set(parent.auth).send({}), 409);
      expect((await audit(school.id, 'interested_person.revoke')).map((e) => e.actor_role)).toEqual(['admin']);
    });

    it('R-DIA-07 R-SEC-02 another family\'s parent and another school\'s admin get 404, a teacher or director 403; nothing changes', async () => {
      const { school, kid, parent, otherParent } = await world();
      const ip = await t.http.post('/api/v1/interested-persons').set(parent.auth).send({ studentId: kid.id, lastName: 'Бабушкина', firstName: 'Вера' });
      const other = await world();
      const url = `/api/v1/interested-persons/${ip.body.id}/revoke`;
      expectProblem(await t.http.post(url).set(otherParent.auth).send({}), 404);
      expectProblem(await t.http.post(url).set(other.admin.auth).send({}), 404);
      for (const role of ['teacher', 'director', 'deputy'] as const) {
        expectProblem(await t.http.post(url).set((await t.make.staff(school.id, [role])).auth).send({}), 403);
      }
      expectProblem(await t.http.post(`/api/v1/interested-persons/${UNKNOWN}/revoke`).set(parent.auth).send({}), 404);
      expectProblem(await t.http.post('/api/v1/interested-persons/x/revoke').set(parent.auth).send({}), 400);
      expect((await designationsOf(kid.id))[0].revoked_at).toBeNull();
      expect(await audit(school.id, 'interested_person.revoke')).toHaveLength(0);
    });

  });
});
