import { auditOf, UNKNOWN } from '../curriculum/planning-fixtures';
import { lessonWorld, type LessonWorld, setNow, THU } from '../journal/lesson-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

describe('control checks of journals (R-AUD-05, R-SEC-02, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => setNow(t, `${THU}T12:00:00`));

  const body = (w: LessonWorld, over: Record<string, unknown> = {}) => ({
    teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, checkedOn: THU, kind: 'planned',
    summary: 'Журнал ведётся, есть замечания по темам уроков',
    remarks: [{ text: 'Не записаны темы уроков 12 и 14 ноября', dueOn: '2026-12-10' }, { text: 'Нет домашнего задания 20 ноября', dueOn: '2026-12-05' }],
    ...over,
  });
  const create = (w: LessonWorld, over: Record<string, unknown> = {}, auth = w.deputy.auth) =>
    t.http.post('/api/v1/control-checks').set(auth).send(body(w, over));
  const remarkAct = (id: string, act: 'fix' | 'accept' | 'reopen', auth: Record<string, string>, b: Record<string, unknown>) =>
    t.http.post(`/api/v1/control-checks/remarks/${id}/${act}`).set(auth).send(b);

  it('R-AUD-05 the deputy records a check with two remarks; history event and audit in the same write', async () => {
    const w = await lessonWorld(t);
    const res = await create(w).set('x-request-id', 'cc-1');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ schoolId: w.school.id, teacherId: w.teacher.personId, className: '5А', subjectName: 'Математика', checkedOn: THU,
      kind: 'planned', state: 'open', createdByName: expect.stringMatching(/^Завучева /) });
    expect(res.body.teacherName).toMatch(/^Учителева /);
    expect(res.body.remarks.map((r: { position: number; status: string; dueOn: string; version: number }) => [r.position, r.status, r.dueOn, r.version]))
      .toEqual([[1, 'open', '2026-12-10', 1], [2, 'open', '2026-12-05', 1]]);
    expect(res.body.remarks[0].events).toMatchObject([{ action: 'created', fromStatus: null, toStatus: 'open', actorRole: 'deputy' }]);
    const [e] = await auditOf(t, w.school.id, 'control_check.create');
    expect(e).toMatchObject({ actor_role: 'deputy', entity: 'control_check', entity_id: res.body.id, request_id: 'cc-1' });
    expect(e.after).toMatchObject({ teacherId: w.teacher.personId, checkedOn: THU, remarks: [{ text: 'Не записаны темы уроков 12 и 14 ноября' }, expect.anything()] });
  });

  it('R-AUD-05 validation: due date before the check, a teacher who does not teach the class/subject, a future check, no remarks, a bad kind', async () => {
    const w = await lessonWorld(t);
    expectProblem(await create(w, { remarks: [{ text: 'Темы', dueOn: '2026-12-02' }] }), 400, 'remarks[0].dueOn');
    expectProblem(await create(w, { teacherId: w.other.personId }), 400, 'teacherId');
    expectProblem(await create(w, { teacherId: w.deputy.personId }), 400, 'teacherId');
    expectProblem(await create(w, { subjectId: w.russian }), 400, 'teacherId');
    expectProblem(await create(w, { checkedOn: '2026-12-04' }), 400, 'checkedOn');
    expectProblem(await create(w, { checkedOn: '2026-08-20', remarks: [{ text: 'Темы', dueOn: '2026-08-25' }] }), 400, 'checkedOn');
    expectProblem(await create(w, { remarks: [] }), 400, 'remarks');
    expectProblem(await create(w, { kind: 'random' }), 400, 'kind');
    expectProblem(await create(w, { remarks: [{ text: '   ', dueOn: '2026-12-10' }] }), 400);
    expectProblem(await create(w, { classId: UNKNOWN }), 404);
    // The class teacher teaches Russian in 5А: fine.
    expect((await create(w, { teacherId: w.classTeacher.personId, subjectId: w.russian })).status).toBe(201);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM control_checks WHERE school_id = $1`, [w.school.id])).toEqual([{ n: 1 }]);
  });

  it('R-AUD-05 the teacher sees their open remarks, marks one fixed; the deputy reopens, the teacher fixes again, the deputy accepts', async () => {
    const w = await lessonWorld(t);
    const check = (await create(w)).body;
    const [first, second] = check.remarks;
    const mine = await t.http.get('/api/v1/control-checks/remarks/mine').query({ schoolId: w.school.id }).set(w.teacher.auth);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([second.id, first.id]);
    expect(mine.body.items[0]).toMatchObject({ className: '5А', subjectName: 'Математика', overdue: false, status: 'open' });

    const fixed = await remarkAct(first.id, 'fix', w.teacher.auth, { comment: 'Темы записаны', version: 1 });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body).toMatchObject({ status: 'fixed', fixedComment: 'Темы записаны', version: 2, fixedAt: '2026-12-03T09:00:00.000Z' });
    // A fixed remark cannot be fixed again; a stale version is 412.
    expectProblem(await remarkAct(first.id, 'fix', w.teacher.auth, { comment: 'Ещё раз', version: 2 }), 409);
    expectProblem(await remarkAct(first.id, 'accept', w.deputy.auth, { version: 1 }), 412);
    // Reopening needs a reason.
    expectProblem(await remarkAct(first.id, 'reopen', w.deputy.auth, { version: 2 }), 400, 'comment');
    const reopened = await remarkAct(first.id, 'reopen', w.deputy.auth, { comment: 'Тема 14 ноября не записана', version: 2 });
    expect(reopened.body).toMatchObject({ status: 'open', version: 3 });
    // An open remark cannot be accepted.
    expectProblem(await remarkAct(first.id, 'accept', w.deputy.auth, { version: 3 }), 409);
    expect((await remarkAct(first.id, 'fix', w.teacher.auth, { comment: 'Записана и тема 14 ноября', version: 3 })).status).toBe(200);
    const accepted = await remarkAct(first.id, 'accept', w.deputy.auth, { comment: 'Принято', version: 4 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', version: 5, acceptedAt: '2026-12-03T09:00:00.000Z' });
    expect(accepted.body.events.map((e: { action: string; toStatus: string; actorRole: string; comment: string | null }) =>
      [e.action, e.toStatus, e.actorRole, e.comment])).toEqual([
      ['created', 'open', 'deputy', null], ['fixed', 'fixed', 'teacher', 'Темы записаны'], ['reopened', 'open', 'deputy', 'Тема 14 ноября не записана'],
      ['fixed', 'fixed', 'teacher', 'Записана и тема 14 ноября'], ['accepted', 'accepted', 'deputy', 'Принято'],
    ]);
    // Every state change is in the audit log with before and after.
    const log = (await auditOf(t, w.school.id)).filter((e) => e.entity === 'control_remark');
    expect(log.map((e) => [e.action, e.before?.status, e.after?.status, e.actor_role])).toEqual([
      ['control_remark.fix', 'open', 'fixed', 'teacher'], ['control_remark.reopen', 'fixed', 'open', 'deputy'],
      ['control_remark.fix', 'open', 'fixed', 'teacher'], ['control_remark.accept', 'fixed', 'accepted', 'deputy'],
    ]);
    // The accepted remark leaves "my remarks"; all=true still lists it.
    const after = await t.http.get('/api/v1/control-checks/remarks/mine').query({ schoolId: w.school.id }).set(w.teacher.auth);
    expect(after.body.items.map((r: { id: string }) => r.id)).toEqual([second.id]);
    const all = await t.http.get('/api/v1/control-checks/remarks/mine').query({ schoolId: w.school.id, all: 'true' }).set(w.teacher.auth);
    expect(all.body.items).toHaveLength(2);
  });

  it('R-AUD-05 list filters by teacher, class, subject and status; the report counts open and overdue remarks per teacher', async () => {
    const w = await lessonWorld(t);
    setNow(t, '2026-11-20T12:00:00');
    const old = (await create(w, { checkedOn: '2026-11-20', remarks: [{ text: 'Нет тем', dueOn: '2026-11-27' }] })).body;
    setNow(t, `${THU}T12:00:00`);
    const mathsCheck = (await create(w)).body;
    const russianCheck = (await create(w, { teacherId: w.classTeacher.personId, subjectId: w.russian, kind: 'thematic',
      remarks: [{ text: 'Мало отметок', dueOn: '2026-12-20' }] })).body;
    const list = (q: Record<string, string>, auth = w.deputy.auth) => t.http.get('/api/v1/control-checks').query({ schoolId: w.school.id, ...q }).set(auth);
    expect((await list({})).body.items.map((c: { id: string }) => c.id).sort()).toEqual([old.id, mathsCheck.id, russianCheck.id].sort());
    expect((await list({ teacherId: w.classTeacher.personId })).body.items.map((c: { id: string }) => c.id)).toEqual([russianCheck.id]);
    expect((await list({ subjectId: w.maths })).body.total).toBe(2);
    expect((await list({ classId: w.c5a, status: 'overdue' })).body.items.map((c: { id: string }) => c.id)).toEqual([old.id]);
    expect((await list({ from: '2026-12-01', to: '2026-12-31' })).body.total).toBe(2);
    expectProblem(await list({ status: 'weird' }), 400, 'status');
    // The director reads.
    expect((await list({}, w.director.auth)).body.total).toBe(3);
    // A teacher's list holds only their own checks.
    const own = await list({}, w.classTeacher.auth);
    expect(own.status).toBe(200);
    expect(own.body.items.map((c: { id: string }) => c.id)).toEqual([russianCheck.id]);
    expect((await list({ teacherId: w.teacher.personId }, w.classTeacher.auth)).body.items).toEqual([]);

    // The old remark is overdue (due 27 November, not accepted); fixing does not clear overdue until the deputy accepts.
    await remarkAct(old.remarks[0].id, 'fix', w.teacher.auth, { comment: 'Исправлено', version: 1 });
    const report = await t.http.get('/api/v1/control-checks/report').query({ schoolId: w.school.id }).set(w.director.auth);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    expect(report.body.today).toBe(THU);
    expect(report.body.teachers).toEqual([
      expect.objectContaining({ teacherId: w.teacher.personId, checks: 2, remarks: 3, open: 2, fixed: 1, accepted: 0, overdue: 1 }),
      expect.objectContaining({ teacherId: w.classTeacher.personId, checks: 1, remarks: 1, open: 1, fixed: 0, accepted: 0, overdue: 0 }),
    ]);
    expect(report.body.total).toMatchObject({ checks: 3, remarks: 4, open: 3, fixed: 1, overdue: 1 });
    // A period: only the December checks.
    const dec = await t.http.get('/api/v1/control-checks/report').query({ schoolId: w.school.id, from: '2026-12-01', to: '2026-12-31' }).set(w.deputy.auth);
    expect(dec.body.total).toMatchObject({ checks: 2, remarks: 3, overdue: 0 });
    // A week later the maths remark due 5 December is overdue too.
    setNow(t, '2026-12-08T12:00:00');
    const later = await t.http.get('/api/v1/control-checks/report').query({ schoolId: w.school.id }).set(w.deputy.auth);
    expect(later.body.teachers[0]).toMatchObject({ teacherId: w.teacher.personId, overdue: 2 });
    const mine = await t.http.get('/api/v1/control-checks/remarks/mine').query({ schoolId: w.school.id }).set(w.teacher.auth);
    expect(mine.body.items.map((r: { dueOn: string; overdue: boolean }) => [r.dueOn, r.overdue])).toEqual([
      ['2026-11-27', true], ['2026-12-05', true], ['2026-12-10', false]]);
  });

  it('R-SEC-02 authorization: deputy writes; director and admin read only (403); another teacher 404; parents 403; another school 404', async () => {
    const w = await lessonWorld(t);
    const check = (await create(w)).body;
    const remark = check.remarks[0];
    const parent = await t.make.parent(w.school.id, [w.students[0].id]);
    const stranger = await lessonWorld(t);

    expectProblem(await create(w, {}, w.director.auth), 403);
    expectProblem(await create(w, {}, w.admin.auth), 403);
    expectProblem(await create(w, {}, w.teacher.auth), 403);
    expectProblem(await create(w, {}, parent.auth), 403);
    expectProblem(await create(w, {}, stranger.deputy.auth), 404);

    // Reading one check.
    const get = (auth: Record<string, string>) => t.http.get(`/api/v1/control-checks/${check.id}`).set(auth);
    expect((await get(w.director.auth)).status).toBe(200);
    expect((await get(w.admin.auth)).status).toBe(200);
    expect((await get(w.teacher.auth)).status).toBe(200);
    expectProblem(await get(w.other.auth), 404);
    expectProblem(await get(parent.auth), 403);
    expectProblem(await get(stranger.deputy.auth), 404);
    expectProblem(await t.http.get(`/api/v1/control-checks/${UNKNOWN}`).set(w.deputy.auth), 404);

    // Fixing: only the teacher it is addressed to.
    expectProblem(await remarkAct(remark.id, 'fix', w.other.auth, { comment: 'Не моё', version: 1 }), 404);
    expectProblem(await remarkAct(remark.id, 'fix', w.deputy.auth, { comment: 'За учителя', version: 1 }), 403);
    expectProblem(await remarkAct(remark.id, 'fix', w.director.auth, { comment: 'За учителя', version: 1 }), 403);
    expectProblem(await remarkAct(remark.id, 'fix', parent.auth, { comment: 'x', version: 1 }), 404);
    expectProblem(await remarkAct(remark.id, 'fix', stranger.teacher.auth, { comment: 'x', version: 1 }), 404);
    expectProblem(await remarkAct(remark.id, 'fix', w.teacher.auth, { comment: '', version: 1 }), 400, 'comment');
    expect((await remarkAct(remark.id, 'fix', w.teacher.auth, { comment: 'Исправлено', version: 1 })).status).toBe(200);
    // Accepting and reopening: only the deputy.
    expectProblem(await remarkAct(remark.id, 'accept', w.director.auth, { version: 2 }), 403);
    expectProblem(await remarkAct(remark.id, 'accept', w.teacher.auth, { version: 2 }), 403);
    expectProblem(await remarkAct(remark.id, 'reopen', w.admin.auth, { comment: 'Нет', version: 2 }), 403);
    expectProblem(await remarkAct(remark.id, 'accept', stranger.deputy.auth, { version: 2 }), 404);

    // Lists, my remarks and the report.
    const q = { schoolId: w.school.id };
    expectProblem(await t.http.get('/api/v1/control-checks').query(q).set(parent.auth), 403);
    expectProblem(await t.http.get('/api/v1/control-checks').query(q).set(stranger.deputy.auth), 404);
    expect((await t.http.get('/api/v1/control-checks/remarks/mine').query(q).set(w.other.auth)).body.items).toEqual([]);
    expectProblem(await t.http.get('/api/v1/control-checks/remarks/mine').query(q).set(w.deputy.auth), 403);
    expectProblem(await t.http.get('/api/v1/control-checks/remarks/mine').query(q).set(parent.auth), 403);
    expectProblem(await t.http.get('/api/v1/control-checks/report').query(q).set(w.teacher.auth), 403);
    expectProblem(await t.http.get('/api/v1/control-checks/report').query(q).set(parent.auth), 403);
    expectProblem(await t.http.get('/api/v1/control-checks/report').query(q).set(stranger.deputy.auth), 404);
    expect((await t.http.get('/api/v1/control-checks/report').query(q).set(w.admin.auth)).status).toBe(200);
    expectProblem(await t.http.get('/api/v1/control-checks/report').query({ schoolId: 'nope' }).set(w.deputy.auth), 400, 'schoolId');
  });
});
