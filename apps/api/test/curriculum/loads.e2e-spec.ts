import { TeacherLoadsService } from '../../src/curriculum/loads/teacher-loads.service';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { auditOf, planningWorld, UNKNOWN, userIdOf } from './planning-fixtures';

describe('teacher load (R-CUR-06, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const loadRows = (yearId: string) =>
    t.db.query(`SELECT id, teacher_id, class_id, subgroup_id, subject_id, weekly_hours::float8 AS weekly_hours, status, approved_by, version
                  FROM teacher_loads WHERE academic_year_id = $1 ORDER BY created_at, id`, [yearId]);

  async function world() {
    const w = await planningWorld(t);
    const maths = await w.rows.subject(w.school.id, 'Математика');
    const english = await w.rows.subject(w.school.id, 'Иностранный язык');
    const c5a = await t.make.schoolClass(w.school.id, w.yearId, 5, 'А');
    const c5b = await t.make.schoolClass(w.school.id, w.yearId, 5, 'Б');
    const g1 = await w.rows.subgroup(w.school.id, c5a, 'Иностранный язык', '1 группа');
    const g1b = await w.rows.subgroup(w.school.id, c5b, 'Иностранный язык', '1 группа');
    return { ...w, maths, english, c5a, c5b, g1, g1b };
  }
  type W = Awaited<ReturnType<typeof world>>;
  const body = (w: W, over: Record<string, unknown> = {}) => {
    const b: Record<string, unknown> = { academicYearId: w.yearId, teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 5, ...over };
    for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
    return b;
  };

  describe('POST /teacher-loads', () => {
    it('R-CUR-06 the deputy assigns a teacher to a class and subject; draft row and audit entry written', async () => {
      const w = await world();
      const res = await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).set('x-request-id', 'load-1').send(body(w));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), academicYearId: w.yearId, teacherId: w.teacher.personId, teacherName: 'Учителева Тест',
        classId: w.c5a, className: '5А', subgroupId: null, subgroupName: null, subjectId: w.maths, subjectName: 'Математика', weeklyHours: 5,
        status: 'draft', approvedAt: null, version: 1 });
      expect(await loadRows(w.yearId)).toEqual([{ id: res.body.id, teacher_id: w.teacher.personId, class_id: w.c5a, subgroup_id: null, subject_id: w.maths,
        weekly_hours: 5, status: 'draft', approved_by: null, version: 1 }]);
      const [e] = await auditOf(t, w.school.id);
      expect(e).toMatchObject({ actor_user_id: await userIdOf(t, w.deputy.login), actor_role: 'deputy', action: 'teacher_load.create',
        entity: 'teacher_load', entity_id: res.body.id, request_id: 'load-1' });
      expect(e.after).toMatchObject({ className: '5А', subjectName: 'Математика', weeklyHours: 5 });
    });

    it('R-CUR-06 a load for a subgroup of the class, with half hours', async () => {
      const w = await world();
      const res = await t.http.post('/api/v1/teacher-loads').set(w.admin.auth).send(body(w, { subjectId: w.english, subgroupId: w.g1, weeklyHours: 1.5 }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ subgroupId: w.g1, subgroupName: '1 группа', weeklyHours: 1.5 });
    });

    it.each([
      ['missing teacherId', { teacherId: undefined }, 'teacherId'],
      ['bad classId', { classId: '5A' }, 'classId'],
      ['zero hours', { weeklyHours: 0 }, 'weeklyHours'],
      ['hours as a string', { weeklyHours: '5' }, 'weeklyHours'],
      ['21 hours', { weeklyHours: 21 }, 'weeklyHours'],
      ['hours with two decimals', { weeklyHours: 1.25 }, 'weeklyHours'],
      ['an unknown field', { status: 'approved' }, 'status'],
    ])('R-API-03 %s answers 400 naming the field', async (_n, over, field) => {
      const w = await world();
      expectProblem(await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).send(body(w, over)), 400, field);
      expect(await loadRows(w.yearId)).toEqual([]);
    });

    it('R-ROS-07 a subgroup of another class answers 400 naming subgroupId; a class of another year names classId', async () => {
      const w = await world();
      expectProblem(await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).send(body(w, { subjectId: w.english, subgroupId: w.g1b })), 400, 'subgroupId');
      const lastYear = await t.make.year(w.school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      const oldClass = await t.make.schoolClass(w.school.id, lastYear, 4, 'А');
      expectProblem(await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).send(body(w, { classId: oldClass })), 400, 'classId');
      expect(await loadRows(w.yearId)).toEqual([]);
    });

    it('R-ROS-02 a dismissed teacher, or staff without a teaching role, cannot get a load (422 naming teacherId)', async () => {
      const w = await world();
      const gone = await t.make.staff(w.school.id, ['teacher']);
      await t.db.query(`UPDATE employments SET dismissed_at = now(), ends_on = '2026-10-01' WHERE person_id = $1`, [gone.personId]);
      expectProblem(await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).send(body(w, { teacherId: gone.personId })), 422, 'teacherId');
      expectProblem(await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).send(body(w, { teacherId: w.director.personId })), 422, 'teacherId');
      expect(await loadRows(w.yearId)).toEqual([]);
    });

    it('R-CUR-06 the same teacher, class, subgroup and subject twice answers 409', async () => {
      const w = await world();
      expect((await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).send(body(w))).status).toBe(201);
      const problem = expectProblem(await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).send(body(w, { weeklyHours: 2 })), 409);
      expect(problem.existingId).toEqual((await loadRows(w.yearId))[0].id);
      expect(await loadRows(w.yearId)).toHaveLength(1);
    });

    it.each([['director'], ['teacher'], ['class_teacher']] as const)('R-SEC-02 a %s may not assign load (403)', async (role) => {
      const w = await world();
      const user = await t.make.staff(w.school.id, [role]);
      expectProblem(await t.http.post('/api/v1/teacher-loads').set(user.auth).send(body(w)), 403);
      expect(await loadRows(w.yearId)).toEqual([]);
    });

    it('R-SEC-02 another school\'s deputy, an unknown subject or another school\'s class answer 404', async () => {
      const w = await world();
      const other = await planningWorld(t);
      expectProblem(await t.http.post('/api/v1/teacher-loads').set(other.deputy.auth).send(body(w)), 404);
      expectProblem(await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).send(body(w, { subjectId: UNKNOWN })), 404);
      const foreignClass = await t.make.schoolClass(other.school.id, other.yearId, 5, 'А');
      expectProblem(await t.http.post('/api/v1/teacher-loads').set(w.deputy.auth).send(body(w, { classId: foreignClass })), 404);
      expect(await loadRows(w.yearId)).toEqual([]);
    });
  });

  describe('GET /teacher-loads', () => {
    it('R-CUR-06 lists the year\'s load, filtered by teacher or class, to every staff role', async () => {
      const w = await world();
      const other = await t.make.staff(w.school.id, ['teacher'], { lastName: 'Англичанова' });
      const a = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 5 });
      const b = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5b, subjectId: w.maths, weeklyHours: 5 });
      const c = await w.rows.load(w.school.id, w.yearId, { teacherId: other.personId, classId: w.c5a, subgroupId: w.g1, subjectId: w.english, weeklyHours: 3 });
      const ids = async (q: string) => (await t.http.get(`/api/v1/teacher-loads?academicYearId=${w.yearId}${q}`).set(w.teacher.auth)).body.map((l: { id: string }) => l.id);
      expect(await ids('')).toEqual([c, a, b]);
      expect(await ids(`&teacherId=${w.teacher.personId}`)).toEqual([a, b]);
      expect(await ids(`&classId=${w.c5a}`)).toEqual([c, a]);
      expectProblem(await t.http.get(`/api/v1/teacher-loads?academicYearId=${w.yearId}&classId=x`).set(w.teacher.auth), 400, 'classId');
      expectProblem(await t.http.get(`/api/v1/teacher-loads?academicYearId=${w.yearId}`).set((await planningWorld(t)).deputy.auth), 404);
    });
  });

  describe('PATCH /teacher-loads/{id}', () => {
    it('R-CUR-06 changing an approved load sends it back to draft; audited with before and after', async () => {
      const w = await world();
      const id = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 5, status: 'approved' });
      const colleague = await t.make.staff(w.school.id, ['teacher', 'class_teacher'], { lastName: 'Новикова' });
      const res = await t.http.patch(`/api/v1/teacher-loads/${id}`).set(w.deputy.auth).send({ version: 1, weeklyHours: 4, teacherId: colleague.personId });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ weeklyHours: 4, teacherId: colleague.personId, teacherName: 'Новикова Тест', status: 'draft', approvedAt: null, version: 2 });
      expect((await loadRows(w.yearId))[0]).toMatchObject({ weekly_hours: 4, status: 'draft', teacher_id: colleague.personId });
      const [e] = await auditOf(t, w.school.id, 'teacher_load.update');
      expect(e.before).toMatchObject({ weeklyHours: 5, status: 'approved' });
      expect(e.after).toMatchObject({ weeklyHours: 4, status: 'draft' });
    });

    it('R-API-03 stale version 412, missing version 400, duplicate teacher 409, director 403, other school 404', async () => {
      const w = await world();
      const id = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 5 });
      const other = await t.make.staff(w.school.id, ['teacher']);
      await w.rows.load(w.school.id, w.yearId, { teacherId: other.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 1 });
      expectProblem(await t.http.patch(`/api/v1/teacher-loads/${id}`).set(w.deputy.auth).send({ version: 2, weeklyHours: 4 }), 412);
      expectProblem(await t.http.patch(`/api/v1/teacher-loads/${id}`).set(w.deputy.auth).send({ weeklyHours: 4 }), 400, 'version');
      expectProblem(await t.http.patch(`/api/v1/teacher-loads/${id}`).set(w.deputy.auth).send({ version: 1, teacherId: other.personId }), 409);
      expectProblem(await t.http.patch(`/api/v1/teacher-loads/${id}`).set(w.director.auth).send({ version: 1, weeklyHours: 4 }), 403);
      expectProblem(await t.http.patch(`/api/v1/teacher-loads/${id}`).set((await planningWorld(t)).deputy.auth).send({ version: 1, weeklyHours: 4 }), 404);
      expectProblem(await t.http.patch(`/api/v1/teacher-loads/${UNKNOWN}`).set(w.deputy.auth).send({ version: 1, weeklyHours: 4 }), 404);
      expect((await loadRows(w.yearId))[0]).toMatchObject({ weekly_hours: 5, version: 1 });
    });
  });

  describe('DELETE /teacher-loads/{id}', () => {
    it('R-CUR-06 deletes a draft load; audited', async () => {
      const w = await world();
      const id = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 5 });
      expect((await t.http.delete(`/api/v1/teacher-loads/${id}`).set(w.deputy.auth)).status).toBe(204);
      expect(await loadRows(w.yearId)).toEqual([]);
      const [e] = await auditOf(t, w.school.id, 'teacher_load.delete');
      expect(e).toMatchObject({ entity_id: id, after: null });
      expect(e.before).toMatchObject({ subjectName: 'Математика' });
    });

    it('R-CUR-06 an approved load, or one still in the timetable, is not deleted (409); a teacher may not delete (403)', async () => {
      const w = await world();
      const approved = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 5, status: 'approved' });
      expectProblem(await t.http.delete(`/api/v1/teacher-loads/${approved}`).set(w.deputy.auth), 409);
      const used = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5b, subjectId: w.maths, weeklyHours: 5 });
      await w.rows.entry(w.school.id, w.yearId, { weekday: 1, lessonNumber: 1, classId: w.c5b, subjectId: w.maths, teacherId: w.teacher.personId });
      expect(expectProblem(await t.http.delete(`/api/v1/teacher-loads/${used}`).set(w.deputy.auth), 409).timetableEntries).toBe(1);
      expectProblem(await t.http.delete(`/api/v1/teacher-loads/${used}`).set(w.teacher.auth), 403);
      expect(await loadRows(w.yearId)).toHaveLength(2);
    });
  });

  describe('POST /teacher-loads/approve', () => {
    it('R-CUR-06 the director approves every draft load of the year, each audited', async () => {
      const w = await world();
      const a = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 5 });
      const b = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5b, subjectId: w.maths, weeklyHours: 5 });
      const res = await t.http.post('/api/v1/teacher-loads/approve').set(w.director.auth).send({ academicYearId: w.yearId });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.approved).toBe(2);
      expect(res.body.loads.map((l: { id: string; status: string }) => [l.id, l.status])).toEqual([[a, 'approved'], [b, 'approved']]);
      const director = await userIdOf(t, w.director.login);
      expect((await loadRows(w.yearId)).map((l: { status: string; approved_by: string }) => [l.status, l.approved_by])).toEqual([['approved', director], ['approved', director]]);
      expect((await auditOf(t, w.school.id, 'teacher_load.approve')).map((e) => e.entity_id).sort()).toEqual([a, b].sort());
    });

    it('R-CUR-06 only the listed loads; loads of another year answer 404; only the director approves (403)', async () => {
      const w = await world();
      const a = await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 5 });
      await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5b, subjectId: w.maths, weeklyHours: 5 });
      expectProblem(await t.http.post('/api/v1/teacher-loads/approve').set(w.deputy.auth).send({ academicYearId: w.yearId }), 403);
      expectProblem(await t.http.post('/api/v1/teacher-loads/approve').set(w.director.auth).send({ academicYearId: w.yearId, ids: [a, UNKNOWN] }), 404);
      expectProblem(await t.http.post('/api/v1/teacher-loads/approve').set(w.director.auth).send({ academicYearId: w.yearId, ids: ['x'] }), 400, 'ids');
      const res = await t.http.post('/api/v1/teacher-loads/approve').set(w.director.auth).send({ academicYearId: w.yearId, ids: [a] });
      expect(res.body.approved).toBe(1);
      expect((await loadRows(w.yearId)).map((l: { status: string }) => l.status)).toEqual(['approved', 'draft']);
    });
  });

  describe('teaches() for the journal and timetable', () => {
    it('R-CUR-06 a whole-class load covers subgroup lessons; a subgroup load covers only its subgroup', async () => {
      const w = await world();
      const g2 = await w.rows.subgroup(w.school.id, w.c5a, 'Иностранный язык', '2 группа');
      await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subjectId: w.maths, weeklyHours: 5 });
      await w.rows.load(w.school.id, w.yearId, { teacherId: w.teacher.personId, classId: w.c5a, subgroupId: w.g1, subjectId: w.english, weeklyHours: 3 });
      const loads = t.app.get(TeacherLoadsService);
      const q = { teacherId: w.teacher.personId, classId: w.c5a, academicYearId: w.yearId };
      expect(await loads.teaches(t.db.manager, { ...q, subjectId: w.maths })).toBe(true);
      expect(await loads.teaches(t.db.manager, { ...q, subjectId: w.maths, subgroupId: g2 })).toBe(true);
      expect(await loads.teaches(t.db.manager, { ...q, subjectId: w.english, subgroupId: w.g1 })).toBe(true);
      expect(await loads.teaches(t.db.manager, { ...q, subjectId: w.english, subgroupId: g2 })).toBe(false);
      expect(await loads.teaches(t.db.manager, { ...q, subjectId: w.english })).toBe(false);
      expect(await loads.teaches(t.db.manager, { ...q, classId: w.c5b, subjectId: w.maths })).toBe(false);
    });
  });
});
