import { Clock } from '../../src/platform/clock';
import { auditOf, UNKNOWN, userIdOf } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { readViewWorld } from './read-view-fixtures';

// Tuesday 1 December 2026, 12:00 in Moscow.
const NOW = '2026-12-01T09:00:00Z';

describe('control works (R-JRN-11, R-JRN-13, R-AUD-01, R-SEC-02)', () => {
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
  const create = (auth: Auth, body: Record<string, unknown>) => t.http.post('/api/v1/control-works').set(auth).send(body);
  const list = (auth: Auth, q: Record<string, string>) => t.http.get('/api/v1/control-works').query(q).set(auth);
  const rowsOf = (classId: string) => t.db.query(
    `SELECT id, class_id, subject_id, date::text AS date, title, work_type, lesson_id, created_by, version FROM control_works WHERE class_id = $1 ORDER BY date, created_at`,
    [classId]);

  async function world() {
    const w = await readViewWorld(t);
    const work = (over: Record<string, unknown> = {}) => ({ classId: w.c5a, subjectId: w.maths, date: '2026-12-09', title: 'Контрольная работа № 3 «Дроби»', ...over });
    return { ...w, work };
  }

  describe('POST /control-works', () => {
    it('R-JRN-11 the teacher of the class and subject plans a control work; saved, linked to that day\'s lesson, audited, no warnings', async () => {
      const w = await world();
      const lesson = await w.rows.lesson(w.school.id, w.yearId, { date: '2026-12-09', lessonNumber: 3, classId: w.c5a, subjectId: w.maths,
        teacherId: w.mathsTeacher.personId, entered: false });
      const res = await create(w.mathsTeacher.auth, w.work()).set('x-request-id', 'cw-1');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const teacherUser = await userIdOf(t, w.mathsTeacher.login);
      expect(res.body).toMatchObject({ schoolId: w.school.id, academicYearId: w.yearId, classId: w.c5a, className: '5А', subjectId: w.maths,
        subjectName: 'Математика', date: '2026-12-09', title: 'Контрольная работа № 3 «Дроби»', workType: 'control', workTypeName: 'Контрольная работа',
        lessonId: lesson, createdBy: teacherUser, createdByName: 'Математикова Тест', version: 1, warnings: [] });
      expect(await rowsOf(w.c5a)).toEqual([{ id: res.body.id, class_id: w.c5a, subject_id: w.maths, date: '2026-12-09', title: 'Контрольная работа № 3 «Дроби»',
        work_type: 'control', lesson_id: lesson, created_by: teacherUser, version: 1 }]);
      const [event] = await auditOf(t, w.school.id, 'control_work.create');
      expect(event).toMatchObject({ actor_user_id: teacherUser, actor_role: 'teacher', entity: 'control_work', entity_id: res.body.id, request_id: 'cw-1' });
      expect(event.after).toMatchObject({ date: '2026-12-09', title: 'Контрольная работа № 3 «Дроби»' });
    });

    it('R-JRN-11 warns when the class already has a control work that day, and when the week has more than three', async () => {
      const w = await world();
      const maths = await create(w.mathsTeacher.auth, w.work());
      const russian = await create(w.russianTeacher.auth, w.work({ subjectId: w.russian, title: 'Диктант', workType: 'dictation' }));
      expect(russian.status, JSON.stringify(russian.body)).toBe(201);
      expect(russian.body.warnings).toEqual([{ code: 'same_day',
        message: '5А already has 1 control work(s) on 2026-12-09: Математика — Контрольная работа № 3 «Дроби»',
        others: [{ id: maths.body.id, date: '2026-12-09', subjectName: 'Математика', title: 'Контрольная работа № 3 «Дроби»' }] }]);
      // A work of 5Б the same day is no concern of 5А.
      const other = await create(w.mathsTeacher.auth, w.work({ classId: w.c5b }));
      expect(other.body.warnings).toEqual([]);
      await create(w.deputy.auth, w.work({ subjectId: w.russian, date: '2026-12-07', title: 'Изложение' })).expect(201);
      const fourth = await create(w.deputy.auth, w.work({ subjectId: w.english, date: '2026-12-11', title: 'Test 2' }));
      expect(fourth.status).toBe(201);
      expect(fourth.body.warnings.map((x: { code: string }) => x.code)).toEqual(['busy_week']);
      expect(fourth.body.warnings[0].message).toContain('4 control works in the week of 2026-12-07');
      expect(await rowsOf(w.c5a)).toHaveLength(4);
    });

    it('R-JRN-11 validation names the field: past dates, dates outside the year, unknown work types', async () => {
      const w = await world();
      expectProblem(await create(w.mathsTeacher.auth, w.work({ title: ' ' })), 400, 'title');
      expectProblem(await create(w.mathsTeacher.auth, w.work({ date: '2026-12-32' })), 400, 'date');
      expectProblem(await create(w.mathsTeacher.auth, w.work({ date: '2026-11-30' })), 400, 'date');
      expectProblem(await create(w.mathsTeacher.auth, w.work({ date: '2027-06-15' })), 400, 'date');
      expectProblem(await create(w.mathsTeacher.auth, w.work({ workType: 'party' })), 400, 'workType');
      expectProblem(await create(w.mathsTeacher.auth, w.work({ classId: 'x' })), 400, 'classId');
      expectProblem(await create(w.mathsTeacher.auth, { ...w.work(), extra: 1 }), 400, 'extra');
      expect(await rowsOf(w.c5a)).toEqual([]);
    });

    it('R-SEC-02 the director, the admin, a teacher of another subject and a parent get 403; the deputy plans any; another school 404', async () => {
      const w = await world();
      expectProblem(await create(w.director.auth, w.work()), 403);
      expectProblem(await create(w.admin.auth, w.work()), 403);
      expectProblem(await create(w.russianTeacher.auth, w.work()), 403);
      const student = await t.make.student(w.school.id, w.c5a);
      const parent = await t.make.parent(w.school.id, [student.id]);
      expectProblem(await create(parent.auth, w.work()), 403);
      const other = await readViewWorld(t);
      expectProblem(await create(other.deputy.auth, w.work()), 404);
      expectProblem(await create(w.deputy.auth, w.work({ subjectId: other.maths })), 404);
      expect(await rowsOf(w.c5a)).toEqual([]);
      // The teacher of an English group plans the subject's work for the class.
      expect((await create(w.englishTeacher.auth, w.work({ subjectId: w.english, title: 'Test 1' }))).status).toBe(201);
      expect((await create(w.deputy.auth, w.work())).status).toBe(201);
    });
  });

  describe('GET, PATCH, DELETE /control-works', () => {
    it('R-JRN-11 lists a class\'s works by date for the school\'s staff; a parent gets 403', async () => {
      const w = await world();
      const later = await create(w.mathsTeacher.auth, w.work({ date: '2026-12-16', title: 'КР № 4' }));
      const first = await create(w.mathsTeacher.auth, w.work());
      await create(w.mathsTeacher.auth, w.work({ classId: w.c5b }));
      const all = await list(w.russianTeacher.auth, { classId: w.c5a });
      expect(all.status).toBe(200);
      expect(all.body.map((x: { id: string }) => x.id)).toEqual([first.body.id, later.body.id]);
      const december = await list(w.director.auth, { classId: w.c5a, from: '2026-12-10', to: '2026-12-31' });
      expect(december.body.map((x: { id: string }) => x.id)).toEqual([later.body.id]);
      expectProblem(await list(w.director.auth, { classId: w.c5a, from: '2026-12-10', to: '2026-12-01' }), 400, 'to');
      expectProblem(await list(w.director.auth, { classId: w.c5a, from: 'tomorrow' }), 400, 'from');
      expectProblem(await list(w.director.auth, {}), 400, 'classId');
      const child = await t.make.student(w.school.id, w.c5a);
      const parent = await t.make.parent(w.school.id, [child.id]);
      expectProblem(await list(parent.auth, { classId: w.c5a }), 403);
      const other = await readViewWorld(t);
      expectProblem(await list(other.deputy.auth, { classId: w.c5a }), 404);
    });

    it('R-JRN-11 moves and removes a work only before its date, with the version; each change audited', async () => {
      const w = await world();
      const made = await create(w.mathsTeacher.auth, w.work());
      await create(w.russianTeacher.auth, w.work({ subjectId: w.russian, date: '2026-12-10', title: 'Диктант' })).expect(201);
      const url = `/api/v1/control-works/${made.body.id}`;
      expectProblem(await t.http.patch(url).set(w.mathsTeacher.auth).send({ date: '2026-12-10' }), 400, 'version');
      expectProblem(await t.http.patch(url).set(w.russianTeacher.auth).send({ date: '2026-12-10', version: 1 }), 403);
      expectProblem(await t.http.patch(url).set(w.mathsTeacher.auth).send({ date: '2026-11-20', version: 1 }), 400, 'date');
      const moved = await t.http.patch(url).set(w.mathsTeacher.auth).send({ date: '2026-12-10', title: 'КР № 3', version: 1 });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body).toMatchObject({ date: '2026-12-10', title: 'КР № 3', version: 2 });
      expect(moved.body.warnings.map((x: { code: string }) => x.code)).toEqual(['same_day']);
      expectProblem(await t.http.patch(url).set(w.mathsTeacher.auth).send({ title: 'КР', version: 1 }), 412);
      const [update] = await auditOf(t, w.school.id, 'control_work.update');
      expect(update.before).toMatchObject({ date: '2026-12-09', title: 'Контрольная работа № 3 «Дроби»' });
      expect(update.after).toMatchObject({ date: '2026-12-10', title: 'КР № 3' });

      // On the day of the work it can no longer be moved or removed.
      t.app.get(Clock).set('2026-12-10T05:00:00Z');
      expectProblem(await t.http.patch(url).set(w.mathsTeacher.auth).send({ date: '2026-12-17', version: 2 }), 409);
      expectProblem(await t.http.delete(url).query({ version: 2 }).set(w.mathsTeacher.auth), 409);
      t.app.get(Clock).set(NOW);
      expectProblem(await t.http.delete(url).set(w.mathsTeacher.auth), 400, 'version');
      expectProblem(await t.http.delete(url).query({ version: 1 }).set(w.mathsTeacher.auth), 412);
      expectProblem(await t.http.delete(url).query({ version: 2 }).set(w.director.auth), 403);
      await t.http.delete(url).query({ version: 2 }).set(w.mathsTeacher.auth).expect(204);
      expect((await rowsOf(w.c5a)).map((r: { id: string }) => r.id)).not.toContain(made.body.id);
      const [removal] = await auditOf(t, w.school.id, 'control_work.delete');
      expect(removal).toMatchObject({ entity_id: made.body.id, actor_role: 'teacher', after: null });
      expectProblem(await t.http.delete(url).query({ version: 2 }).set(w.mathsTeacher.auth), 404);
      expectProblem(await t.http.patch(`/api/v1/control-works/${UNKNOWN}`).set(w.deputy.auth).send({ title: 'x', version: 1 }), 404);
    });
  });

  describe('GET /control-works/{id}/analysis', () => {
    it('R-JRN-11 analyses the results: distribution of 5/4/3/2, % passing, % quality, mean, who has no mark', async () => {
      const w = await world();
      const s = w.school.id;
      const made = await create(w.mathsTeacher.auth, w.work({ date: '2026-12-03' }));
      expect(made.status).toBe(201);
      t.app.get(Clock).set('2026-12-05T09:00:00Z');
      const names = ['Алексеев', 'Борисова', 'Васильев', 'Григорьева', 'Дмитриев', 'Егорова', 'Жуков'];
      const pupils: string[] = [];
      for (const n of names) {
        const id = await w.rows.pupil(s, n);
        await w.rows.enrol(s, id, w.c5a, '2026-09-01');
        pupils.push(id);
      }
      // Зайцева left 5А before the work: she is not counted.
      const left = await w.rows.pupil(s, 'Зайцева');
      await w.rows.enrol(s, left, w.c5a, '2026-09-01', '2026-11-30');
      const lesson = await w.rows.lesson(s, w.yearId, { date: '2026-12-03', classId: w.c5a, subjectId: w.maths, teacherId: w.mathsTeacher.personId });
      const otherDay = await w.rows.lesson(s, w.yearId, { date: '2026-12-02', classId: w.c5a, subjectId: w.maths, teacherId: w.mathsTeacher.personId });
      const [a, b, v, g, d, e, zh] = pupils;
      for (const [student, value] of [[a, '5'], [b, '5'], [v, '4'], [g, '3'], [d, '2']] as const) {
        await w.rows.mark(s, lesson, student, value, 'control', 2);
      }
      // An answer on the same lesson and a control mark of another day do not count; Егорова was ill, Жуков has no mark.
      await w.rows.mark(s, lesson, e, '5', 'answer', 1);
      await w.rows.mark(s, otherDay, zh, '2', 'control', 2);
      await w.rows.absence(s, lesson, e, 'Б');
      await w.rows.mark(s, lesson, left, '2', 'control', 2);

      const res = await t.http.get(`/api/v1/control-works/${made.body.id}/analysis`).set(w.mathsTeacher.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ controlWork: { id: made.body.id, date: '2026-12-03' }, studentCount: 7, markedCount: 5,
        distribution: { 5: 2, 4: 1, 3: 1, 2: 1, 1: 0 }, otherMarks: 0, passingPct: 80, qualityPct: 60, mean: 3.8 });
      expect(res.body.withoutMark).toEqual([
        { studentId: e, fullName: 'Егорова Тест', value: null, absence: 'Б' },
        { studentId: zh, fullName: 'Жуков Тест', value: null, absence: null },
      ]);
      expect(res.body.results.map((r: { fullName: string; value: string | null }) => [r.fullName, r.value])).toEqual([
        ['Алексеев Тест', '5'], ['Борисова Тест', '5'], ['Васильев Тест', '4'], ['Григорьева Тест', '3'], ['Дмитриев Тест', '2'],
        ['Егорова Тест', null], ['Жуков Тест', null]]);
      for (const reader of [w.deputy, w.director, w.classTeacher]) {
        expect((await t.http.get(`/api/v1/control-works/${made.body.id}/analysis`).set(reader.auth)).status).toBe(200);
      }
      expectProblem(await t.http.get(`/api/v1/control-works/${made.body.id}/analysis`).set(w.russianTeacher.auth), 403);
      const parent = await t.make.parent(s, [a]);
      expectProblem(await t.http.get(`/api/v1/control-works/${made.body.id}/analysis`).set(parent.auth), 403);
      const other = await readViewWorld(t);
      expectProblem(await t.http.get(`/api/v1/control-works/${made.body.id}/analysis`).set(other.deputy.auth), 404);
    });
  });

  it('R-API-01 the control-work endpoints are in the OpenAPI document with their schemas', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/control-works', '/api/v1/control-works/{id}',
      '/api/v1/control-works/{id}/analysis']));
    expect(doc.components.schemas.ControlWorkWriteView.properties.warnings).toMatchObject({ type: 'array' });
  });
});
