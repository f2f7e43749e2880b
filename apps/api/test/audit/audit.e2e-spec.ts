import type { EntityManager } from 'typeorm';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

interface AuditRow {
  seq: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

describe('audit log (R-AUD-01, R-AUD-02, R-AUD-03)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const events = (schoolId: string): Promise<AuditRow[]> =>
    t.db.query(`SELECT * FROM audit_events WHERE school_key = $1 ORDER BY seq`, [schoolId]);
  const countOf = async (schoolId: string): Promise<number> =>
    (await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE school_key = $1`, [schoolId]))[0].n;
  const version = async (schoolId: string): Promise<number> => (await t.db.query(`SELECT version FROM schools WHERE id = $1`, [schoolId]))[0].version;
  /** Runs SQL with the append-only trigger switched off inside one transaction (as an attacker with DDL rights would). */
  const tamper = (fn: (tx: EntityManager) => Promise<unknown>) => t.db.transaction(async (tx) => {
    await tx.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    await fn(tx);
    await tx.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
  });

  /** A school with an admin and `n` audited renames (seq 1..n). */
  async function schoolWithHistory(n: number) {
    const school = await t.make.school({ name: 'Школа № 1' });
    const admin = await t.make.staff(school.id, ['admin']);
    for (let i = 1; i <= n; i++) {
      const res = await t.http.patch(`/api/v1/schools/${school.id}`).set(admin.auth)
        .send({ name: `Школа № ${i + 1}`, version: await version(school.id) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    return { school, admin };
  }
  const verify = (schoolId: string, auth: { Authorization: string }) => t.http.get(`/api/v1/audit/verify?schoolId=${schoolId}`).set(auth);

  describe('R-AUD-01 entries of roster writes', () => {
    it('R-AUD-01 PATCH /schools/{id} records actor, role, time, before/after, reason and request id', async () => {
      const school = await t.make.school({ name: 'Школа № 3' });
      const admin = await t.make.staff(school.id, ['admin']);
      const started = Date.now();
      const res = await t.http.patch(`/api/v1/schools/${school.id}`).set(admin.auth).set('x-request-id', 'audit-school-1')
        .send({ name: 'Школа № 33', address: 'г. Тверь, ул. Новая, 1', version: 1, reason: 'Переименование по приказу № 7' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ name: 'Школа № 33', version: 2 });

      const rows = await events(school.id);
      expect(rows).toHaveLength(1);
      const e = rows[0];
      expect(e).toMatchObject({
        seq: '1', actor_user_id: await userIdOf(admin.login), actor_role: 'admin', action: 'school.update', entity: 'school',
        entity_id: school.id, reason: 'Переименование по приказу № 7', request_id: 'audit-school-1', prev_hash: '0'.repeat(64),
      });
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.before).toMatchObject({ id: school.id, name: 'Школа № 3', address: 'г. Тверь', version: 1 });
      expect(e.after).toMatchObject({ id: school.id, name: 'Школа № 33', address: 'г. Тверь, ул. Новая, 1', version: 2 });
      expect(e.occurred_at.getTime()).toBeGreaterThanOrEqual(started - 1000);
      expect(e.occurred_at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      expect(res.headers['x-request-id']).toBe('audit-school-1');
    });

    it('R-AUD-01 POST /staff records the new employment (no before) and never the initial password', async () => {
      const school = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin']);
      const res = await t.http.post('/api/v1/staff').set(admin.auth).set('x-request-id', 'audit-staff-1').send({
        schoolId: school.id, lastName: 'Кузнецова', firstName: 'Ольга', middleName: 'Игоревна', roles: ['teacher', 'class_teacher'],
        position: 'Учитель математики', startsOn: '2026-08-25', hireOrderNumber: '45-к',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const [e] = await events(school.id);
      expect(e).toMatchObject({
        seq: '1', actor_user_id: await userIdOf(admin.login), actor_role: 'admin', action: 'staff.create', entity: 'staff',
        entity_id: res.body.id, before: null, reason: null, request_id: 'audit-staff-1',
      });
      expect(e.after).toMatchObject({ id: res.body.id, personId: res.body.personId, fullName: 'Кузнецова Ольга Игоревна',
        roles: ['teacher', 'class_teacher'], position: 'Учитель математики', status: 'active', login: res.body.login });
      expect(JSON.stringify(e)).not.toContain(res.body.initialPassword);
    });

    it('R-AUD-01 dismissal records the reason given by the admin', async () => {
      const school = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin']);
      const teacher = await t.make.staff(school.id, ['teacher']);
      const res = await t.http.post(`/api/v1/staff/${teacher.employmentId}/dismiss`).set(admin.auth)
        .send({ date: '2026-12-31', orderNumber: '101-к', version: 1, reason: 'По собственному желанию' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const [e] = await events(school.id);
      expect(e).toMatchObject({ action: 'staff.dismiss', entity_id: teacher.employmentId, reason: 'По собственному желанию', actor_role: 'admin' });
      expect(e.before).toMatchObject({ status: 'active', endsOn: null });
      expect(e.after).toMatchObject({ status: 'dismissed', endsOn: '2026-12-31', dismissalOrderNumber: '101-к' });
    });

    it('R-AUD-01 a write that fails validation, version or a rule writes no audit entry', async () => {
      const school = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin']);
      const taken = await t.make.staff(school.id, ['teacher']);
      const before = await countOf(school.id);
      expectProblem(await t.http.post('/api/v1/staff').set(admin.auth).send({ schoolId: school.id, lastName: 'Петрова', firstName: 'Анна',
        roles: ['janitor'], position: 'Учитель', startsOn: '2026-08-25' }), 400, 'roles');
      expectProblem(await t.http.patch(`/api/v1/schools/${school.id}`).set(admin.auth).send({ timeZone: 'Mars/Olympus', version: 1 }), 400, 'timeZone');
      expectProblem(await t.http.patch(`/api/v1/schools/${school.id}`).set(admin.auth).send({ name: 'Школа № 99', version: 7 }), 412);
      expectProblem(await t.http.post('/api/v1/staff').set(admin.auth).send({ schoolId: school.id, lastName: 'Петрова', firstName: 'Анна',
        roles: ['teacher'], position: 'Учитель', startsOn: '2026-08-25', login: taken.login }), 409);
      expect(await countOf(school.id)).toBe(before);
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = 'Петрова'`)).toHaveLength(0);
      expect((await t.db.query(`SELECT name FROM schools WHERE id = $1`, [school.id]))[0].name).toBe(school.name);
    });

    it('R-AUD-01 each school has its own chain starting at seq 1', async () => {
      const a = await schoolWithHistory(2);
      const b = await schoolWithHistory(1);
      expect((await events(a.school.id)).map((e) => e.seq)).toEqual(['1', '2']);
      expect((await events(b.school.id)).map((e) => e.seq)).toEqual(['1']);
      const [head] = await t.db.query(`SELECT last_seq, last_hash FROM audit_chain_heads WHERE school_key = $1`, [a.school.id]);
      const rows = await events(a.school.id);
      expect(head).toEqual({ last_seq: '2', last_hash: rows[1].hash });
      expect(rows[1].prev_hash).toBe(rows[0].hash);
    });
  });

  describe('R-AUD-03 GET /audit/events', () => {
    it('R-AUD-03 returns an entity\'s history oldest first', async () => {
      const { school, admin } = await schoolWithHistory(3);
      const staff = await t.http.post('/api/v1/staff').set(admin.auth).send({ schoolId: school.id, lastName: 'Орлова', firstName: 'Вера',
        roles: ['teacher'], position: 'Учитель', startsOn: '2026-08-25' });
      expect(staff.status).toBe(201);

      const res = await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&entity=school&id=${school.id}`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3]);
      expect(res.body.items.map((e: { after: { name: string } }) => e.after.name)).toEqual(['Школа № 2', 'Школа № 3', 'Школа № 4']);
      expect(res.body.items.map((e: { before: { name: string } }) => e.before.name)).toEqual(['Школа № 1', 'Школа № 2', 'Школа № 3']);
      expect(res.body.items[0]).toMatchObject({ action: 'school.update', entity: 'school', entityId: school.id, actorRole: 'admin',
        actorUserId: await userIdOf(admin.login), occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), requestId: expect.any(String) });

      const staffHistory = await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&entity=staff&id=${staff.body.id}`).set(admin.auth);
      expect(staffHistory.body).toMatchObject({ total: 1, items: [{ seq: 4, action: 'staff.create', entityId: staff.body.id }] });
    });

    it('R-AUD-03 without entity lists the school\'s recent events newest first, paginated', async () => {
      const { school, admin } = await schoolWithHistory(3);
      const res = await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&limit=2`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(3);
      expect(res.body.items.map((e: { seq: number }) => e.seq)).toEqual([3, 2]);
      const next = await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&limit=2&offset=2`).set(admin.auth);
      expect(next.body.items.map((e: { seq: number }) => e.seq)).toEqual([1]);
      expectProblem(await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&limit=0`).set(admin.auth), 400, 'limit');
      expectProblem(await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&offset=-1`).set(admin.auth), 400, 'offset');
    });

    it('R-SEC-02 the director and the deputy read the history; a teacher gets 403, another school\'s admin 404', async () => {
      const { school } = await schoolWithHistory(1);
      const other = await t.make.school();
      const director = await t.make.staff(school.id, ['director']);
      const deputy = await t.make.staff(school.id, ['deputy']);
      const teacher = await t.make.staff(school.id, ['teacher', 'class_teacher']);
      const foreign = await t.make.staff(other.id, ['admin']);
      const url = `/api/v1/audit/events?schoolId=${school.id}&entity=school&id=${school.id}`;
      expect((await t.http.get(url).set(director.auth)).body.total).toBe(1);
      expect((await t.http.get(url).set(deputy.auth)).body.total).toBe(1);
      expect((await verify(school.id, director.auth)).body.ok).toBe(true);
      expect(expectProblem(await t.http.get(url).set(teacher.auth), 403).type).toBe('/problems/forbidden');
      expectProblem(await verify(school.id, teacher.auth), 403);
      expect(expectProblem(await t.http.get(url).set(foreign.auth), 404).type).toBe('/problems/not-found');
      expectProblem(await verify(school.id, foreign.auth), 404);
      expectProblem(await t.http.get(url), 401);
    });

    it('R-AUD-03 an integration token does not read the audit log', async () => {
      const { school, admin } = await schoolWithHistory(1);
      const tok = await t.http.post('/api/v1/integration-tokens').set(admin.auth).send({ schoolId: school.id, name: 'Отчёты', scopes: ['roster:read'] });
      expectProblem(await t.http.get(`/api/v1/audit/events?schoolId=${school.id}`).set('Authorization', `Bearer ${tok.body.token}`), 403);
    });

    it('R-API-03 a wrong or missing schoolId, entity or id answers 400 naming the field; an unknown id 404', async () => {
      const { school, admin } = await schoolWithHistory(1);
      expectProblem(await t.http.get('/api/v1/audit/events').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get('/api/v1/audit/events?schoolId=not-a-uuid').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get('/api/v1/audit/verify').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get('/api/v1/audit/verify?schoolId=123').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&entity=School!&id=${school.id}`).set(admin.auth), 400, 'entity');
      expectProblem(await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&entity=school`).set(admin.auth), 400, 'id');
      expectProblem(await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&id=${school.id}`).set(admin.auth), 400, 'entity');
      expectProblem(await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&entity=school&id=00000000-0000-4000-8000-000000000000`)
        .set(admin.auth), 404);
      // Another school's entity is not visible through this school's log.
      const other = await schoolWithHistory(1);
      expectProblem(await t.http.get(`/api/v1/audit/events?schoolId=${school.id}&entity=school&id=${other.school.id}`).set(admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/audit/events?schoolId=00000000-0000-4000-8000-000000000000`).set(admin.auth), 404);
    });
  });

  describe('R-AUD-02 append-only hash chain', () => {
    it('R-AUD-02 verify reports ok after several writes', async () => {
      const { school, admin } = await schoolWithHistory(4);
      const res = await verify(school.id, admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ schoolId: school.id, ok: true, checked: 4, firstBrokenSeq: null, problem: null });
    });

    it('R-AUD-02 verify of a school with no entries is ok with 0 checked', async () => {
      const school = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin']);
      expect((await verify(school.id, admin.auth)).body).toMatchObject({ ok: true, checked: 0, firstBrokenSeq: null });
    });

    it('R-AUD-02 detects an entry altered in SQL: ok false, firstBrokenSeq 2', async () => {
      const { school, admin } = await schoolWithHistory(3);
      const other = await schoolWithHistory(3);
      await tamper((tx) => tx.query(`UPDATE audit_events SET reason = 'x' WHERE seq = 2 AND school_key = $1`, [school.id]));
      expect((await events(school.id))[1].reason).toBe('x');
      const res = await verify(school.id, admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ schoolId: school.id, ok: false, checked: 1, firstBrokenSeq: 2, problem: expect.stringMatching(/hash/) });
      // Another school's chain is unaffected.
      expect((await verify(other.school.id, other.admin.auth)).body).toMatchObject({ ok: true, checked: 3 });
    });

    it('R-AUD-02 detects an altered before/after snapshot', async () => {
      const { school, admin } = await schoolWithHistory(3);
      await tamper((tx) => tx.query(`UPDATE audit_events SET after = jsonb_set(after, '{name}', '"Подделка"') WHERE seq = 3 AND school_key = $1`, [school.id]));
      expect((await verify(school.id, admin.auth)).body).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    });

    it('R-AUD-02 detects a broken link (prev_hash rewritten)', async () => {
      const { school, admin } = await schoolWithHistory(3);
      await tamper((tx) => tx.query(`UPDATE audit_events SET prev_hash = $2 WHERE seq = 2 AND school_key = $1`, [school.id, 'f'.repeat(64)]));
      expect((await verify(school.id, admin.auth)).body).toMatchObject({ ok: false, firstBrokenSeq: 2, problem: expect.stringMatching(/link/) });
    });

    it('R-AUD-02 detects a removed entry in the middle', async () => {
      const { school, admin } = await schoolWithHistory(4);
      await tamper((tx) => tx.query(`DELETE FROM audit_events WHERE seq = 2 AND school_key = $1`, [school.id]));
      expect((await verify(school.id, admin.auth)).body).toMatchObject({ ok: false, checked: 1, firstBrokenSeq: 2, problem: expect.stringMatching(/missing/) });
    });

    it('R-AUD-02 detects the removal of the last entry', async () => {
      const { school, admin } = await schoolWithHistory(3);
      await tamper((tx) => tx.query(`DELETE FROM audit_events WHERE seq = 3 AND school_key = $1`, [school.id]));
      expect(await countOf(school.id)).toBe(2);
      expect((await verify(school.id, admin.auth)).body).toMatchObject({ ok: false, checked: 2, firstBrokenSeq: 3, problem: expect.stringMatching(/removed/) });
    });

    it('R-AUD-02 detects a forged entry appended in SQL', async () => {
      const { school, admin } = await schoolWithHistory(2);
      const [last] = (await events(school.id)).slice(-1);
      await t.db.query(`INSERT INTO audit_events (school_key, seq, occurred_at, action, entity, entity_id, prev_hash, hash)
        VALUES ($1, 3, now(), 'school.update', 'school', $1, $2, $3)`, [school.id, last.hash, 'a'.repeat(64)]);
      expect((await verify(school.id, admin.auth)).body).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    });

    it('R-AUD-02 the trigger refuses a plain UPDATE, DELETE or TRUNCATE of audit_events', async () => {
      const { school, admin } = await schoolWithHistory(2);
      await expect(t.db.query(`UPDATE audit_events SET reason = 'x' WHERE seq = 1 AND school_key = $1`, [school.id])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM audit_events WHERE school_key = $1`, [school.id])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
      expect(await countOf(school.id)).toBe(2);
      expect((await events(school.id))[0].reason).toBeNull();
      expect((await verify(school.id, admin.auth)).body).toMatchObject({ ok: true, checked: 2 });
    });

    it('R-AUD-02 writes keep chaining after a verify', async () => {
      const { school, admin } = await schoolWithHistory(2);
      expect((await verify(school.id, admin.auth)).body.ok).toBe(true);
      await t.http.patch(`/api/v1/schools/${school.id}`).set(admin.auth).send({ phone: '+7 4822 11-22-33', version: await version(school.id) });
      expect((await verify(school.id, admin.auth)).body).toMatchObject({ ok: true, checked: 3 });
    });
  });
});
