import { UNKNOWN } from '../curriculum/planning-fixtures';
import { Clock } from '../../src/platform/clock';
import { generateWeek, lessonId, lessonWorld, MON, setNow } from '../journal/lesson-fixtures';
import { readViewWorld } from '../journal/read-view-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

describe('change history of marks, lessons and attendance (R-AUD-03, R-SEC-02)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Monday's maths: a 3 entered, corrected to 4 the same day, then to 5 by change request ten days later; an absence Н → Б likewise. */
  async function world() {
    const w = await lessonWorld(t);
    setNow(t, `${MON}T11:00:00`);
    await generateWeek(t, w);
    const mon = await lessonId(t, w.c5a, MON, 2);
    const [alekseev, borisova] = [w.students[0].id, w.students[1].id];
    const save = (body: Record<string, unknown>) => t.http.put(`/api/v1/lessons/${mon}`).set(w.teacher.auth).send(body);
    const first = await save({ version: 1, topic: 'Сложение дробей', held: true, attendance: [{ studentId: borisova, code: 'Н' }],
      marks: { upsert: [{ studentId: alekseev, value: '3', workType: 'answer' }] } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const markId: string = first.body.students[0].marks[0].id;
    setNow(t, `${MON}T15:30:00`);
    const second = await save({ version: 2, marks: { upsert: [{ id: markId, studentId: alekseev, value: '4', workType: 'answer', comment: 'Исправлено' }] } });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    setNow(t, '2026-12-10T12:00:00');
    const filed = await t.http.post('/api/v1/change-requests').set(w.teacher.auth).send({
      items: [{ kind: 'mark', targetId: markId, newValue: '5' }, { kind: 'attendance', lessonId: mon, studentId: borisova, newValue: 'Б' }],
      reasonCategory: 'student_illness', documentReference: 'Справка № 118 от 03.12.2026', explanation: 'Отметка выставлена ошибочно; Борисова болела' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect((await t.http.post(`/api/v1/change-requests/${filed.body.id}/decision`).set(w.director.auth).send({ decision: 'approve', version: 1 })).status).toBe(200);
    const applied = await t.http.post(`/api/v1/change-requests/${filed.body.id}/apply`).set(w.admin.auth);
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    return { ...w, mon, alekseev, borisova, markId, request: filed.body as { id: string; registrationNumber: string } };
  }
  const history = (auth: Record<string, string>, q: Record<string, string>) => t.http.get('/api/v1/audit/history').set(auth).query(q);
  type Item = { actorName: string; actorRole: string; oldValue: string | null; newValue: string | null; reason: string | null;
    changeRequestNumber: string | null; occurredAt: string; action: string; entityId: string };
  const rows = (items: Item[]) => items.map((i) => [i.actorName.split(' ')[0], i.actorRole, i.oldValue, i.newValue, i.changeRequestNumber]);

  it('R-AUD-03 the deputy reads the full history of a mark changed twice through the journal and once by change request', async () => {
    const w = await world();
    const res = await history(w.deputy.auth, { schoolId: w.school.id, entity: 'mark', id: w.markId });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ entity: 'mark', id: w.markId });
    expect(rows(res.body.items)).toEqual([
      ['Учителева', 'teacher', null, '3', null],
      ['Учителева', 'teacher', '3', '4', null],
      ['Админова', 'admin', '4', '5', w.request.registrationNumber],
    ]);
    const [a, b, c] = res.body.items;
    expect(a).toMatchObject({ action: 'lesson.save', occurredAt: expect.any(String), entityId: w.markId, reason: null,
      after: { studentId: w.alekseev, value: '3', workType: 'answer' } });
    expect(b).toMatchObject({ before: { value: '3' }, after: { value: '4', comment: 'Исправлено' } });
    expect(c).toMatchObject({ action: 'mark.update', changeRequestId: w.request.id, reason: expect.stringContaining(w.request.registrationNumber) });
    expect(new Date(a.occurredAt) <= new Date(b.occurredAt) && new Date(b.occurredAt) <= new Date(c.occurredAt)).toBe(true);
    expect(a.actorName).toMatch(/^Учителева /);

    // What the grid has: the lesson and the student.
    const byCell = await history(w.director.auth, { schoolId: w.school.id, entity: 'mark', lessonId: w.mon, studentId: w.alekseev });
    expect(byCell.status).toBe(200);
    expect(rows(byCell.body.items)).toEqual(rows(res.body.items));
    const none = await history(w.director.auth, { schoolId: w.school.id, entity: 'mark', lessonId: w.mon, studentId: w.students[4].id });
    expect(none.body.items).toEqual([]);
  });

  it('R-AUD-03 attendance by lessonId:studentId and the lesson itself; period marks by id', async () => {
    const w = await world();
    const att = await history(w.deputy.auth, { schoolId: w.school.id, entity: 'attendance', id: `${w.mon}:${w.borisova}` });
    expect(att.status, JSON.stringify(att.body)).toBe(200);
    expect(att.body.items.map((i: Item) => [i.oldValue, i.newValue, i.changeRequestNumber])).toEqual([[null, 'Н', null], ['Н', 'Б', w.request.registrationNumber]]);
    const att2 = await history(w.deputy.auth, { schoolId: w.school.id, entity: 'attendance', lessonId: w.mon, studentId: w.borisova });
    expect(att2.body.items).toHaveLength(2);
    const lesson = await history(w.admin.auth, { schoolId: w.school.id, entity: 'lesson', id: w.mon });
    expect(lesson.status).toBe(200);
    expect(lesson.body.items.map((i: Item) => [i.action, i.oldValue, i.newValue])).toEqual([['lesson.save', null, 'Сложение дробей'], ['lesson.save', null, null]]);
    expectProblem(await history(w.deputy.auth, { schoolId: w.school.id, entity: 'period_mark', id: UNKNOWN }), 404);
  });

  it('R-AUD-03 a period mark set by the teacher and changed after the window by the deputy with an explanatory note', async () => {
    const w = await readViewWorld(t);
    const s = w.school.id;
    const pupil = await w.rows.pupil(s, 'Алексеев', 'Иван');
    await w.rows.enrol(s, pupil, w.c5a, '2026-09-01');
    const l1 = await w.rows.lesson(s, w.yearId, { date: '2026-09-10', classId: w.c5a, subjectId: w.maths, teacherId: w.mathsTeacher.personId });
    await w.rows.mark(s, l1, pupil, '4');
    const body = (value: string, note?: string) => ({ classId: w.c5a, subjectId: w.maths, kind: 'period', periodId: w.q1,
      marks: [{ studentId: pupil, value, ...(note ? { note } : {}) }] });
    t.app.get(Clock).set('2026-10-20T09:00:00Z');
    expect((await t.http.put('/api/v1/period-marks').set(w.mathsTeacher.auth).send(body('4'))).status).toBe(200);
    t.app.get(Clock).set('2026-11-05T09:00:00Z');
    expect((await t.http.put('/api/v1/period-marks').set(w.deputy.auth).send(body('5', 'Объяснительная: техническая ошибка'))).status).toBe(200);
    const [{ id }] = await t.db.query(`SELECT id FROM period_marks WHERE student_id = $1`, [pupil]);
    const res = await history(w.director.auth, { schoolId: s, entity: 'period_mark', id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: Item) => [i.action, i.actorRole, i.oldValue, i.newValue, i.reason])).toEqual([
      ['period_mark.create', 'teacher', null, '4', null], ['period_mark.update', 'deputy', '4', '5', 'Объяснительная: техническая ошибка']]);
    expect(res.body.items[1].actorName).toMatch(/^Завучева /);
    expectProblem(await history(w.mathsTeacher.auth, { schoolId: s, entity: 'period_mark', id }), 403);
  });

  it('R-SEC-02 teachers and parents 403, another school 404, bad input 400, unknown ids 404', async () => {
    const w = await world();
    const q = { schoolId: w.school.id, entity: 'mark', id: w.markId };
    expectProblem(await history(w.teacher.auth, q), 403);
    expectProblem(await history(w.classTeacher.auth, q), 403);
    const parent = await t.make.parent(w.school.id, [w.alekseev]);
    expectProblem(await history(parent.auth, q), 403);
    const other = await lessonWorld(t);
    expectProblem(await history(other.deputy.auth, q), 404);
    // Another school's deputy naming their own school still cannot see this mark.
    expectProblem(await history(other.deputy.auth, { ...q, schoolId: other.school.id }), 404);
    expectProblem(await history(w.deputy.auth, { ...q, id: UNKNOWN }), 404);
    expectProblem(await history(w.deputy.auth, { ...q, entity: 'student' }), 400, 'entity');
    expectProblem(await history(w.deputy.auth, { ...q, id: 'x' }), 400, 'id');
    expectProblem(await history(w.deputy.auth, { schoolId: w.school.id, entity: 'attendance', id: w.mon }), 400, 'id');
    expectProblem(await history(w.deputy.auth, { schoolId: w.school.id, entity: 'attendance', lessonId: w.mon }), 400, 'studentId');
    expectProblem(await history(w.deputy.auth, { schoolId: w.school.id, entity: 'lesson', id: UNKNOWN }), 404);
  });
});
