import { newId } from '../../src/platform/database/ids';
import { auditOf, userIdOf } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { FRI, generateWeek, lessonId, lessonWorld, type LessonWorld, MON, setNow, THU, WED } from './lesson-fixtures';

describe('lesson bulk save (R-JRN-02, R-JRN-03, R-JRN-04, R-JRN-05, R-JRN-07, R-JRN-09, R-JRN-10, R-API-03, R-SEC-02, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  // Monday's maths is lesson 2 (08:55–09:40); the teacher saves at 11:00 the same day.
  beforeEach(() => setNow(t, `${MON}T11:00:00`));

  async function world() {
    const w = await lessonWorld(t);
    await generateWeek(t, w);
    return { ...w, mon: await lessonId(t, w.c5a, MON, 2), wed: await lessonId(t, w.c5a, WED, 3) };
  }
  type W = Awaited<ReturnType<typeof world>>;
  const s = (w: LessonWorld, i: number) => w.students[i].id;
  const save = (w: W, body: Record<string, unknown>, auth = w.teacher.auth, id = w.mon) => t.http.put(`/api/v1/lessons/${id}`).set(auth).send(body);
  const marksOf = (lesson: string) => t.db.query(
    `SELECT id, student_id, value, work_type, weight::float8 AS weight, comment, entered_at, entered_late, entered_by FROM marks WHERE lesson_id = $1 ORDER BY entered_at, value`, [lesson]);
  const versionOf = async (lesson: string): Promise<number> => (await t.db.query(`SELECT version FROM lessons WHERE id = $1`, [lesson]))[0].version;

  const fullSave = (w: W) => ({
    version: 1, topic: 'Сложение дробей', held: true, workTypes: ['answer', 'independent'],
    homework: { text: '№ 245, 247', dueDate: WED },
    attendance: [{ studentId: s(w, 3), code: 'Н' }, { studentId: s(w, 4), code: 'Б' }, { studentId: s(w, 0), code: null }],
    marks: { upsert: [
      { studentId: s(w, 0), value: '5', workType: 'answer', comment: 'У доски' },
      { studentId: s(w, 0), value: '4', workType: 'independent' },
      { studentId: s(w, 1), value: '3', workType: 'answer' },
      { studentId: s(w, 2), value: '5', workType: 'control' },
      { studentId: s(w, 2), value: 'зч', workType: 'credit' },
    ] },
    remarks: [{ studentId: s(w, 1), text: 'Не выполнил домашнее задание' }],
  });

  it('R-JRN-02/03/04/07 saves topic, homework, two absences and five marks in one request; server stamps; weights from the work types', async () => {
    const w = await world();
    const res = await save(w, fullSave(w)).set('x-request-id', 'save-1');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ id: w.mon, topic: 'Сложение дробей', held: true, workTypes: ['answer', 'independent'], enteredLate: false,
      firstEnteredAt: '2026-11-30T08:00:00.000Z', homework: { text: '№ 245, 247', dueDate: WED, enteredLate: false, files: [] }, version: 2, markCount: 5, absenceCount: 2 });
    expect(res.body.students[0].marks.map((m: { value: string; weight: number }) => [m.value, m.weight])).toEqual([['5', 1], ['4', 1.5]]);
    expect(res.body.students[3].attendance).toMatchObject({ code: 'Н', enteredLate: false, editable: true });
    expect(res.body.students[1].remarks).toMatchObject([{ text: 'Не выполнил домашнее задание' }]);
    const [lesson] = await t.db.query(`SELECT topic, held, work_types, first_entered_at, entered_late, version FROM lessons WHERE id = $1`, [w.mon]);
    expect(lesson).toEqual({ topic: 'Сложение дробей', held: true, work_types: ['answer', 'independent'], first_entered_at: new Date('2026-11-30T08:00:00Z'),
      entered_late: false, version: 2 });
    expect(await t.db.query(`SELECT text, due_date::text, entered_late FROM homework WHERE lesson_id = $1`, [w.mon])).toEqual([{ text: '№ 245, 247', due_date: WED, entered_late: false }]);
    expect(await t.db.query(`SELECT student_id, code, entered_late FROM attendance WHERE lesson_id = $1 ORDER BY code`, [w.mon]))
      .toEqual([{ student_id: s(w, 4), code: 'Б', entered_late: false }, { student_id: s(w, 3), code: 'Н', entered_late: false }]);
    const userId = await userIdOf(t, w.teacher.login);
    const marks = await marksOf(w.mon);
    expect(marks.map((m: { student_id: string; value: string; work_type: string; weight: number }) => [m.student_id, m.value, m.work_type, m.weight]).sort()).toEqual([
      [s(w, 0), '4', 'independent', 1.5], [s(w, 0), '5', 'answer', 1], [s(w, 1), '3', 'answer', 1], [s(w, 2), '5', 'control', 2], [s(w, 2), 'зч', 'credit', 1],
    ].sort());
    for (const m of marks) expect(m).toMatchObject({ entered_at: new Date('2026-11-30T08:00:00Z'), entered_late: false, entered_by: userId });
    const [e] = await auditOf(t, w.school.id, 'lesson.save');
    expect(e).toMatchObject({ actor_user_id: userId, actor_role: 'teacher', entity: 'lesson', entity_id: w.mon, request_id: 'save-1' });
    expect(e.before).toMatchObject({ version: 1, content: { topic: null, held: false }, homework: null, attendance: { [s(w, 3)]: null } });
    expect(e.after).toMatchObject({ version: 2, content: { topic: 'Сложение дробей', held: true }, homework: { text: '№ 245, 247' },
      attendance: { [s(w, 3)]: { code: 'Н' }, [s(w, 4)]: { code: 'Б' } } });
    expect(Object.keys(e.after?.marks as object).sort()).toEqual(marks.map((m: { id: string }) => m.id).sort());
    expect((e.after?.marks as Record<string, unknown>)[marks[0].id]).toMatchObject({ studentId: marks[0].student_id, value: marks[0].value });
  });

  it('R-JRN-03 edits and deletes marks by id; the audit keys them by id with before and after', async () => {
    const w = await world();
    const first = (await save(w, fullSave(w))).body;
    const [five, four] = first.students[0].marks;
    const res = await save(w, { version: 2, marks: { upsert: [{ id: five.id, studentId: s(w, 0), value: '4', workType: 'answer', comment: 'Исправлено' }], delete: [four.id] } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.students[0].marks).toEqual([expect.objectContaining({ id: five.id, value: '4', comment: 'Исправлено', weight: 1 })]);
    const e = (await auditOf(t, w.school.id, 'lesson.save'))[1];
    expect(e.before).toEqual({ version: 2, marks: { [five.id]: expect.objectContaining({ value: '5', comment: 'У доски' }), [four.id]: expect.objectContaining({ value: '4', workType: 'independent' }) } });
    expect(e.after).toEqual({ version: 3, marks: { [five.id]: expect.objectContaining({ value: '4', comment: 'Исправлено' }), [four.id]: null } });
  });

  it('R-JRN-02/03 validates the unit and names each bad field; unknown student 400; nothing written', async () => {
    const w = await world();
    const stranger = newId();
    const bad = await save(w, { version: 1, held: true, topic: '', marks: { upsert: [
      { studentId: s(w, 0), value: '5', workType: 'answer' }, { studentId: stranger, value: '4', workType: 'answer' },
      { studentId: s(w, 1), value: '3', workType: 'dance' }] }, attendance: [{ studentId: s(w, 2), code: 'Н' }, { studentId: s(w, 2), code: 'У' }] });
    const p = expectProblem(bad, 400);
    expect(p.errors.map((x: { field: string }) => x.field).sort()).toEqual(['attendance[1].studentId', 'marks.upsert[1].studentId', 'marks.upsert[2].workType', 'topic']);
    expect(p.errors.find((x: { field: string }) => x.field === 'marks.upsert[1].studentId').message).toMatch(/not a student/);
    // Shape errors are named the same way: a value off the scale, a code off the list.
    const shape = expectProblem(await save(w, { version: 1, marks: { upsert: [{ studentId: s(w, 0), value: '5', workType: 'answer' }, { studentId: s(w, 0), value: '5', workType: 'answer' },
      { studentId: s(w, 0), value: '5', workType: 'answer' }, { studentId: s(w, 0), value: '6', workType: 'answer' }] }, attendance: [{ studentId: s(w, 1), code: 'X' }] }), 400);
    expect(shape.errors.map((x: { field: string }) => x.field).sort()).toEqual(['attendance[0].code', 'marks.upsert[3].value']);
    expectProblem(await save(w, { topic: 'Без версии' }), 400, 'version');
    expect(await marksOf(w.mon)).toEqual([]);
    expect(await t.db.query(`SELECT 1 FROM attendance WHERE lesson_id = $1`, [w.mon])).toEqual([]);
    expect(await versionOf(w.mon)).toBe(1);
    expect(await auditOf(t, w.school.id, 'lesson.save')).toEqual([]);
  });

  it('R-SEC-02 only the teacher of record or the substitute of this lesson writes it; director, deputy, class teacher, other teachers, families 403; another school 404', async () => {
    const w = await world();
    const other = await world();
    const body = { version: 1, topic: 'Тема' };
    expectProblem(await save(w, body, w.other.auth), 403);
    expectProblem(await save(w, body, w.director.auth), 403);
    expectProblem(await save(w, body, w.deputy.auth), 403);
    expectProblem(await save(w, body, w.admin.auth), 403);
    expectProblem(await save(w, body, w.classTeacher.auth), 403);
    expectProblem(await save(w, body, (await t.make.studentAccount(w.students[0].personId)).auth), 403);
    expectProblem(await save(w, body, (await t.make.parent(w.school.id, [s(w, 0)])).auth), 403);
    expectProblem(await save(w, body, other.teacher.auth), 404);
    expect(await versionOf(w.mon)).toBe(1);
    // The class teacher writes their own lesson; a substitute writes the lesson they substitute.
    setNow(t, `${WED}T11:00:00`);
    const tue = await lessonId(t, w.c5a, '2026-12-01', 1);
    expect((await save(w, { version: 1, topic: 'Имя существительное' }, w.classTeacher.auth, tue)).status).toBe(200);
    await t.http.post('/api/v1/timetable/changes').set(w.deputy.auth)
      .send({ entryId: w.entries.mathsWed, date: WED, kind: 'substitute', substituteTeacherId: w.other.personId, reason: 'Болезнь учителя' });
    await t.http.get(`/api/v1/lessons?teacherId=${w.other.personId}&date=${WED}`).set(w.other.auth);
    const wedVersion = await versionOf(w.wed);
    const sub = await save(w, { version: wedVersion, topic: 'Замена: решение задач', marks: { upsert: [{ studentId: s(w, 0), value: '5', workType: 'answer' }] } }, w.other.auth, w.wed);
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(sub.body).toMatchObject({ teacherId: w.teacher.personId, substituteTeacherId: w.other.personId, topic: 'Замена: решение задач' });
    expect((await marksOf(w.wed))[0].entered_by).toBe(await userIdOf(t, w.other.login));
  });

  describe('edit windows (R-JRN-05, R-JRN-07)', () => {
    it('R-JRN-05 four days later an existing mark is locked (403 edit-window-closed, needsChangeRequest) and nothing of the request is written', async () => {
      const w = await world();
      const first = (await save(w, fullSave(w))).body;
      const mark = first.students[1].marks[0];
      setNow(t, `${FRI}T10:00:00`);
      const page = (await t.http.get(`/api/v1/lessons/${w.mon}`).set(w.teacher.auth)).body;
      expect(page.students[1].marks[0]).toMatchObject({ id: mark.id, editable: false, editableUntil: '2026-12-02T21:00:00.000Z' });
      expect(page.edit.content).toMatchObject({ allowed: false, reason: 'window_closed', needsChangeRequest: true });
      const res = await save(w, { version: 2, marks: { upsert: [{ id: mark.id, studentId: s(w, 1), value: '4', workType: 'answer' },
        { studentId: s(w, 3), value: '4', workType: 'answer' }] } });
      const p = expectProblem(res, 403);
      expect(p).toMatchObject({ type: '/problems/edit-window-closed', needsChangeRequest: true,
        items: [{ field: 'marks.upsert[0]', item: 'mark', reason: 'window_closed', editableUntil: '2026-12-02T21:00:00.000Z', needsChangeRequest: true }] });
      expect((await marksOf(w.mon)).find((m: { id: string }) => m.id === mark.id).value).toBe('3');
      expect(await marksOf(w.mon)).toHaveLength(5);
      expect(await versionOf(w.mon)).toBe(2);
    });

    it('R-JRN-05/07 a late first entry (mark, absence, topic) is saved and flagged entered_late; the client cannot set its time', async () => {
      const w = await world();
      setNow(t, `${THU}T15:00:00`);
      const res = await save(w, { version: 1, topic: 'Дроби', held: true, attendance: [{ studentId: s(w, 2), code: 'У' }],
        marks: { upsert: [{ studentId: s(w, 0), value: '5', workType: 'answer' }] }, enteredAt: '2026-11-30T09:00:00Z' });
      expectProblem(res, 400, 'enteredAt');
      const ok = await save(w, { version: 1, topic: 'Дроби', held: true, attendance: [{ studentId: s(w, 2), code: 'У' }],
        marks: { upsert: [{ studentId: s(w, 0), value: '5', workType: 'answer' }] } });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body).toMatchObject({ enteredLate: true, firstEnteredAt: '2026-12-03T12:00:00.000Z' });
      expect(ok.body.students[0].marks[0]).toMatchObject({ enteredLate: true, editable: true, editableUntil: '2026-12-07T21:00:00.000Z' });
      expect(await marksOf(w.mon)).toEqual([expect.objectContaining({ entered_late: true, entered_at: new Date('2026-12-03T12:00:00Z') })]);
      expect(await t.db.query(`SELECT entered_late, entered_at FROM attendance WHERE lesson_id = $1`, [w.mon]))
        .toEqual([{ entered_late: true, entered_at: new Date('2026-12-03T12:00:00Z') }]);
      expect((await t.db.query(`SELECT entered_late FROM lessons WHERE id = $1`, [w.mon]))[0].entered_late).toBe(true);
      const [e] = await auditOf(t, w.school.id, 'lesson.save');
      expect(e.after?.lateEntries).toEqual(['topic', 'attendance[0]', 'marks.upsert[0]']);
      // Past the late-entry window (7 days) even a first entry needs a change request.
      setNow(t, '2026-12-08T09:00:00');
      expect(expectProblem(await save(w, { version: 2, marks: { upsert: [{ studentId: s(w, 1), value: '4', workType: 'answer' }] } }), 403).needsChangeRequest).toBe(true);
    });

    it('R-JRN-05 control-work marks stay editable 10 days; marks are refused before the lesson day', async () => {
      const w = await world();
      const first = (await save(w, fullSave(w))).body;
      const control = first.students[2].marks.find((m: { workType: string }) => m.workType === 'control');
      setNow(t, `${FRI}T10:00:00`);
      const res = await save(w, { version: 2, marks: { upsert: [{ id: control.id, studentId: s(w, 2), value: '4', workType: 'control' }] } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.students[2].marks.find((m: { id: string }) => m.id === control.id)).toMatchObject({ value: '4', editableUntil: '2026-12-10T21:00:00.000Z' });
      setNow(t, `${MON}T11:00:00`);
      const early = expectProblem(await save(w, { version: 1, marks: { upsert: [{ studentId: s(w, 0), value: '5', workType: 'answer' }] } }, w.teacher.auth, w.wed), 403);
      expect(early.items[0]).toMatchObject({ reason: 'not_yet', needsChangeRequest: false });
    });

    it('R-CUR-02 a closed study period locks the lesson (period_closed, a change request is the way)', async () => {
      const w = await world();
      await t.db.query(`INSERT INTO study_periods (id, school_id, academic_year_id, grade_from, grade_to, kind, number, name, starts_on, ends_on, status)
        VALUES ($1,$2,$3,1,11,'quarter',2,'2 четверть','2026-11-09','2026-12-28','closed')`, [newId(), w.school.id, w.yearId]);
      const p = expectProblem(await save(w, { version: 1, topic: 'Тема' }), 403);
      expect(p.items).toEqual([{ field: 'topic', item: 'content', reason: 'period_closed', editableUntil: null, needsChangeRequest: true }]);
    });
  });

  it('R-API-03 two saves with the same version: one wins, the other gets 409 with the current page; resubmitted, nothing is lost', async () => {
    const w = await world();
    const a = { version: 1, marks: { upsert: [{ studentId: s(w, 0), value: '5', workType: 'answer' }] } };
    const b = { version: 1, attendance: [{ studentId: s(w, 1), code: 'Н' }], marks: { upsert: [{ studentId: s(w, 2), value: '4', workType: 'answer' }] } };
    const [ra, rb] = await Promise.all([save(w, a), save(w, b)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const [winner, loser, loserBody] = ra.status === 200 ? [ra, rb, b] : [rb, ra, a];
    const p = expectProblem(loser, 409);
    expect(p).toMatchObject({ currentVersion: 2, current: { id: w.mon, version: 2 } });
    // The current state is exactly what the winner saved: the loser sees it and merges.
    expect(p.current).toEqual(winner.body);
    const retry = await save(w, { ...loserBody, version: p.currentVersion });
    expect(retry.status, JSON.stringify(retry.body)).toBe(200);
    expect(await marksOf(w.mon)).toHaveLength(2);
    expect(await t.db.query(`SELECT code FROM attendance WHERE lesson_id = $1`, [w.mon])).toEqual([{ code: 'Н' }]);
    expect(await versionOf(w.mon)).toBe(3);
  });

  it('R-API-03 If-Match carries the version when the body has none; a stale one answers 409', async () => {
    const w = await world();
    const res = await t.http.put(`/api/v1/lessons/${w.mon}`).set(w.teacher.auth).set('If-Match', '"1"').send({ topic: 'Дроби' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expectProblem(await t.http.put(`/api/v1/lessons/${w.mon}`).set(w.teacher.auth).set('If-Match', '"1"').send({ topic: 'Другая тема' }), 409);
    expect((await t.db.query(`SELECT topic FROM lessons WHERE id = $1`, [w.mon]))[0].topic).toBe('Дроби');
  });

  it('R-API-03 a retry with the same Idempotency-Key writes once and answers the same; the key with another body answers 422', async () => {
    const w = await world();
    const body = { version: 1, marks: { upsert: [{ studentId: s(w, 0), value: '5', workType: 'answer' }] } };
    const first = await save(w, body).set('Idempotency-Key', 'k-123');
    const again = await save(w, body).set('Idempotency-Key', 'k-123');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await marksOf(w.mon)).toHaveLength(1);
    expect(await auditOf(t, w.school.id, 'lesson.save')).toHaveLength(1);
    expect(await versionOf(w.mon)).toBe(2);
    expectProblem(await save(w, { ...body, marks: { upsert: [{ studentId: s(w, 0), value: '4', workType: 'answer' }] } }).set('Idempotency-Key', 'k-123'), 422);
    // Retried concurrently, the second waits for the first and replays its answer.
    const body2 = { version: 2, marks: { upsert: [{ studentId: s(w, 1), value: '3', workType: 'answer' }] } };
    const [x, y] = await Promise.all([save(w, body2).set('Idempotency-Key', 'k-456'), save(w, body2).set('Idempotency-Key', 'k-456')]);
    expect([x.status, y.status]).toEqual([200, 200]);
    expect(x.body).toEqual(y.body);
    expect(await marksOf(w.mon)).toHaveLength(2);
  });

  it('R-JRN-04/03 PUT /lessons/{id}/attendance and POST /lessons/{id}/marks are the same save', async () => {
    const w = await world();
    const att = await t.http.put(`/api/v1/lessons/${w.mon}/attendance`).set(w.teacher.auth).send({ version: 1, attendance: [{ studentId: s(w, 0), code: 'ОП', minutesLate: 10 }] });
    expect(att.status, JSON.stringify(att.body)).toBe(200);
    expect(att.body.students[0].attendance).toMatchObject({ code: 'ОП' });
    const marks = await t.http.post(`/api/v1/lessons/${w.mon}/marks`).set(w.teacher.auth).send({ version: 2, marks: [{ studentId: s(w, 1), value: 'н/а', workType: 'answer' }] });
    expect(marks.status, JSON.stringify(marks.body)).toBe(201);
    expect(marks.body.students[1].marks).toMatchObject([{ value: 'н/а', workType: 'answer' }]);
    expectProblem(await t.http.post(`/api/v1/lessons/${w.mon}/marks`).set(w.other.auth).send({ version: 3, marks: [{ studentId: s(w, 1), value: '5', workType: 'answer' }] }), 403);
    expect(await auditOf(t, w.school.id, 'lesson.save')).toHaveLength(2);
  });

  describe('POST /external-marks (R-JRN-09)', () => {
    it('R-JRN-09 the deputy or the student\'s class teacher records a mark from another institution with its basis document; audited', async () => {
      const w = await world();
      const body = { studentId: s(w, 0), subjectId: w.maths, date: '2026-11-20', value: '4', workType: 'control', institution: 'Школа при областной больнице',
        basisDocument: 'Справка № 17 от 25.11.2026' };
      const res = await t.http.post('/api/v1/external-marks').set(w.deputy.auth).set('x-request-id', 'ext-1').send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ studentId: s(w, 0), subjectName: 'Математика', value: '4', workType: 'control', weight: 2, institution: 'Школа при областной больнице',
        basisDocument: 'Справка № 17 от 25.11.2026', createdBy: await userIdOf(t, w.deputy.login) });
      expect(await t.db.query(`SELECT value, weight::float8 AS weight, basis_document FROM external_marks WHERE student_id = $1`, [s(w, 0)]))
        .toEqual([{ value: '4', weight: 2, basis_document: 'Справка № 17 от 25.11.2026' }]);
      const [e] = await auditOf(t, w.school.id, 'external_mark.create');
      expect(e).toMatchObject({ entity_id: res.body.id, actor_role: 'deputy', request_id: 'ext-1', reason: 'Справка № 17 от 25.11.2026' });
      expect((await t.http.post('/api/v1/external-marks').set(w.classTeacher.auth).send({ ...body, value: '5' })).status).toBe(201);
      expectProblem(await t.http.post('/api/v1/external-marks').set(w.teacher.auth).send(body), 403);
      expectProblem(await t.http.post('/api/v1/external-marks').set(w.director.auth).send(body), 403);
      expectProblem(await t.http.post('/api/v1/external-marks').set(w.deputy.auth).send({ ...body, date: '2026-12-25' }), 400, 'date');
      expectProblem(await t.http.post('/api/v1/external-marks').set(w.deputy.auth).send({ ...body, basisDocument: ' ' }), 400, 'basisDocument');
      const list = await t.http.get(`/api/v1/external-marks?studentId=${s(w, 0)}`).set(w.teacher.auth);
      expect(list.body).toHaveLength(2);
    });
  });
});
