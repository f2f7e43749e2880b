import { createHash } from 'node:crypto';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { TEST_PASSWORD } from '../support/factories';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('auth (R-SEC-01, R-SEC-02, R-ROS-02, R-API-02)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (login: string, password: string) => t.http.post('/api/v1/auth/login').send({ login, password });
  const userIdOf = async (login: string): Promise<string> =>
    (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  /** An account without a sign-in (so failed-login counters start at zero). */
  const account = async (lastName = 'Входова') => t.make.account(await t.make.person({ lastName, firstName: 'Ирина', middleName: 'Петровна' }));

  describe('login and /me', () => {
    it('R-SEC-01 signs in with login and password and returns a token pair', async () => {
      const school = await t.make.school();
      const personId = await t.make.person({ lastName: 'Смирнова', firstName: 'Анна', middleName: 'Викторовна' });
      await t.db.query(`INSERT INTO employments (id, school_id, person_id, roles, position, starts_on)
        VALUES (gen_random_uuid(), $1, $2, '{admin,teacher}', 'Учитель', '2020-08-25')`, [school.id, personId]);
      const name = await t.make.account(personId);
      const res = await login(name, TEST_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, accessToken: expect.any(String), refreshToken: expect.any(String) });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      // The refresh token is stored only as its hash.
      const rows = await t.db.query(`SELECT token_hash FROM refresh_tokens WHERE user_id = $1`, [await userIdOf(name)]);
      expect(rows).toEqual([{ token_hash: sha256(res.body.refreshToken) }]);
      const [u] = await t.db.query(`SELECT last_login_at, failed_logins FROM users WHERE login = $1`, [name]);
      expect(u.last_login_at).not.toBeNull();
      expect(u.failed_logins).toBe(0);
    });

    it('R-SEC-01 accepts the login case-insensitively', async () => {
      const name = await account();
      const res = await login(name.toUpperCase(), TEST_PASSWORD);
      expect(res.status).toBe(200);
    });

    it('R-SEC-02 /me shows the person, memberships with roles and school name, and children', async () => {
      const school = await t.make.school({ name: 'Школа № 5', timeZone: 'Asia/Yekaterinburg' });
      const other = await t.make.school({ name: 'Школа № 6' });
      const personId = await t.make.person({ lastName: 'Смирнова', firstName: 'Анна', middleName: 'Викторовна' });
      await t.db.query(`INSERT INTO employments (id, school_id, person_id, roles, position, starts_on)
        VALUES (gen_random_uuid(), $1, $2, '{admin,teacher}', 'Учитель', '2020-08-25'),
               (gen_random_uuid(), $3, $2, '{teacher}', 'Учитель', '2020-08-25')`, [school.id, personId, other.id]);
      const name = await t.make.account(personId);
      const { token } = await t.make.signIn(name);
      const res = await t.http.get('/api/v1/me').set(bearer(token));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ userId: await userIdOf(name), login: name, kind: 'user', personId, fullName: 'Смирнова Анна Викторовна', children: [] });
      expect(res.body.memberships).toHaveLength(2);
      expect(res.body.memberships).toEqual(expect.arrayContaining([
        { schoolId: school.id, schoolName: 'Школа № 5', timeZone: 'Asia/Yekaterinburg', roles: expect.arrayContaining(['admin', 'teacher']) },
        { schoolId: other.id, schoolName: 'Школа № 6', timeZone: 'Europe/Moscow', roles: ['teacher'] },
      ]));
    });

    it('R-DIA-07 /me lists a parent\'s children with their class', async () => {
      const school = await t.make.school();
      const year = await t.make.year(school.id);
      const cls = await t.make.schoolClass(school.id, year, 7, 'Б');
      const kid = await t.make.student(school.id, cls, { lastName: 'Сидоров', firstName: 'Павел' });
      const parent = await t.make.parent(school.id, [kid.id]);
      const res = await t.http.get('/api/v1/me').set(parent.auth);
      expect(res.status).toBe(200);
      expect(res.body.memberships).toEqual([{ schoolId: school.id, schoolName: school.name, timeZone: 'Europe/Moscow', roles: ['parent'] }]);
      expect(res.body.children).toEqual([{ studentId: kid.id, schoolId: school.id, name: 'Сидоров Павел', className: '7Б', relation: 'parent' }]);
    });

    it('R-SEC-01 answers a wrong password and an unknown login alike: 401 with the same problem type and detail', async () => {
      const name = await account();
      const wrong = expectProblem(await login(name, 'not-the-password'), 401);
      const unknown = expectProblem(await login(`nobody-${Date.now()}`, 'whatever-password'), 401);
      expect(wrong.type).toBe('/problems/unauthorized');
      expect(unknown.type).toBe(wrong.type);
      expect(unknown.detail).toBe(wrong.detail);
      expect(unknown.title).toBe(wrong.title);
      const [u] = await t.db.query(`SELECT failed_logins FROM users WHERE login = $1`, [name]);
      expect(u.failed_logins).toBe(1);
    });

    it('R-API-03 answers an invalid login body with 400 listing every bad field', async () => {
      const p = expectProblem(await t.http.post('/api/v1/auth/login').send({}), 400);
      expect(p.type).toBe('/problems/validation');
      expect(p.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['login', 'password']));
      const p2 = expectProblem(await t.http.post('/api/v1/auth/login').send({ login: 42, password: '' }), 400);
      expect(p2.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['login', 'password']));
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'short' }), 400, 'refreshToken');
    });

    it('R-SEC-01 a successful login resets the failure counter', async () => {
      const name = await account();
      await login(name, 'bad-1');
      await login(name, 'bad-2');
      expect((await t.db.query(`SELECT failed_logins FROM users WHERE login = $1`, [name]))[0].failed_logins).toBe(2);
      expect((await login(name, TEST_PASSWORD)).status).toBe(200);
      expect((await t.db.query(`SELECT failed_logins, locked_until FROM users WHERE login = $1`, [name]))[0])
        .toEqual({ failed_logins: 0, locked_until: null });
    });
  });

  describe('lockout', () => {
    it('R-SEC-01 locks the account after 5 failures: 423 even with the right password, lock stored in users.locked_until', async () => {
      const name = await account();
      for (let i = 0; i < 5; i++) expectProblem(await login(name, `wrong-${i}`), 401);
      const [u] = await t.db.query(`SELECT failed_logins, locked_until FROM users WHERE login = $1`, [name]);
      expect(u.failed_logins).toBe(5);
      expect(u.locked_until).toBeInstanceOf(Date);
      const minutes = (u.locked_until.getTime() - Date.now()) / 60_000;
      expect(minutes).toBeGreaterThan(14);
      expect(minutes).toBeLessThanOrEqual(15.1);

      const locked = expectProblem(await login(name, TEST_PASSWORD), 423);
      expect(locked.type).toBe('/problems/account-locked');
      expect(new Date(locked.lockedUntil).getTime()).toBe(u.locked_until.getTime());
      // No session was issued while locked.
      expect(await t.db.query(`SELECT 1 FROM refresh_tokens WHERE user_id = $1`, [await userIdOf(name)])).toHaveLength(0);
    });

    it('R-SEC-01 lets the user in again once the lock has expired', async () => {
      const name = await account();
      for (let i = 0; i < 5; i++) await login(name, `wrong-${i}`);
      expectProblem(await login(name, TEST_PASSWORD), 423);
      await t.db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE login = $1`, [name]);
      expect((await login(name, TEST_PASSWORD)).status).toBe(200);
      expect((await t.db.query(`SELECT failed_logins, locked_until FROM users WHERE login = $1`, [name]))[0])
        .toEqual({ failed_logins: 0, locked_until: null });
    });
  });

  describe('refresh rotation', () => {
    it('R-SEC-01 exchanges a refresh token for a new pair in the same session family', async () => {
      const name = await account();
      const first = (await login(name, TEST_PASSWORD)).body;
      const res = await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken });
      expect(res.status).toBe(200);
      expect(res.body.refreshToken).not.toBe(first.refreshToken);
      expect(res.body.accessToken).toEqual(expect.any(String));
      const rows = await t.db.query(`SELECT token_hash, family_id, used_at FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at, used_at NULLS LAST`,
        [await userIdOf(name)]);
      expect(rows).toHaveLength(2);
      expect(rows[0].family_id).toBe(rows[1].family_id);
      const old = rows.find((r: { token_hash: string }) => r.token_hash === sha256(first.refreshToken));
      const fresh = rows.find((r: { token_hash: string }) => r.token_hash === sha256(res.body.refreshToken));
      expect(old.used_at).not.toBeNull();
      expect(fresh.used_at).toBeNull();
      expect((await t.http.get('/api/v1/me').set(bearer(res.body.accessToken))).status).toBe(200);
      // The rotated session is still alive, so the first access token keeps working too.
      expect((await t.http.get('/api/v1/me').set(bearer(first.accessToken))).status).toBe(200);
    });

    it('R-SEC-01 revokes the whole family when a refresh token is reused', async () => {
      const name = await account();
      const first = (await login(name, TEST_PASSWORD)).body;
      const second = (await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken })).body;
      expect((await t.http.get('/api/v1/me').set(bearer(second.accessToken))).status).toBe(200);

      const reuse = expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }), 401);
      expect(reuse.detail).toMatch(/already used/);
      // The family is revoked in the database …
      const rows = await t.db.query(`SELECT revoked_at FROM refresh_tokens WHERE user_id = $1`, [await userIdOf(name)]);
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(r.revoked_at).not.toBeNull();
      // … so the newer refresh token of the same family stops working …
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }), 401);
      // … and the session's access tokens stop working at once.
      expectProblem(await t.http.get('/api/v1/me').set(bearer(second.accessToken)), 401);
      expectProblem(await t.http.get('/api/v1/me').set(bearer(first.accessToken)), 401);
    });

    it('R-SEC-01 reuse ends only the affected session, not the user\'s other sessions', async () => {
      const name = await account();
      const a = (await login(name, TEST_PASSWORD)).body;
      const b = (await login(name, TEST_PASSWORD)).body;
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: a.refreshToken });
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: a.refreshToken }), 401);
      expectProblem(await t.http.get('/api/v1/me').set(bearer(a.accessToken)), 401);
      expect((await t.http.get('/api/v1/me').set(bearer(b.accessToken))).status).toBe(200);
    });

    it('R-SEC-01 rejects an unknown or expired refresh token with 401', async () => {
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'x'.repeat(43) }), 401);
      const name = await account();
      const pair = (await login(name, TEST_PASSWORD)).body;
      await t.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`, [sha256(pair.refreshToken)]);
      const p = expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }), 401);
      expect(p.detail).toMatch(/expired/);
    });

    it('R-SEC-01 rejects a forged or tampered access token', async () => {
      const name = await account();
      const { accessToken } = (await login(name, TEST_PASSWORD)).body;
      const [h, p, s] = accessToken.split('.');
      const tampered = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
      expectProblem(await t.http.get('/api/v1/me').set(bearer(tampered)), 401);
    });
  });

  describe('logout, dismissal, revoked account, password change', () => {
    it('R-SEC-01 logout ends the session: its access and refresh tokens answer 401 at once', async () => {
      const name = await account();
      const pair = (await login(name, TEST_PASSWORD)).body;
      const other = (await login(name, TEST_PASSWORD)).body;
      const res = await t.http.post('/api/v1/auth/logout').set(bearer(pair.accessToken));
      expect(res.status).toBe(204);
      expectProblem(await t.http.get('/api/v1/me').set(bearer(pair.accessToken)), 401);
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }), 401);
      const [row] = await t.db.query(`SELECT revoked_at FROM refresh_tokens WHERE token_hash = $1`, [sha256(pair.refreshToken)]);
      expect(row.revoked_at).not.toBeNull();
      // Another device's session stays signed in.
      expect((await t.http.get('/api/v1/me').set(bearer(other.accessToken))).status).toBe(200);
    });

    it('R-SEC-01 logout needs a signed-in caller', async () => {
      expectProblem(await t.http.post('/api/v1/auth/logout'), 401);
    });

    it('R-ROS-02 dismissal ends the teacher\'s access at the next request even with a still-valid token', async () => {
      const school = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin']);
      const teacher = await t.make.staff(school.id, ['teacher']);
      const spare = await t.make.signIn(teacher.login);
      expect((await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(teacher.auth)).status).toBe(200);
      const [{ version }] = await t.db.query(`SELECT version FROM employments WHERE id = $1`, [teacher.employmentId]);

      const res = await t.http.post(`/api/v1/staff/${teacher.employmentId}/dismiss`).set(admin.auth)
        .send({ date: '2026-12-31', orderNumber: '101-к', version });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: teacher.employmentId, status: 'dismissed', endsOn: '2026-12-31' });

      expectProblem(await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(teacher.auth), 401);
      expectProblem(await t.http.get('/api/v1/me').set(teacher.auth), 401);
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: spare.refreshToken }), 401);
      const live = await t.db.query(`SELECT 1 FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE u.login = $1 AND t.revoked_at IS NULL`, [teacher.login]);
      expect(live).toHaveLength(0);
      // Signing in again gives no access to the school any more.
      const again = await t.make.signIn(teacher.login);
      const me = await t.http.get('/api/v1/me').set(bearer(again.token));
      expect(me.body.memberships).toEqual([]);
      expectProblem(await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(bearer(again.token)), 404);
    });

    it('R-ROS-02 a revoked account answers 401 at the next request and cannot sign in', async () => {
      const school = await t.make.school();
      const teacher = await t.make.staff(school.id, ['teacher']);
      expect((await t.http.get('/api/v1/me').set(teacher.auth)).status).toBe(200);
      await t.db.query(`UPDATE users SET status = 'revoked' WHERE login = $1`, [teacher.login]);
      expectProblem(await t.http.get('/api/v1/me').set(teacher.auth), 401);
      expectProblem(await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(teacher.auth), 401);
      const p = expectProblem(await login(teacher.login, TEST_PASSWORD), 401);
      expect(p.type).toBe('/problems/unauthorized');
    });

    it('R-ROS-02 a revoked account cannot refresh its session', async () => {
      const name = await account();
      const pair = (await login(name, TEST_PASSWORD)).body;
      await t.db.query(`UPDATE users SET status = 'revoked' WHERE login = $1`, [name]);
      expectProblem(await t.http.post('/api/v1/auth/refresh').send({ refreshToken: pair.refreshToken }), 401);
    });

    it('R-SEC-01 changes the password: the old one stops working, other sessions end, this one stays', async () => {
      const name = await account();
      const current = (await login(name, TEST_PASSWORD)).body;
      const other = (await login(name, TEST_PASSWORD)).body;
      await t.db.query(`UPDATE users SET must_change_password = true WHERE login = $1`, [name]);
      const [before] = await t.db.query(`SELECT password_hash FROM users WHERE login = $1`, [name]);

      const res = await t.http.post('/api/v1/auth/password').set(bearer(current.accessToken))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'new-long-password-1' });
      expect(res.status).toBe(204);
      const [after] = await t.db.query(`SELECT password_hash, must_change_password FROM users WHERE login = $1`, [name]);
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(after.password_hash).toMatch(/^\$argon2id\$/);
      expect(after.password_hash).not.toContain('new-long-password-1');
      expect(after.must_change_password).toBe(false);

      expect((await t.http.get('/api/v1/me').set(bearer(current.accessToken))).status).toBe(200);
      expectProblem(await t.http.get('/api/v1/me').set(bearer(other.accessToken)), 401);
      expectProblem(await login(name, TEST_PASSWORD), 401);
      expect((await login(name, 'new-long-password-1')).status).toBe(200);
    });

    it('R-SEC-01 refuses a password change with a wrong current password or a short new one (400, field named)', async () => {
      const name = await account();
      const pair = (await login(name, TEST_PASSWORD)).body;
      expectProblem(await t.http.post('/api/v1/auth/password').set(bearer(pair.accessToken))
        .send({ currentPassword: 'wrong-password', newPassword: 'new-long-password-1' }), 400, 'currentPassword');
      expectProblem(await t.http.post('/api/v1/auth/password').set(bearer(pair.accessToken))
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }), 400, 'newPassword');
      expectProblem(await t.http.post('/api/v1/auth/password').set(bearer(pair.accessToken)).send({}), 400, 'currentPassword');
      expect((await login(name, TEST_PASSWORD)).status).toBe(200);
      expectProblem(await t.http.post('/api/v1/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: 'new-long-password-1' }), 401);
    });
  });

  describe('integration tokens', () => {
    const create = (auth: { Authorization: string }, body: Record<string, unknown>) =>
      t.http.post('/api/v1/integration-tokens').set(auth).send(body);

    it('R-API-02 an admin creates a token: shown once, otm_ prefix, only its sha256 stored, audited', async () => {
      const school = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin']);
      const res = await create(admin.auth, { schoolId: school.id, name: 'Региональная отчётность', scopes: ['roster:read'] });
      expect(res.status).toBe(201);
      const tok = res.body;
      expect(tok.token).toMatch(/^otm_[\w-]{30,}$/);
      expect(tok).toMatchObject({ schoolId: school.id, name: 'Региональная отчётность', scopes: ['roster:read'], tokenPrefix: tok.token.slice(0, 8),
        revokedAt: null, lastUsedAt: null, id: expect.any(String), createdAt: expect.any(String) });

      const [row] = await t.db.query(`SELECT * FROM integration_tokens WHERE id = $1`, [tok.id]);
      expect(row.token_hash).toBe(sha256(tok.token));
      expect(row.created_by).toBe(await userIdOf(admin.login));
      expect(Object.values(row).map(String)).not.toContain(tok.token);

      const list = await t.http.get(`/api/v1/integration-tokens?schoolId=${school.id}`).set(admin.auth);
      expect(list.status).toBe(200);
      expect(list.body).toHaveLength(1);
      expect(list.body[0]).toMatchObject({ id: tok.id, tokenPrefix: tok.tokenPrefix });
      expect(list.body[0]).not.toHaveProperty('token');
      expect(JSON.stringify(list.body)).not.toContain(row.token_hash);

      const [audit] = await t.db.query(`SELECT * FROM audit_events WHERE school_key = $1 AND action = 'integration_token.create'`, [school.id]);
      expect(audit).toMatchObject({ entity: 'integration_token', entity_id: tok.id, actor_role: 'admin', actor_user_id: await userIdOf(admin.login),
        after: { name: 'Региональная отчётность', scopes: ['roster:read'], tokenPrefix: tok.tokenPrefix } });
      expect(JSON.stringify(audit)).not.toContain(tok.token);
    });

    it('R-API-02 a roster:read token reads /staff of its school, gets 403 on writes and 404 on another school', async () => {
      const school = await t.make.school();
      const other = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin'], { lastName: 'Админова' });
      await t.make.staff(other.id, ['admin']);
      const { token } = (await create(admin.auth, { schoolId: school.id, name: 'Отчёты', scopes: ['roster:read'] })).body;

      const read = await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(bearer(token));
      expect(read.status).toBe(200);
      expect(read.body.map((s: { lastName: string }) => s.lastName)).toContain('Админова');
      const [row] = await t.db.query(`SELECT last_used_at FROM integration_tokens WHERE token_hash = $1`, [sha256(token)]);
      expect(row.last_used_at).not.toBeNull();

      const write = expectProblem(await t.http.post('/api/v1/staff').set(bearer(token)).send({
        schoolId: school.id, lastName: 'Новикова', firstName: 'Ольга', roles: ['teacher'], position: 'Учитель', startsOn: '2026-09-01' }), 403);
      expect(write.type).toBe('/problems/forbidden');
      expect(await t.db.query(`SELECT 1 FROM persons WHERE last_name = 'Новикова'`)).toHaveLength(0);
      expectProblem(await t.http.patch(`/api/v1/schools/${school.id}`).set(bearer(token)).send({ name: 'Взлом школы', version: 1 }), 403);
      expectProblem(await create(bearer(token), { schoolId: school.id, name: 'Ещё', scopes: ['roster:read'] }), 403);

      expectProblem(await t.http.get(`/api/v1/staff?schoolId=${other.id}`).set(bearer(token)), 404);
    });

    it('R-API-02 a token without roster:read cannot read the roster (403)', async () => {
      const school = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin']);
      const { token } = (await create(admin.auth, { schoolId: school.id, name: 'Дневник', scopes: ['diary:read'] })).body;
      expectProblem(await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(bearer(token)), 403);
    });

    it('R-API-02 a teacher cannot create or revoke tokens (403); another school\'s admin gets 404', async () => {
      const school = await t.make.school();
      const other = await t.make.school();
      const teacher = await t.make.staff(school.id, ['teacher', 'class_teacher']);
      const director = await t.make.staff(school.id, ['director']);
      const foreignAdmin = await t.make.staff(other.id, ['admin']);
      const admin = await t.make.staff(school.id, ['admin']);
      expectProblem(await create(teacher.auth, { schoolId: school.id, name: 'Моё', scopes: ['roster:read'] }), 403);
      expectProblem(await create(director.auth, { schoolId: school.id, name: 'Моё', scopes: ['roster:read'] }), 403);
      expectProblem(await create(foreignAdmin.auth, { schoolId: school.id, name: 'Чужое', scopes: ['roster:read'] }), 404);
      expect(await t.db.query(`SELECT 1 FROM integration_tokens WHERE school_id = $1`, [school.id])).toHaveLength(0);

      const tok = (await create(admin.auth, { schoolId: school.id, name: 'Отчёты', scopes: ['roster:read'] })).body;
      expectProblem(await t.http.delete(`/api/v1/integration-tokens/${tok.id}`).set(teacher.auth), 403);
      expectProblem(await t.http.delete(`/api/v1/integration-tokens/${tok.id}`).set(foreignAdmin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/integration-tokens?schoolId=${school.id}`).set(teacher.auth), 403);
      // The director reads the list but cannot change it.
      expect((await t.http.get(`/api/v1/integration-tokens?schoolId=${school.id}`).set(director.auth)).status).toBe(200);
      expectProblem(await t.http.delete(`/api/v1/integration-tokens/${tok.id}`).set(director.auth), 403);
      expect((await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(bearer(tok.token))).status).toBe(200);
    });

    it('R-API-03 validates the token request (400 naming each field)', async () => {
      const school = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin']);
      expectProblem(await create(admin.auth, { schoolId: school.id, name: 'x', scopes: ['root'] }), 400, 'scopes');
      expectProblem(await create(admin.auth, { schoolId: school.id, name: 'x', scopes: [] }), 400, 'scopes');
      expectProblem(await create(admin.auth, { schoolId: 'nope', name: '', scopes: ['roster:read'] }), 400, 'schoolId');
      const p = expectProblem(await create(admin.auth, {}), 400);
      expect(p.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['schoolId', 'name', 'scopes']));
      expectProblem(await t.http.get('/api/v1/integration-tokens').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.delete(`/api/v1/integration-tokens/00000000-0000-4000-8000-000000000000`).set(admin.auth), 404);
    });

    it('R-API-02 revoking a token stops it at once and is audited', async () => {
      const school = await t.make.school();
      const admin = await t.make.staff(school.id, ['admin']);
      const tok = (await create(admin.auth, { schoolId: school.id, name: 'Отчёты', scopes: ['roster:read'] })).body;
      expect((await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(bearer(tok.token))).status).toBe(200);

      const res = await t.http.delete(`/api/v1/integration-tokens/${tok.id}`).set(admin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: tok.id, revokedAt: expect.any(String) });
      expect(res.body).not.toHaveProperty('token');
      const [row] = await t.db.query(`SELECT revoked_at FROM integration_tokens WHERE id = $1`, [tok.id]);
      expect(row.revoked_at).not.toBeNull();

      const p = expectProblem(await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(bearer(tok.token)), 401);
      expect(p.type).toBe('/problems/unauthorized');
      expectProblem(await t.http.get(`/api/v1/staff?schoolId=${school.id}`).set(bearer('otm_not-a-real-token-at-all-000000000000')), 401);

      const audit = await t.db.query(`SELECT action, actor_role, before, after FROM audit_events
        WHERE school_key = $1 AND entity = 'integration_token' AND entity_id = $2 ORDER BY seq`, [school.id, tok.id]);
      expect(audit.map((a: { action: string }) => a.action)).toEqual(['integration_token.create', 'integration_token.revoke']);
      expect(audit[1]).toMatchObject({ actor_role: 'admin', before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
      // The chain still verifies after the token writes.
      const verify = await t.http.get(`/api/v1/audit/verify?schoolId=${school.id}`).set(admin.auth);
      expect(verify.body).toMatchObject({ ok: true, checked: 2 });
    });
  });
});

describe('auth rate limit (R-SEC-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('R-SEC-01 answers 429 problem+json on /auth/login beyond the per-minute limit, even with the right password', async () => {
    const name = await t.make.account(await t.make.person());
    for (let i = 0; i < 3; i++) expectProblem(await t.http.post('/api/v1/auth/login').send({ login: name, password: `wrong-${i}` }), 401);
    const p = expectProblem(await t.http.post('/api/v1/auth/login').send({ login: name, password: TEST_PASSWORD }), 429);
    expect(p.type).toBe('/problems/rate-limited');
    expect(p.retryAfterSeconds).toBeGreaterThan(0);
    expect(p.retryAfterSeconds).toBeLessThanOrEqual(60);
    // The limited attempt did not reach the password check.
    expect((await t.db.query(`SELECT failed_logins FROM users WHERE login = $1`, [name]))[0].failed_logins).toBe(3);
    expect(await t.db.query(`SELECT 1 FROM refresh_tokens`)).toHaveLength(0);
  });
});
