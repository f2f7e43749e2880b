import { Clock } from '../../src/platform/clock';
import { auditOf } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { AFTER_YEAR, archiveWorld, closeYear } from './packages-fixtures';

describe('closing the academic year (R-ARC-01, R-SEC-02, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });
  beforeEach(() => t.app.get(Clock).set(AFTER_YEAR));

  const preflight = (auth: { Authorization: string }, yearId: string) => t.http.get(`/api/v1/archive/years/${yearId}/preflight`).set(auth);
  const codes = (b: { blockers: { code: string; severity: string; count: number }[] }) =>
    Object.fromEntries(b.blockers.map((x) => [x.code, [x.severity, x.count]]));

  it('R-ARC-01 the preflight lists open change requests, lessons without a topic, missing period and annual marks and open periods', async () => {
    const w = await archiveWorld(t);
    await w.rows.lesson(w.school.id, w.yearId, { date: '2026-10-05', classId: w.c5a, subjectId: w.maths, teacherId: w.mathsTeacher.personId, topic: null, held: true });
    await w.changeRequest();
    const res = await preflight(w.deputy.auth, w.yearId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 5А: 3 pupils × 3 subjects × 2 quarters = 18 period marks and 9 annual ones; 5Б: 1 pupil × maths × 2 = 2 and 1.
    expect(codes(res.body)).toEqual({
      open_change_requests: ['hard', 1], missing_topics: ['soft', 1], missing_period_marks: ['soft', 20], missing_annual_marks: ['soft', 10],
      open_periods: ['info', 2],
    });
    expect(res.body).toMatchObject({ status: 'open', canClose: false, clean: false, yearName: '2026/2027' });
    const topics = res.body.blockers.find((b: { code: string }) => b.code === 'missing_topics');
    expect(topics.samples[0]).toMatchObject({ date: '2026-10-05', className: '5А', subjectName: 'Математика', teacherName: expect.stringContaining('Математикова') });
    const marks = res.body.blockers.find((b: { code: string }) => b.code === 'missing_period_marks');
    expect(marks.samples[0]).toMatchObject({ className: '5А', periodName: '1 четверть', studentName: expect.any(String) });

    // Before the year's end the preflight also says so (soft).
    t.app.get(Clock).set('2027-05-20T09:00:00Z');
    expect(codes((await preflight(w.deputy.auth, w.yearId)).body).year_not_ended).toEqual(['soft', 1]);
  });

  it('R-ARC-01 an open change request refuses closing even with override; missing marks need override and the director\'s order', async () => {
    const w = await archiveWorld(t);
    const cr = await w.changeRequest();
    const refused = expectProblem(await closeYear(t, w, { override: true, reason: 'Приказ № 45 от 05.06.2027' }), 409);
    expect(refused.blockers.map((b: { code: string }) => b.code)).toContain('open_change_requests');
    await t.db.query(`UPDATE change_requests SET status = 'applied' WHERE id = $1`, [cr]);
    const soft = expectProblem(await closeYear(t, w), 409);
    expect(soft.detail).toMatch(/missing_period_marks/);
    expectProblem(await closeYear(t, w, { override: true }), 400, 'reason');
    const [{ status }] = await t.db.query(`SELECT status FROM academic_years WHERE id = $1`, [w.yearId]);
    expect(status).toBe('open');
    const ok = await closeYear(t, w, { override: true, reason: 'Приказ № 45 от 05.06.2027', build: false });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'closed', periodsClosed: 2, build: null });
    const [log] = await t.db.query(`SELECT action, reason, overridden, periods_closed FROM year_closings WHERE academic_year_id = $1`, [w.yearId]);
    expect(log).toEqual({ action: 'close', reason: 'Приказ № 45 от 05.06.2027', overridden: true, periods_closed: 2 });
    const audit = (await auditOf(t, w.school.id)).filter((a) => a.entity_id === w.yearId);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['academic_year.close', 'academic_year.closing']));
  });

  it('R-ARC-01 closing a complete year closes every period, freezes the journal (mark, lesson and period-mark writes refused) and builds the archive', async () => {
    const w = await archiveWorld(t);
    await w.complete();
    const pf = await preflight(w.admin.auth, w.yearId);
    expect(pf.body).toMatchObject({ canClose: true, clean: true });
    expect(codes(pf.body)).toEqual({ open_periods: ['info', 2] });
    const res = await closeYear(t, w);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', periodsClosed: 2 });
    // Summary sheets of 5А and 5Б; journal packages of 5А (maths, Russian, English) and 5Б (maths).
    expect(res.body.build.created).toBe(6);
    const periods = await t.db.query(`SELECT status, closed_by IS NOT NULL AS by FROM study_periods WHERE academic_year_id = $1`, [w.yearId]);
    expect(periods).toEqual([{ status: 'closed', by: true }, { status: 'closed', by: true }]);

    // The journal refuses writes in the closed year.
    const [lesson] = await t.db.query(`SELECT version FROM lessons WHERE id = $1`, [w.lessons.l3]);
    const put = await t.http.put(`/api/v1/lessons/${w.lessons.l3}`).set(w.mathsTeacher.auth)
      .send({ version: lesson.version, topic: 'Новая тема', marks: { upsert: [{ studentId: w.borisova, value: '5', workType: 'answer' }] } });
    expect(put.status).toBeGreaterThanOrEqual(400);
    expect(put.status).toBeLessThan(500);
    expect(put.headers['content-type']).toMatch(/problem\+json/);
    const marks = await t.http.post(`/api/v1/lessons/${w.lessons.l3}/marks`).set(w.mathsTeacher.auth)
      .send({ version: lesson.version, marks: [{ studentId: w.borisova, value: '5', workType: 'answer' }] });
    expect(marks.status).toBeGreaterThanOrEqual(400);
    expect(marks.status).toBeLessThan(500);
    const pm = await t.http.put('/api/v1/period-marks').set(w.deputy.auth)
      .send({ classId: w.c5a, subjectId: w.maths, kind: 'period', periodId: w.q2, marks: [{ studentId: w.borisova, value: '5', version: 1, note: 'Исправление отметки' }] });
    expect(pm.status).toBeGreaterThanOrEqual(400);
    expect(pm.status).toBeLessThan(500);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM marks WHERE lesson_id = $1`, [w.lessons.l3]);
    expect(n).toBe(1);
    // Closing twice: the year is no longer open.
    expectProblem(await closeYear(t, w), 409);
  });

  it('R-ARC-01 a large school answers once the summary sheets are built; the journal packages follow in the background', async () => {
    const w = await archiveWorld(t);
    await w.complete();
    const res = await closeYear(t, w, { packagesInBackground: true });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'closed', packagesPending: true, build: { created: 2 } });
    const packages = async () => (await t.db.query(`SELECT count(*)::int AS n FROM archive_items WHERE school_id = $1 AND kind = 'journal_package'`,
      [w.school.id]))[0].n;
    await expect.poll(packages, { timeout: 30_000, interval: 300 }).toBe(4);
    // Building again (what completes an interrupted build) writes nothing new.
    const again = await t.http.post('/api/v1/archive/packages/build').set(w.admin.auth).send({ schoolId: w.school.id, academicYearId: w.yearId });
    expect(again.body).toMatchObject({ created: 0, existing: 6 });
  });

  it('R-SEC-02 the deputy and the director read the preflight but cannot close; teachers 403; another school 404', async () => {
    const w = await archiveWorld(t);
    await w.complete();
    expect((await preflight(w.director.auth, w.yearId)).status).toBe(200);
    expectProblem(await preflight(w.mathsTeacher.auth, w.yearId), 403);
    const other = await archiveWorld(t);
    expectProblem(await preflight(other.admin.auth, w.yearId), 404);
    expectProblem(await t.http.get('/api/v1/archive/years/nope/preflight').set(w.admin.auth), 400, 'yearId');
    for (const who of [w.deputy, w.director, w.classTeacher]) {
      expectProblem(await t.http.post(`/api/v1/archive/years/${w.yearId}/close`).set(who.auth).send({ version: 1 }), 403);
    }
    expectProblem(await t.http.post(`/api/v1/archive/years/${w.yearId}/close`).set(other.admin.auth).send({ version: 1 }), 404);
    expectProblem(await t.http.post(`/api/v1/archive/years/${w.yearId}/close`).set(w.admin.auth).send({ version: 7 }), 412);
    expectProblem(await t.http.post(`/api/v1/archive/years/${w.yearId}/close`).set(w.admin.auth).send({}), 400, 'version');
  });

  it('R-ARC-01 only the operator reopens a closed year, with a reason; audited; the operator may also close', async () => {
    const w = await archiveWorld(t);
    await w.complete();
    const [{ version }] = await t.db.query(`SELECT version FROM academic_years WHERE id = $1`, [w.yearId]);
    const closed = await t.http.post(`/api/v1/archive/years/${w.yearId}/close`).set(w.operator.auth).send({ version, build: false });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const reopen = (auth: { Authorization: string }, body: Record<string, unknown>) => t.http.post(`/api/v1/archive/years/${w.yearId}/reopen`).set(auth).send(body);
    expectProblem(await reopen(w.admin.auth, { version: closed.body.version, reason: 'Ошибка в итоговых отметках' }), 403);
    expectProblem(await reopen(w.director.auth, { version: closed.body.version, reason: 'Ошибка в итоговых отметках' }), 403);
    expectProblem(await reopen(w.operator.auth, { version: closed.body.version }), 400, 'reason');
    const ok = await reopen(w.operator.auth, { version: closed.body.version, reason: 'Ошибка в итоговых отметках' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ status: 'open', version: closed.body.version + 1 });
    expectProblem(await reopen(w.operator.auth, { version: ok.body.version, reason: 'Ещё раз' }), 409);
    const history = await t.http.get(`/api/v1/archive/years/${w.yearId}/closings`).set(w.director.auth);
    expect(history.body.map((h: { action: string; reason: string | null }) => [h.action, h.reason])).toEqual([['close', null], ['reopen', 'Ошибка в итоговых отметках']]);
    const audit = (await auditOf(t, w.school.id)).filter((a) => a.entity_id === w.yearId);
    expect(audit.find((a) => a.action === 'academic_year.reopen')).toMatchObject({ reason: 'Ошибка в итоговых отметках' });
  });
});
