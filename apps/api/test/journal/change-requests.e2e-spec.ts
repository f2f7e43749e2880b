import { Clock } from '../../src/platform/clock';
import { auditOf, UNKNOWN, userIdOf } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { readViewWorld } from './read-view-fixtures';

// 20 October 2026, 12:00 in Moscow: the September lessons are long past their 2-day edit window (R-JRN-05).
const NOW = '2026-10-20T09:00:00Z';

describe('change requests (R-JRN-06, R-JRN-08, R-AUD-01, R-SEC-02)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });
  beforeEach(() => t.app.get(Clock).set(NOW));

  type Auth = { Authorization: string };
  const file = (auth: Auth, body: Record<string, unknown>) => t.http.post('/api/v1/change-requests').set(auth).send(body);
  const decide = (auth: Auth, id: string, body: Record<string, unknown>) => t.http.post(`/api/v1/change-requests/${id}/decision`).set(auth).send(body);
  const apply = (auth: Auth, id: string) => t.http.post(`/api/v1/change-requests/${id}/apply`).set(auth);
  const requestRow = async (id: string) => (await t.db.query(`SELECT * FROM change_requests WHERE id = $1`, [id]))[0];
  const markValue = async (id: string) => (await t.db.query(`SELECT value FROM marks WHERE id = $1`, [id]))[0]?.value ?? null;
  const absence = async (lessonId: string, studentId: string) =>
    (await t.db.query(`SELECT code FROM attendance WHERE lesson_id = $1 AND student_id = $2`, [lessonId, studentId]))[0]?.code ?? null;
  const lessonRow = async (id: string) => (await t.db.query(`SELECT topic, version FROM lessons WHERE id = $1`, [id]))[0];

  /**
   * Maths of 5А: on 10 September (lesson 1) Алексеев got a 3 and Борисова was marked Н; on 17 September Русакова substituted for
   * Математикова; Russian of 5А and maths of 5Б for the out-of-scope cases.
   */
  async function world() {
    const w = await readViewWorld(t);
    const { rows, school, yearId, c5a, c5b, maths, russian, mathsTeacher, russianTeacher } = w;
    const s = school.id;
    const alekseev = await rows.pupil(s, 'Алексеев', 'Иван');
    const borisova = await rows.pupil(s, 'Борисова', 'Анна');
    const bStudent = await rows.pupil(s, 'Бэшкин', 'Пётр');
    for (const id of [alekseev, borisova]) await rows.enrol(s, id, c5a, '2026-09-01');
    await rows.enrol(s, bStudent, c5b, '2026-09-01');
    const l1 = await rows.lesson(s, yearId, { date: '2026-09-10', lessonNumber: 2, classId: c5a, subjectId: maths, teacherId: mathsTeacher.personId });
    const l2 = await rows.lesson(s, yearId, { date: '2026-09-17', classId: c5a, subjectId: maths, teacherId: mathsTeacher.personId,
      substituteTeacherId: russianTeacher.personId });
    const russianLesson = await rows.lesson(s, yearId, { date: '2026-09-11', classId: c5a, subjectId: russian, teacherId: russianTeacher.personId });
    const l5b = await rows.lesson(s, yearId, { date: '2026-09-10', classId: c5b, subjectId: maths, teacherId: mathsTeacher.personId });
    const m1 = await rows.mark(s, l1, alekseev, '3');
    const m2 = await rows.mark(s, l2, borisova, '5');
    const m5b = await rows.mark(s, l5b, bStudent, '4');
    const mRussian = await rows.mark(s, russianLesson, alekseev, '4');
    await rows.absence(s, l1, borisova, 'Н');
    const reason = { reasonCategory: 'student_illness', documentReference: 'Справка ДП № 3 № 118 от 14.09.2026',
      explanation: 'Борисова болела 10.09, пропуск отмечен «Н» вместо «Б»; отметка Алексееву выставлена ошибочно' };
    const items = [
      { kind: 'mark', targetId: m1, newValue: '4' },
      { kind: 'attendance', lessonId: l1, studentId: borisova, newValue: 'Б' },
      { kind: 'lesson_content', lessonId: l1, newValue: 'Сложение обыкновенных дробей' },
    ];
    return { ...w, alekseev, borisova, bStudent, l1, l2, l5b, russianLesson, m1, m2, m5b, mRussian, reason, items };
  }
  type World = Awaited<ReturnType<typeof world>>;

  async function approved(w: World, items = w.items): Promise<{ id: string; registrationNumber: string }> {
    const filed = await file(w.mathsTeacher.auth, { items, ...w.reason });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const ok = await decide(w.director.auth, filed.body.id, { decision: 'approve', note: 'Разрешаю' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    return filed.body;
  }

  describe('POST /change-requests', () => {
    it('R-JRN-06 a teacher files a request for their lessons: registered ИЗ-2026/0001, current values filled by the server, audited', async () => {
      const w = await world();
      const res = await file(w.mathsTeacher.auth, { items: w.items, ...w.reason }).set('x-request-id', 'cr-file');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const teacherUser = await userIdOf(t, w.mathsTeacher.login);
      expect(res.body).toMatchObject({ schoolId: w.school.id, registrationNumber: 'ИЗ-2026/0001', number: 1, status: 'filed', initiatorId: teacherUser,
        initiatorName: 'Математикова Тест', initiatorRole: 'teacher', reasonCategory: 'student_illness', documentReference: w.reason.documentReference,
        classId: w.c5a, className: '5А', subjectId: w.maths, subjectName: 'Математика', periodId: w.q1, periodName: '1 четверть',
        decidedBy: null, appliedBy: null, createdAt: '2026-10-20T09:00:00.000Z', version: 1 });
      expect(res.body.items).toEqual([
        { kind: 'mark', targetId: w.m1, lessonId: w.l1, studentId: w.alekseev, workType: 'answer', studentName: 'Алексеев Иван', date: '2026-09-10',
          lessonNumber: 2, currentValue: '3', newValue: '4' },
        { kind: 'attendance', targetId: null, lessonId: w.l1, studentId: w.borisova, workType: null, studentName: 'Борисова Анна', date: '2026-09-10',
          lessonNumber: 2, currentValue: 'Н', newValue: 'Б' },
        { kind: 'lesson_content', targetId: w.l1, lessonId: w.l1, studentId: null, workType: null, studentName: null, date: '2026-09-10',
          lessonNumber: 2, currentValue: 'Тема 2026-09-10', newValue: 'Сложение обыкновенных дробей' },
      ]);
      expect(await requestRow(res.body.id)).toMatchObject({ school_id: w.school.id, number: 1, registration_number: 'ИЗ-2026/0001', status: 'filed',
        initiator_id: teacherUser, class_id: w.c5a, subject_id: w.maths, period_id: w.q1 });
      const [event] = await auditOf(t, w.school.id, 'change_request.file');
      expect(event).toMatchObject({ actor_role: 'teacher', entity: 'change_request', entity_id: res.body.id, request_id: 'cr-file' });
      expect(event.reason).toContain('ИЗ-2026/0001');
      // Filing changes nothing in the journal.
      expect(await markValue(w.m1)).toBe('3');
      expect(await absence(w.l1, w.borisova)).toBe('Н');
    });

    it('R-JRN-06 validation names the field; nothing is registered', async () => {
      const w = await world();
      const body = (over: Record<string, unknown>) => ({ items: w.items, ...w.reason, ...over });
      expectProblem(await file(w.mathsTeacher.auth, body({ reasonCategory: 'whim' })), 400, 'reasonCategory');
      expectProblem(await file(w.mathsTeacher.auth, body({ documentReference: '  ' })), 400, 'documentReference');
      expectProblem(await file(w.mathsTeacher.auth, body({ explanation: undefined })), 400, 'explanation');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [] })), 400, 'items');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [{ kind: 'grade', targetId: w.m1, newValue: '4' }] })), 400, 'items[0].kind');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [{ kind: 'mark', targetId: w.m1, newValue: '7' }] })), 400, 'items[0].newValue');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [{ kind: 'mark', targetId: w.m1, newValue: '3' }] })), 400, 'items[0].newValue');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [{ kind: 'attendance', lessonId: w.l1, studentId: w.borisova, newValue: 'X' }] })),
        400, 'items[0].newValue');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [{ kind: 'attendance', lessonId: w.l1, newValue: 'Б' }] })), 400, 'items[0].studentId');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [{ kind: 'mark', lessonId: w.l1, studentId: w.borisova, newValue: '5' }] })),
        400, 'items[0].workType');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [{ kind: 'mark', lessonId: w.l1, studentId: w.bStudent, newValue: '5', workType: 'answer' }] })),
        400, 'items[0].studentId');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [{ kind: 'mark', targetId: w.m1, newValue: '4' }, { kind: 'mark', targetId: w.m5b, newValue: '5' }] })),
        400, 'items[1]');
      expectProblem(await file(w.mathsTeacher.auth, body({ items: [{ kind: 'mark', targetId: w.m1, newValue: '4' }, { kind: 'mark', targetId: w.m1, newValue: '5' }] })),
        400, 'items[1]');
      expect(await t.db.query(`SELECT 1 FROM change_requests WHERE school_id = $1`, [w.school.id])).toEqual([]);
    });

    it('R-SEC-02 a teacher files only for lessons they teach or substitute; the deputy for any; the director and a parent get 403; another school 404', async () => {
      const w = await world();
      const russianItem = [{ kind: 'mark', targetId: w.mRussian, newValue: '5' }];
      expectProblem(await file(w.mathsTeacher.auth, { items: russianItem, ...w.reason }), 403);
      // Русакова substituted on 17 September: she may ask about that maths lesson.
      const sub = await file(w.russianTeacher.auth, { items: [{ kind: 'mark', targetId: w.m2, newValue: '4' }], ...w.reason, reasonCategory: 'teacher_absence' });
      expect(sub.status, JSON.stringify(sub.body)).toBe(201);
      const deputy = await file(w.deputy.auth, { items: russianItem, ...w.reason, reasonCategory: 'other_document' });
      expect(deputy.status).toBe(201);
      expect(deputy.body).toMatchObject({ registrationNumber: 'ИЗ-2026/0002', initiatorRole: 'deputy', subjectName: 'Русский язык' });
      expectProblem(await file(w.director.auth, { items: w.items, ...w.reason }), 403);
      expectProblem(await file(w.admin.auth, { items: w.items, ...w.reason }), 403);
      const parent = await t.make.parent(w.school.id, [w.alekseev]);
      expectProblem(await file(parent.auth, { items: w.items, ...w.reason }), 403);
      const other = await readViewWorld(t);
      expectProblem(await file(other.deputy.auth, { items: w.items, ...w.reason }), 404);
      expectProblem(await file(w.deputy.auth, { items: [{ kind: 'mark', targetId: UNKNOWN, newValue: '5' }], ...w.reason }), 404);
    });

    it('R-JRN-06 concurrent filings get distinct, consecutive registration numbers', async () => {
      const w = await world();
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) =>
        file(w.mathsTeacher.auth, { items: [{ kind: 'mark', lessonId: w.l1, studentId: w.borisova, newValue: String((i % 5) + 1), workType: 'answer' }],
          ...w.reason })));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      const numbers = results.map((r) => r.body.registrationNumber as string).sort();
      expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `ИЗ-2026/${String(i + 1).padStart(4, '0')}`));
    });
  });

  describe('GET /change-requests', () => {
    it('R-JRN-06 a teacher lists their own requests; the deputy, director and admin all; filters by status and period; a parent gets 403', async () => {
      const w = await world();
      const mine = await approved(w);
      const deputys = await file(w.deputy.auth, { items: [{ kind: 'mark', targetId: w.mRussian, newValue: '5' }], ...w.reason });
      const ids = (res: { body: { id: string }[] }) => res.body.map((r) => r.id);
      const list = (auth: Auth, q: Record<string, string> = {}) => t.http.get('/api/v1/change-requests').query({ schoolId: w.school.id, ...q }).set(auth);
      expect(ids(await list(w.mathsTeacher.auth))).toEqual([mine.id]);
      expect(ids(await list(w.russianTeacher.auth))).toEqual([]);
      // The class teacher of 5А sees the requests of the class.
      expect(ids(await list(w.classTeacher.auth)).sort()).toEqual([mine.id, deputys.body.id].sort());
      for (const reader of [w.deputy, w.director, w.admin]) expect(ids(await list(reader.auth)).sort()).toEqual([mine.id, deputys.body.id].sort());
      expect(ids(await list(w.deputy.auth, { status: 'approved' }))).toEqual([mine.id]);
      expect(ids(await list(w.deputy.auth, { periodId: w.q2 }))).toEqual([]);
      expectProblem(await list(w.deputy.auth, { status: 'done' }), 400, 'status');
      expectProblem(await t.http.get('/api/v1/change-requests').set(w.deputy.auth), 400, 'schoolId');
      const parent = await t.make.parent(w.school.id, [w.alekseev]);
      expectProblem(await list(parent.auth), 403);
      const other = await readViewWorld(t);
      expectProblem(await list(other.deputy.auth), 404);

      const get = (auth: Auth, id: string) => t.http.get(`/api/v1/change-requests/${id}`).set(auth);
      expect((await get(w.mathsTeacher.auth, mine.id)).body).toMatchObject({ id: mine.id, status: 'approved', decidedByName: 'Директорова Тест' });
      expect((await get(w.director.auth, mine.id)).status).toBe(200);
      expectProblem(await get(w.russianTeacher.auth, mine.id), 404);
      expectProblem(await get(other.deputy.auth, mine.id), 404);
      expectProblem(await get(parent.auth, mine.id), 403);
      expectProblem(await get(w.deputy.auth, UNKNOWN), 404);
    });
  });

  describe('decision and apply', () => {
    it('R-JRN-06 filed → approved → applied: every item written in one go past the windows, each audited with the request id', async () => {
      const w = await world();
      const lessonBefore = await lessonRow(w.l1);
      const filed = await file(w.mathsTeacher.auth, { items: w.items, ...w.reason });
      expectProblem(await decide(w.mathsTeacher.auth, filed.body.id, { decision: 'approve' }), 403);
      expectProblem(await decide(w.deputy.auth, filed.body.id, { decision: 'approve' }), 403);
      expectProblem(await decide(w.director.auth, filed.body.id, { decision: 'maybe' }), 400, 'decision');
      expectProblem(await apply(w.admin.auth, filed.body.id), 409);

      const ok = await decide(w.director.auth, filed.body.id, { decision: 'approve', note: 'Разрешаю внести изменения', version: 1 });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      const directorUser = await userIdOf(t, w.director.login);
      expect(ok.body).toMatchObject({ status: 'approved', decidedBy: directorUser, decidedAt: '2026-10-20T09:00:00.000Z',
        decisionNote: 'Разрешаю внести изменения', version: 2 });
      const [approval] = await auditOf(t, w.school.id, 'change_request.approve');
      expect(approval).toMatchObject({ actor_user_id: directorUser, actor_role: 'director', entity_id: filed.body.id, reason: 'Разрешаю внести изменения' });
      expectProblem(await decide(w.director.auth, filed.body.id, { decision: 'reject', note: 'Передумал' }), 409);

      expectProblem(await apply(w.mathsTeacher.auth, filed.body.id), 403);
      expectProblem(await apply(w.director.auth, filed.body.id), 403);
      t.app.get(Clock).set('2026-10-22T08:00:00Z');
      const res = await apply(w.admin.auth, filed.body.id).set('x-request-id', 'cr-apply');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const adminUser = await userIdOf(t, w.admin.login);
      expect(res.body).toMatchObject({ status: 'applied', appliedBy: adminUser, appliedByName: 'Админова Тест', appliedAt: '2026-10-22T08:00:00.000Z', version: 3 });
      expect(await markValue(w.m1)).toBe('4');
      expect(await absence(w.l1, w.borisova)).toBe('Б');
      const lessonAfter = await lessonRow(w.l1);
      expect(lessonAfter.topic).toBe('Сложение обыкновенных дробей');
      // The lesson page's version moves on, so a page opened before the change reloads.
      expect(lessonAfter.version).toBeGreaterThan(lessonBefore.version);

      const writes = (await auditOf(t, w.school.id)).filter((e) => ['mark', 'attendance', 'lesson'].includes(e.entity));
      expect(writes.map((e) => [e.action, e.entity_id])).toEqual([
        ['mark.update', w.m1], ['attendance.update', `${w.l1}:${w.borisova}`], ['lesson.update', w.l1]]);
      for (const e of writes) {
        expect(e).toMatchObject({ actor_user_id: adminUser, actor_role: 'admin', request_id: 'cr-apply' });
        expect(e.reason).toContain(filed.body.registrationNumber);
        expect(e.after).toMatchObject({ changeRequestId: filed.body.id });
      }
      expect(writes[0].before).toMatchObject({ value: '3' });
      expect(writes[0].after).toMatchObject({ value: '4' });
      expect(writes[1].before).toMatchObject({ code: 'Н' });
      expect(writes[1].after).toMatchObject({ code: 'Б' });
      expect((await auditOf(t, w.school.id, 'change_request.apply'))[0]).toMatchObject({ entity_id: filed.body.id, actor_role: 'admin' });
      expectProblem(await apply(w.admin.auth, filed.body.id), 409);
    });

    it('R-JRN-06 a rejected request cannot be applied; rejecting needs a note', async () => {
      const w = await world();
      const filed = await file(w.mathsTeacher.auth, { items: w.items, ...w.reason });
      expectProblem(await decide(w.director.auth, filed.body.id, { decision: 'reject' }), 400, 'note');
      const rejected = await decide(w.director.auth, filed.body.id, { decision: 'reject', note: 'Нет подтверждающего документа' });
      expect(rejected.status).toBe(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: 'Нет подтверждающего документа' });
      const problem = expectProblem(await apply(w.admin.auth, filed.body.id), 409);
      expect(problem.requestStatus).toBe('rejected');
      expect(await markValue(w.m1)).toBe('3');
      expect((await requestRow(filed.body.id)).status).toBe('rejected');
      expectProblem(await decide(w.director.auth, filed.body.id, { decision: 'approve', version: 1 }), 412);
    });

    it('R-JRN-06 apply is all or nothing: an item changed since filing stops the request and nothing is written', async () => {
      const w = await world();
      const req = await approved(w);
      const topicBefore = (await lessonRow(w.l1)).topic;
      // Someone corrected the attendance meanwhile.
      await t.db.query(`UPDATE attendance SET code = 'У' WHERE lesson_id = $1 AND student_id = $2`, [w.l1, w.borisova]);
      const problem = expectProblem(await apply(w.admin.auth, req.id), 409);
      expect(problem.detail).toContain('items[1]');
      expect(await markValue(w.m1)).toBe('3');
      expect(await absence(w.l1, w.borisova)).toBe('У');
      expect((await lessonRow(w.l1)).topic).toBe(topicBefore);
      expect((await requestRow(req.id)).status).toBe('approved');
      expect((await auditOf(t, w.school.id)).filter((e) => ['mark', 'attendance', 'lesson'].includes(e.entity))).toEqual([]);
    });

    it('R-JRN-06 adds and removes marks and corrects a period mark after its lock (R-JRN-08), each audited with the request id', async () => {
      const w = await world();
      const pm = await w.rows.periodMark(w.school.id, w.yearId, { studentId: w.alekseev, subjectId: w.maths, classId: w.c5a, periodId: w.q1, value: '3' });
      t.app.get(Clock).set('2026-11-20T09:00:00Z');
      const items = [
        { kind: 'mark', lessonId: w.l1, studentId: w.borisova, workType: 'control', newValue: '5' },
        { kind: 'mark', targetId: w.m2, newValue: null },
        { kind: 'period_mark', targetId: pm, newValue: '4' },
      ];
      const filed = await file(w.deputy.auth, { items, ...w.reason, reasonCategory: 'other_document' });
      expect(filed.status, JSON.stringify(filed.body)).toBe(201);
      expect(filed.body.items.map((i: { currentValue: string | null; date: string }) => [i.currentValue, i.date]))
        .toEqual([[null, '2026-09-10'], ['5', '2026-09-17'], ['3', '2026-10-24']]);
      await decide(w.director.auth, filed.body.id, { decision: 'approve' }).expect(200);
      const res = await apply(w.admin.auth, filed.body.id);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const added = await t.db.query(`SELECT id, value, work_type, weight::float8 AS weight, entered_late FROM marks WHERE lesson_id = $1 AND student_id = $2`,
        [w.l1, w.borisova]);
      expect(added).toEqual([{ id: expect.any(String), value: '5', work_type: 'control', weight: 2, entered_late: true }]);
      expect(await markValue(w.m2)).toBeNull();
      const [period] = await t.db.query(`SELECT value, note, version FROM period_marks WHERE id = $1`, [pm]);
      expect(period).toMatchObject({ value: '4', version: 2 });
      expect(period.note).toContain(filed.body.registrationNumber);
      const writes = (await auditOf(t, w.school.id)).filter((e) => ['mark', 'period_mark'].includes(e.entity));
      expect(writes.map((e) => [e.action, e.entity_id])).toEqual([['mark.create', added[0].id], ['mark.delete', w.m2], ['period_mark.update', pm]]);
      for (const e of writes) expect(e.after).toMatchObject({ changeRequestId: filed.body.id });
      const history = await t.http.get(`/api/v1/period-marks/${pm}/history`).set(w.director.auth);
      expect(history.body.items.map((e: { action: string; reason: string }) => [e.action, e.reason]))
        .toEqual([['period_mark.update', `Заявление ${filed.body.registrationNumber}: ${w.reason.documentReference}`]]);
    });

    it('R-JRN-06 the class teacher applies only when the school configures it, and only for their class; a closed year refuses', async () => {
      const w = await world();
      const req = await approved(w);
      expectProblem(await apply(w.classTeacher.auth, req.id), 403);
      await t.db.query(`INSERT INTO journal_settings (school_id, class_teacher_applies_changes) VALUES ($1, true)`, [w.school.id]);
      const otherClassTeacher = await t.make.staff(w.school.id, ['class_teacher'], { lastName: 'Бэшная' });
      await t.db.query(`UPDATE classes SET class_teacher_id = $2 WHERE id = $1`, [w.c5b, otherClassTeacher.personId]);
      expectProblem(await apply(otherClassTeacher.auth, req.id), 404);
      await t.db.query(`UPDATE academic_years SET status = 'closed' WHERE id = $1`, [w.yearId]);
      expectProblem(await apply(w.classTeacher.auth, req.id), 409);
      expect(await markValue(w.m1)).toBe('3');
      await t.db.query(`UPDATE academic_years SET status = 'open' WHERE id = $1`, [w.yearId]);
      const res = await apply(w.classTeacher.auth, req.id);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ status: 'applied', appliedByName: 'Классная Тест' });
      expect(await markValue(w.m1)).toBe('4');
      const [e] = (await auditOf(t, w.school.id, 'mark.update'));
      expect(e).toMatchObject({ actor_role: 'class_teacher' });
    });
  });

  describe('GET /change-requests/register.pdf', () => {
    it('R-JRN-06 prints the register of changes of a period (and of dates) as a PDF for the deputy, director and admin', async () => {
      const w = await world();
      const req = await approved(w);
      await apply(w.admin.auth, req.id).expect(200);
      await file(w.deputy.auth, { items: [{ kind: 'mark', targetId: w.mRussian, newValue: '5' }], ...w.reason });
      for (const reader of [w.deputy, w.director, w.admin]) {
        const res = await t.http.get('/api/v1/change-requests/register.pdf').query({ schoolId: w.school.id, periodId: w.q1 }).set(reader.auth)
          .buffer(true).parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/application\/pdf/);
        expect(res.headers['content-disposition']).toMatch(/attachment; filename="change-register-2026-10-20\.pdf"/);
        expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
        expect((res.body as Buffer).length).toBeGreaterThan(10_000);
      }
      const byDates = await t.http.get('/api/v1/change-requests/register.pdf').query({ schoolId: w.school.id, from: '2026-10-01', to: '2026-10-31' })
        .set(w.deputy.auth).buffer(true).parse((r, cb) => { const c: Buffer[] = []; r.on('data', (x: Buffer) => c.push(x)); r.on('end', () => cb(null, Buffer.concat(c))); });
      expect(byDates.status).toBe(200);
      expect((byDates.body as Buffer).subarray(0, 4).toString()).toBe('%PDF');
      expectProblem(await t.http.get('/api/v1/change-requests/register.pdf').query({ schoolId: w.school.id }).set(w.deputy.auth), 400, 'periodId');
      expectProblem(await t.http.get('/api/v1/change-requests/register.pdf').query({ schoolId: w.school.id, from: '2026-10-01', to: 'soon' })
        .set(w.deputy.auth), 400, 'to');
      expectProblem(await t.http.get('/api/v1/change-requests/register.pdf').query({ schoolId: w.school.id, periodId: w.q1 }).set(w.mathsTeacher.auth), 403);
      const other = await readViewWorld(t);
      expectProblem(await t.http.get('/api/v1/change-requests/register.pdf').query({ schoolId: w.school.id, periodId: other.q1 }).set(w.deputy.auth), 404);
    });
  });

  it('R-API-01 the change-request endpoints are in the OpenAPI document with their schemas', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/change-requests', '/api/v1/change-requests/register.pdf',
      '/api/v1/change-requests/{id}', '/api/v1/change-requests/{id}/decision', '/api/v1/change-requests/{id}/apply']));
    expect(doc.components.schemas.ChangeItemDto.properties.newValue).toMatchObject({ type: 'string', nullable: true });
    expect(doc.components.schemas.ChangeRequestView.properties.registrationNumber).toMatchObject({ example: 'ИЗ-2026/0001' });
  });
});
