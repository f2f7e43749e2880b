import { expectProblem, type TestApp } from '../support/test-app';
import { diaryApp, diaryWorld, moscowDay } from './diary-fixtures';

describe('interested persons from the diary (R-DIA-12, R-DIA-07)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await diaryApp();
  });
  afterAll(() => t.close());

  const path = (studentId: string) => `/api/v1/diary/students/${studentId}/interested-persons`;

  it('R-DIA-12 a parent designates a person who then reads only that child\'s diary; the parent revokes and access ends at once', async () => {
    const w = await diaryWorld(t);
    const validUntil = moscowDay(60);
    const created = await t.http.post(path(w.a.id)).set(w.parentA.auth)
      .send({ lastName: 'Бабушкина', firstName: 'Вера', middleName: 'Ивановна', contact: '+79001112233', validUntil });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ studentId: w.a.id, fullName: 'Бабушкина Вера Ивановна', contact: '+79001112233', validUntil, active: true,
      login: expect.stringMatching(/^babushkina\.vi\d*$/), initialPassword: expect.any(String) });
    expect(await t.db.query(`SELECT designated_by FROM interested_persons WHERE id = $1`, [created.body.id])).toEqual([{ designated_by: w.parentA.guardianId }]);

    const session = await t.make.signIn(created.body.login, created.body.initialPassword);
    const grandma = { Authorization: `Bearer ${session.token}` };
    expect((await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(grandma)).status).toBe(200);
    expect((await t.http.get(`/api/v1/diary/students/${w.a2.id}/week`).set(grandma)).status).toBe(404);
    expect((await t.http.get(`/api/v1/diary/students/${w.b.id}/week`).set(grandma)).status).toBe(404);
    // She does not manage designations herself.
    expectProblem(await t.http.get(path(w.a.id)).set(grandma), 404);

    const list = await t.http.get(path(w.a.id)).set(w.parentA.auth);
    expect(list.body).toEqual([expect.objectContaining({ id: created.body.id, active: true, revokedAt: null })]);

    const revoked = await t.http.post(`/api/v1/diary/interested-persons/${created.body.id}/revoke`).set(w.parentA.auth);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body).toMatchObject({ id: created.body.id, active: false, revokedAt: expect.any(String) });
    // The very next request with her still-unexpired access token fails.
    const after = await t.http.get(`/api/v1/diary/students/${w.a.id}/week`).set(grandma);
    expect([401, 404]).toContain(after.status);
    expect(JSON.stringify(after.body)).not.toContain('Смирнов');
    expectProblem(await t.http.post(`/api/v1/diary/interested-persons/${created.body.id}/revoke`).set(w.parentA.auth), 409);
  });

  it('R-DIA-12 R-DIA-07 another family, the student, an interested person cannot manage A\'s designations (404); nothing is written', async () => {
    const w = await diaryWorld(t);
    const body = { lastName: 'Чужая', firstName: 'Вера' };
    for (const auth of [w.parentB.auth, w.studentA.auth, w.otherTeacher.auth]) {
      expectProblem(await t.http.post(path(w.a.id)).set(auth).send(body), 404);
      expectProblem(await t.http.get(path(w.a.id)).set(auth), 404);
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM interested_persons WHERE student_id = $1`, [w.a.id])).toEqual([{ n: 0 }]);
    const mine = await t.http.post(path(w.a.id)).set(w.parentA.auth).send({ lastName: 'Тётина', firstName: 'Ольга' });
    expect(mine.status).toBe(201);
    expectProblem(await t.http.post(`/api/v1/diary/interested-persons/${mine.body.id}/revoke`).set(w.parentB.auth), 404);
    expect((await t.db.query(`SELECT revoked_at FROM interested_persons WHERE id = $1`, [mine.body.id]))[0].revoked_at).toBeNull();
    // The studentId and the designating parent come from the route and the caller, never from the body.
    expectProblem(await t.http.post(path(w.a.id)).set(w.parentA.auth).send({ ...body, studentId: w.b.id }), 400, 'studentId');
    expectProblem(await t.http.post(path(w.a.id)).set(w.parentA.auth).send({ ...body, validUntil: moscowDay(-1) }), 400, 'validUntil');
  });

  it('R-DIA-12 an expired designation gives no access', async () => {
    const w = await diaryWorld(t);
    const created = await t.http.post(path(w.a.id)).set(w.parentA.auth).send({ lastName: 'Дядин', firstName: 'Олег', validUntil: moscowDay(0) });
    const session = await t.make.signIn(created.body.login, created.body.initialPassword);
    const uncle = { Authorization: `Bearer ${session.token}` };
    expect((await t.http.get(`/api/v1/diary/students/${w.a.id}/marks`).set(uncle)).status).toBe(200);
    await t.db.query(`UPDATE interested_persons SET valid_until = $2 WHERE id = $1`, [created.body.id, moscowDay(-1)]);
    expectProblem(await t.http.get(`/api/v1/diary/students/${w.a.id}/marks`).set(uncle), 404);
  });
});
