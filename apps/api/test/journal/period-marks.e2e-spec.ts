import { Clock } from '../../src/platform/clock';
import { auditOf, UNKNOWN, userIdOf } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { readViewWorld } from './read-view-fixtures';

// 12:00 in Moscow on Tuesday 20 October 2026: inside quarter 1 (1 Sep – 24 Oct); its period marks are editable until the end of 31 October.
const IN_PERIOD = '2026-10-20T09:00:00Z';
const WINDOW_END = '2026-10-31T21:00:00.000Z';
const AFTER_WINDOW = '2026-11-05T09:00:00Z';

describe('period, annual, exam and final marks (R-JRN-08, R-JRN-05, R-AUD-01, R-AUD-03, R-SEC-02)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });
  beforeEach(() => t.app.get(Clock).set(IN_PERIOD));

  type Auth = { Authorization: string };
  const sheet = (auth: Auth, q: Record<string, string>) => t.http.get('/api/v1/period-marks').query(q).set(auth);
  const save = (auth: Auth, body: Record<string, unknown>) => t.http.put('/api/v1/period-marks').set(auth).send(body);
  const rowsOf = (schoolId: string) => t.db.query(
    `SELECT pm.id, pm.student_id, pm.kind, pm.period_id, pm.value, pm.proposed_value, pm.weighted_average::float8 AS weighted_average, pm.note,
            pm.set_by, pm.version FROM period_marks pm WHERE pm.school_id = $1 ORDER BY pm.kind, pm.set_at, pm.student_id`, [schoolId]);

  /**
   * Maths of 5А in quarter 1: Алексеев has 5 (answer), 4 (control, weight 2) and a transferred 5 → 4.5; Борисова 4 and 3 → 3.5;
   * Васильев no marks; Григорьева left 5А on 10 October. Marks of quarter 2, of a cancelled lesson and a transferred mark of November
   * do not count.
   */
  async function mathsWorld(threshold?: number) {
    const w = await readViewWorld(t);
    const { rows, school, yearId, c5a, maths, mathsTeacher } = w;
    const s = school.id;
    if (threshold !== undefined) await rows.roundingThreshold(s, threshold);
    const alekseev = await rows.pupil(s, 'Алексеев', 'Иван');
    const borisova = await rows.pupil(s, 'Борисова', 'Анна');
    const vasiliev = await rows.pupil(s, 'Васильев', 'Олег');
    const grigorieva = await rows.pupil(s, 'Григорьева', 'Ольга');
    for (const id of [alekseev, borisova, vasiliev]) await rows.enrol(s, id, c5a, '2026-09-01');
    await rows.enrol(s, grigorieva, c5a, '2026-09-01', '2026-10-10');
    const lesson = (date: string, over: { cancelled?: boolean } = {}) =>
      rows.lesson(s, yearId, { date, classId: c5a, subjectId: maths, teacherId: mathsTeacher.personId, ...over });
    const l1 = await lesson('2026-09-10');
    const l2 = await lesson('2026-10-01');
    const cancelled = await lesson('2026-10-05', { cancelled: true });
    const q2Lesson = await lesson('2026-11-10');
    await rows.mark(s, l1, alekseev, '5');
    await rows.mark(s, l2, alekseev, '4', 'control', 2);
    await rows.mark(s, cancelled, alekseev, '2');
    await rows.mark(s, q2Lesson, alekseev, '2');
    await rows.externalMark(s, alekseev, maths, '2026-10-15', '5');
    await rows.externalMark(s, alekseev, maths, '2026-11-12', '2');
    await rows.mark(s, l1, borisova, '4');
    await rows.mark(s, l2, borisova, '3');
    await rows.mark(s, l1, grigorieva, '2');
    const query = { classId: c5a, subjectId: maths, periodId: w.q1 };
    const body = (marks: Record<string, unknown>[], over: Record<string, unknown> = {}) =>
      ({ classId: c5a, subjectId: maths, kind: 'period', periodId: w.q1, marks, ...over });
    return { ...w, alekseev, borisova, vasiliev, grigorieva, query, body };
  }

  describe('GET /period-marks', () => {
    it('R-JRN-08 proposes each student\'s mark from the weighted average of the period (with transferred marks), the school\'s threshold 0.5', async () => {
      const w = await mathsWorld();
      const res = await sheet(w.mathsTeacher.auth, w.query);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ schoolId: w.school.id, academicYearId: w.yearId, classId: w.c5a, className: '5А', subgroupId: null,
        subjectId: w.maths, subjectName: 'Математика', kind: 'period', periodId: w.q1, periodName: '1 четверть', from: '2026-09-01', to: '2026-10-24',
        roundingThreshold: 0.5, edit: { allowed: true, editableUntil: WINDOW_END, reason: 'within_edit_window', requiresNote: false } });
      // Students of 5А on the period's last day: Григорьева left on 10 October.
      expect(res.body.students.map((r: { fullName: string; markCount: number; average: number | null; proposal: string | null; mark: unknown }) =>
        [r.fullName, r.markCount, r.average, r.proposal, r.mark])).toEqual([
        ['Алексеев Иван', 3, 4.5, '5', null],
        ['Борисова Анна', 2, 3.5, '4', null],
        ['Васильев Олег', 0, null, null, null],
      ]);
      expect(res.body.students[0].edit).toEqual(res.body.edit);
    });

    it('R-JRN-08 the rounding threshold is per school: with 0.6 the same averages 4.5 and 3.5 round down', async () => {
      const w = await mathsWorld(0.6);
      const res = await sheet(w.mathsTeacher.auth, w.query);
      expect(res.status).toBe(200);
      expect(res.body.roundingThreshold).toBe(0.6);
      expect(res.body.students.map((r: { average: number | null; proposal: string | null }) => [r.average, r.proposal]))
        .toEqual([[4.5, '4'], [3.5, '3'], [null, null]]);
    });

    it('R-JRN-08 shows the current mark; the director reads all (read only), a subgroup teacher reads their group', async () => {
      const w = await mathsWorld();
      const id = await w.rows.periodMark(w.school.id, w.yearId, { studentId: w.borisova, subjectId: w.maths, classId: w.c5a, periodId: w.q1, value: '3' });
      const res = await sheet(w.director.auth, w.query);
      expect(res.status).toBe(200);
      expect(res.body.edit).toEqual({ allowed: false, editableUntil: WINDOW_END, reason: 'read_only', requiresNote: false });
      expect(res.body.students[1].mark).toMatchObject({ id, studentId: w.borisova, kind: 'period', periodId: w.q1, value: '3', version: 1 });
      await w.rows.member(w.school.id, w.group1, w.alekseev);
      const group = await sheet(w.englishTeacher.auth, { classId: w.c5a, subjectId: w.english, periodId: w.q1, subgroupId: w.group1 });
      expect(group.status, JSON.stringify(group.body)).toBe(200);
      expect(group.body.students.map((r: { studentId: string }) => r.studentId)).toEqual([w.alekseev]);
      expect(group.body.edit.allowed).toBe(true);
      // The class teacher reads the class's marks; a teacher of another subject does not.
      expect((await sheet(w.classTeacher.auth, w.query)).status).toBe(200);
      expectProblem(await sheet(w.russianTeacher.auth, w.query), 403);
    });

    it('R-JRN-08 validation names the parameter; R-SEC-02 a parent gets 403, another school 404', async () => {
      const w = await mathsWorld();
      expectProblem(await sheet(w.deputy.auth, { classId: w.c5a, subjectId: w.maths }), 400, 'periodId');
      expectProblem(await sheet(w.deputy.auth, { ...w.query, kind: 'quarterly' }), 400, 'kind');
      expectProblem(await sheet(w.deputy.auth, { ...w.query, classId: 'nope' }), 400, 'classId');
      expectProblem(await sheet(w.deputy.auth, { classId: w.c5a, subjectId: w.maths, kind: 'annual', periodId: w.q1 }), 400, 'periodId');
      const parent = await t.make.parent(w.school.id, [w.alekseev]);
      expectProblem(await sheet(parent.auth, w.query), 403);
      const other = await readViewWorld(t);
      expectProblem(await sheet(other.deputy.auth, w.query), 404);
      expectProblem(await sheet(w.deputy.auth, { ...w.query, periodId: other.q1 }), 404);
      expectProblem(await sheet(w.deputy.auth, { ...w.query, classId: UNKNOWN }), 404);
    });
  });

  describe('PUT /period-marks', () => {
    it('R-JRN-08 the teacher confirms one proposal and overrides another within the window; each mark written and audited', async () => {
      const w = await mathsWorld();
      const res = await save(w.mathsTeacher.auth, w.body([{ studentId: w.alekseev, value: '5' }, { studentId: w.borisova, value: '3' }]))
        .set('x-request-id', 'pm-1');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.students.map((r: { mark: { value: string } | null }) => r.mark?.value ?? null)).toEqual(['5', '3', null]);
      const teacherUser = await userIdOf(t, w.mathsTeacher.login);
      expect(await rowsOf(w.school.id)).toEqual([
        expect.objectContaining({ student_id: w.alekseev, kind: 'period', period_id: w.q1, value: '5', proposed_value: '5', weighted_average: 4.5,
          note: null, set_by: teacherUser, version: 1 }),
        expect.objectContaining({ student_id: w.borisova, value: '3', proposed_value: '4', weighted_average: 3.5, version: 1 }),
      ]);
      const events = await auditOf(t, w.school.id, 'period_mark.create');
      expect(events).toHaveLength(2);
      expect(events[1]).toMatchObject({ actor_user_id: teacherUser, actor_role: 'teacher', entity: 'period_mark', before: null, request_id: 'pm-1' });
      expect(events[1].after).toMatchObject({ studentId: w.borisova, value: '3', proposedValue: '4', weightedAverage: 3.5 });

      // Saving the same values again writes nothing; a change is an update with before and after, and a stale version is refused.
      const again = await save(w.mathsTeacher.auth, w.body([{ studentId: w.alekseev, value: '5' }, { studentId: w.borisova, value: '3' }]));
      expect(again.status).toBe(200);
      expect(await auditOf(t, w.school.id, 'period_mark.update')).toHaveLength(0);
      const changed = await save(w.mathsTeacher.auth, w.body([{ studentId: w.borisova, value: '4', version: 1 }]));
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect(changed.body.students[1].mark).toMatchObject({ value: '4', version: 2 });
      const [update] = await auditOf(t, w.school.id, 'period_mark.update');
      expect(update.before).toMatchObject({ value: '3', version: 1 });
      expect(update.after).toMatchObject({ value: '4', version: 2 });
      expectProblem(await save(w.mathsTeacher.auth, w.body([{ studentId: w.borisova, value: '5', version: 1 }])), 412);
      expect((await rowsOf(w.school.id))[1]).toMatchObject({ value: '4', version: 2 });
    });

    it('R-JRN-08 validation: 400 naming the field, nothing written', async () => {
      const w = await mathsWorld();
      expectProblem(await save(w.mathsTeacher.auth, w.body([{ studentId: w.alekseev, value: '6' }])), 400, 'marks[0].value');
      expectProblem(await save(w.mathsTeacher.auth, w.body([])), 400, 'marks');
      expectProblem(await save(w.mathsTeacher.auth, w.body([{ studentId: w.alekseev, value: '5' }], { kind: 'quarter' })), 400, 'kind');
      expectProblem(await save(w.mathsTeacher.auth, w.body([{ studentId: w.alekseev, value: '5' }], { periodId: undefined })), 400, 'periodId');
      expectProblem(await save(w.mathsTeacher.auth, w.body([{ studentId: w.alekseev, value: '5' }, { studentId: w.alekseev, value: '4' }])),
        400, 'marks[1].studentId');
      // Григорьева left 5А before the period ended.
      expectProblem(await save(w.mathsTeacher.auth, w.body([{ studentId: w.alekseev, value: '5' }, { studentId: w.grigorieva, value: '2' }])),
        400, 'marks[1].studentId');
      expect(await rowsOf(w.school.id)).toEqual([]);
    });

    it('R-SEC-02 the director, the admin, a teacher of another subject and a parent get 403; another school 404', async () => {
      const w = await mathsWorld();
      const one = w.body([{ studentId: w.alekseev, value: '5' }]);
      expectProblem(await save(w.director.auth, one), 403);
      expectProblem(await save(w.admin.auth, one), 403);
      expectProblem(await save(w.russianTeacher.auth, one), 403);
      const parent = await t.make.parent(w.school.id, [w.alekseev]);
      expectProblem(await save(parent.auth, one), 403);
      const other = await readViewWorld(t);
      expectProblem(await save(other.deputy.auth, one), 404);
      expect(await rowsOf(w.school.id)).toEqual([]);
    });

    it('R-JRN-08 after the window the teacher is refused; the deputy changes a mark only with an explanatory note, kept with the mark and audited', async () => {
      const w = await mathsWorld();
      await save(w.mathsTeacher.auth, w.body([{ studentId: w.borisova, value: '3' }])).expect(200);
      t.app.get(Clock).set(AFTER_WINDOW);
      const late = await sheet(w.mathsTeacher.auth, w.query);
      expect(late.body.edit).toEqual({ allowed: false, editableUntil: WINDOW_END, reason: 'window_closed', requiresNote: false });
      const refused = expectProblem(await save(w.mathsTeacher.auth, w.body([{ studentId: w.borisova, value: '4' }])), 403);
      expect(refused).toMatchObject({ type: '/problems/edit-window-closed', needsChangeRequest: true,
        items: [{ field: 'marks[0]', item: 'period_mark', reason: 'window_closed', editableUntil: WINDOW_END, needsChangeRequest: true }] });
      const deputyView = await sheet(w.deputy.auth, w.query);
      expect(deputyView.body.edit).toEqual({ allowed: true, editableUntil: WINDOW_END, reason: 'late_first_entry', requiresNote: true });
      expectProblem(await save(w.deputy.auth, w.body([{ studentId: w.borisova, value: '4' }])), 400, 'marks[0].note');
      expect((await rowsOf(w.school.id))[0]).toMatchObject({ value: '3', version: 1 });

      const note = 'Объяснительная Математиковой Т. от 05.11.2026: ошибочно выставлена «3» вместо «4»';
      const res = await save(w.deputy.auth, w.body([{ studentId: w.borisova, value: '4', note }])).set('x-request-id', 'pm-late');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect((await rowsOf(w.school.id))[0]).toMatchObject({ value: '4', note, set_by: await userIdOf(t, w.deputy.login), version: 2 });
      const [event] = await auditOf(t, w.school.id, 'period_mark.update');
      expect(event).toMatchObject({ actor_role: 'deputy', reason: note, request_id: 'pm-late', before: expect.objectContaining({ value: '3' }) });
      // 002 §3.3.11: teacher, class, date, subject, the change and its reason.
      expect(event.after).toMatchObject({ value: '4', note, explanation: { teacher: 'Математикова Тест', className: '5А', date: '2026-10-24',
        changedOn: '2026-11-05', subject: 'Математика', student: 'Борисова Анна', change: '3 → 4', reason: note } });
    });

    it('R-JRN-08 a closed period locks the teacher out even inside the window; a closed year refuses everyone (409)', async () => {
      const w = await mathsWorld();
      await t.db.query(`UPDATE study_periods SET status = 'closed' WHERE id = $1`, [w.q1]);
      const refused = expectProblem(await save(w.mathsTeacher.auth, w.body([{ studentId: w.alekseev, value: '5' }])), 403);
      expect(refused.items[0].reason).toBe('period_closed');
      await save(w.deputy.auth, w.body([{ studentId: w.alekseev, value: '5', note: 'Подтверждено по ведомости' }])).expect(200);
      await t.db.query(`UPDATE academic_years SET status = 'closed' WHERE id = $1`, [w.yearId]);
      expectProblem(await save(w.deputy.auth, w.body([{ studentId: w.alekseev, value: '4', note: 'Исправление ошибки' }])), 409);
      expect((await rowsOf(w.school.id))[0]).toMatchObject({ value: '5', version: 1 });
    });

    it('R-JRN-08 annual marks from the period marks, exam marks, and final marks from annual and exam', async () => {
      const w = await mathsWorld();
      t.app.get(Clock).set('2027-05-28T09:00:00Z');
      const s = w.school.id;
      await w.rows.periodMark(s, w.yearId, { studentId: w.alekseev, subjectId: w.maths, classId: w.c5a, periodId: w.q1, value: '5' });
      await w.rows.periodMark(s, w.yearId, { studentId: w.alekseev, subjectId: w.maths, classId: w.c5a, periodId: w.q2, value: '4' });
      await w.rows.periodMark(s, w.yearId, { studentId: w.borisova, subjectId: w.maths, classId: w.c5a, periodId: w.q1, value: '3' });
      const annualQuery = { classId: w.c5a, subjectId: w.maths, kind: 'annual', academicYearId: w.yearId };
      const annual = await sheet(w.mathsTeacher.auth, annualQuery);
      expect(annual.status, JSON.stringify(annual.body)).toBe(200);
      expect(annual.body).toMatchObject({ kind: 'annual', periodId: null, from: '2026-09-01', to: '2027-05-31',
        edit: { allowed: true, editableUntil: '2027-06-07T21:00:00.000Z' } });
      expect(annual.body.students[0]).toMatchObject({ average: 4.5, proposal: '5', markCount: 2,
        components: [{ kind: 'period', periodId: w.q1, periodName: '1 четверть', value: '5' }, { kind: 'period', periodId: w.q2, periodName: '2 четверть', value: '4' }] });
      expect(annual.body.students[1]).toMatchObject({ average: 3, proposal: '3' });
      expectProblem(await sheet(w.mathsTeacher.auth, { ...annualQuery, academicYearId: UNKNOWN }), 400, 'academicYearId');

      const marks = { classId: w.c5a, subjectId: w.maths };
      await save(w.mathsTeacher.auth, { ...marks, kind: 'annual', marks: [{ studentId: w.alekseev, value: '4' }] }).expect(200);
      await save(w.mathsTeacher.auth, { ...marks, kind: 'exam', marks: [{ studentId: w.alekseev, value: '5' }] }).expect(200);
      expect((await rowsOf(s)).filter((r: { kind: string }) => r.kind !== 'period').map((r: { kind: string; period_id: string | null; value: string }) =>
        [r.kind, r.period_id, r.value])).toEqual([['annual', null, '4'], ['exam', null, '5']]);
      const final = await sheet(w.mathsTeacher.auth, { ...marks, kind: 'final' });
      expect(final.body.students[0]).toMatchObject({ average: 4.5, proposal: '5',
        components: [{ kind: 'annual', value: '4' }, { kind: 'exam', value: '5' }] });
      // Without an exam the annual mark stands.
      expect(final.body.students[1]).toMatchObject({ proposal: null, components: [] });
      const exam = await sheet(w.mathsTeacher.auth, { ...marks, kind: 'exam' });
      expect(exam.body.students[0]).toMatchObject({ proposal: null, average: null, mark: { value: '5', kind: 'exam' } });
      expectProblem(await save(w.mathsTeacher.auth, { ...marks, kind: 'final', periodId: w.q1, marks: [{ studentId: w.alekseev, value: '5' }] }),
        400, 'periodId');
    });
  });

  describe('GET /period-marks/{id}/history', () => {
    it('R-AUD-03 the deputy and the director read every change of a period mark; a teacher gets 403, an unknown id 404', async () => {
      const w = await mathsWorld();
      await save(w.mathsTeacher.auth, w.body([{ studentId: w.alekseev, value: '4' }])).expect(200);
      t.app.get(Clock).set(AFTER_WINDOW);
      await save(w.deputy.auth, w.body([{ studentId: w.alekseev, value: '5', note: 'Объяснительная учителя: техническая ошибка' }])).expect(200);
      const [{ id }] = await rowsOf(w.school.id);
      for (const reader of [w.deputy, w.director]) {
        const res = await t.http.get(`/api/v1/period-marks/${id}/history`).set(reader.auth);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.mark).toMatchObject({ id, value: '5', version: 2 });
        expect(res.body.items.map((e: { action: string; actorRole: string; reason: string | null }) => [e.action, e.actorRole, e.reason])).toEqual([
          ['period_mark.create', 'teacher', null], ['period_mark.update', 'deputy', 'Объяснительная учителя: техническая ошибка']]);
      }
      expectProblem(await t.http.get(`/api/v1/period-marks/${id}/history`).set(w.mathsTeacher.auth), 403);
      expectProblem(await t.http.get(`/api/v1/period-marks/${UNKNOWN}/history`).set(w.deputy.auth), 404);
      expectProblem(await t.http.get('/api/v1/period-marks/nope/history').set(w.deputy.auth), 400, 'id');
      const other = await readViewWorld(t);
      expectProblem(await t.http.get(`/api/v1/period-marks/${id}/history`).set(other.deputy.auth), 404);
    });
  });

  it('R-API-01 the period-mark endpoints are in the OpenAPI document with their schemas', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/period-marks', '/api/v1/period-marks/{id}/history']));
    expect(Object.keys(doc.paths['/api/v1/period-marks'])).toEqual(expect.arrayContaining(['get', 'put']));
    expect(doc.components.schemas.PeriodMarkRowView.properties.proposal).toMatchObject({ type: 'string', nullable: true });
  });
});
