import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('subgroups (R-ROS-07, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string) => auditRows(t.db, schoolId, action);
  const subgroupsOf = (classId: string) =>
    t.db.query(`SELECT id, subject_name, name, teacher_id, version FROM subgroups WHERE class_id = $1 ORDER BY name`, [classId]);
  const membersOf = async (subgroupId: string): Promise<string[]> =>
    (await t.db.query(`SELECT student_id FROM subgroup_members WHERE subgroup_id = $1 ORDER BY student_id`, [subgroupId])).map((r: { student_id: string }) => r.student_id);
  const sorted = (ids: string[]) => [...ids].sort();

  /** A school with an admin, a deputy, an English teacher, class 5А with three students and class 5Б with one. */
  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin']);
    const deputy = await t.make.staff(school.id, ['deputy']);
    const teacher = await t.make.staff(school.id, ['teacher'], { lastName: 'Англичанкина' });
    const yearId = await t.make.year(school.id);
    const classId = await t.make.schoolClass(school.id, yearId, 5, 'А');
    const otherClass = await t.make.schoolClass(school.id, yearId, 5, 'Б');
    const s1 = await t.make.student(school.id, classId, { lastName: 'Агеев' });
    const s2 = await t.make.student(school.id, classId, { lastName: 'Быков' });
    const s3 = await t.make.student(school.id, classId, { lastName: 'Васин' });
    const stranger = await t.make.student(school.id, otherClass, { lastName: 'Чужой' });
    return { school, admin, deputy, teacher, yearId, classId, otherClass, s1, s2, s3, stranger };
  }

  describe('POST /subgroups', () => {
    it('R-ROS-07 the deputy creates an English group with its teacher and members; rows and audit entry written', async () => {
      const { school, deputy, teacher, classId, s1, s2 } = await world();
      const res = await t.http.post('/api/v1/subgroups').set(deputy.auth).set('x-request-id', 'sg-create-1')
        .send({ classId, subjectName: 'Английский язык', name: '1 группа', teacherId: teacher.personId, studentIds: [s2.id, s1.id] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), classId, subjectName: 'Английский язык', name: '1 группа', teacherId: teacher.personId,
        teacherName: 'Англичанкина Тест', studentIds: sorted([s1.id, s2.id]), version: 1 });
      expect(await subgroupsOf(classId)).toEqual([{ id: res.body.id, subject_name: 'Английский язык', name: '1 группа', teacher_id: teacher.personId, version: 1 }]);
      expect(await membersOf(res.body.id)).toEqual(sorted([s1.id, s2.id]));
      const [e] = await audit(school.id);
      expect(e).toMatchObject({ actor_user_id: await userIdOf(deputy.login), actor_role: 'deputy', action: 'subgroup.create', entity: 'subgroup',
        entity_id: res.body.id, before: null, request_id: 'sg-create-1' });
      expect(e.after).toMatchObject({ id: res.body.id, name: '1 группа', teacherId: teacher.personId, studentIds: sorted([s1.id, s2.id]) });
    });

    it('R-ROS-07 the admin may create one too, without a teacher and members; a class teacher may keep a group', async () => {
      const { school, admin, classId } = await world();
      const ct = await t.make.staff(school.id, ['class_teacher']);
      const res = await t.http.post('/api/v1/subgroups').set(admin.auth).send({ classId, subjectName: 'Информатика', name: '2 группа', studentIds: [] });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ teacherId: null, teacherName: null, studentIds: [] });
      const withCt = await t.http.post('/api/v1/subgroups').set(admin.auth)
        .send({ classId, subjectName: 'Информатика', name: '1 группа', teacherId: ct.personId, studentIds: [] });
      expect(withCt.status, JSON.stringify(withCt.body)).toBe(201);
      expect((await audit(school.id)).map((e) => e.actor_role)).toEqual(['admin', 'admin']);
    });

    it('R-ROS-07 members must be current students of the class: 400 naming studentIds[i]; nothing is written', async () => {
      const { school, admin, deputy, classId, s1, s2, stranger } = await world();
      const gone = await t.make.student(school.id, classId, { lastName: 'Ушедший' });
      await t.http.post('/api/v1/movements').set(admin.auth).send({ studentId: gone.id, kind: 'expel', date: '2026-10-01', orderNumber: '5-о' });
      const before = (await audit(school.id)).length;
      for (const [ids, field] of [
        [[s1.id, stranger.id], 'studentIds[1]'],
        [[gone.id, s2.id], 'studentIds[0]'],
        [[s1.id, s2.id, UNKNOWN], 'studentIds[2]'],
      ] as const) {
        const problem = expectProblem(await t.http.post('/api/v1/subgroups').set(deputy.auth)
          .send({ classId, subjectName: 'Английский язык', name: '1 группа', studentIds: ids }), 400, field);
        expect(problem.type).toBe('/problems/validation');
      }
      expect(await subgroupsOf(classId)).toHaveLength(0);
      expect(await t.db.query(`SELECT 1 FROM subgroup_members WHERE school_id = $1`, [school.id])).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(before);
    });

    it.each([
      ['missing classId', { classId: undefined }, 'classId'],
      ['bad classId', { classId: '5А' }, 'classId'],
      ['missing subjectName', { subjectName: undefined }, 'subjectName'],
      ['empty name', { name: '' }, 'name'],
      ['a name of 101 characters', { name: 'я'.repeat(101) }, 'name'],
      ['bad teacherId', { teacherId: 'teacher' }, 'teacherId'],
      ['missing studentIds', { studentIds: undefined }, 'studentIds'],
      ['studentIds not an array', { studentIds: 'all' }, 'studentIds'],
      ['a bad id in studentIds', { studentIds: ['x'] }, 'studentIds'],
      ['a student listed twice', { studentIds: 'twice' }, 'studentIds'],
      ['an unknown field', { schoolId: UNKNOWN }, 'schoolId'],
    ])('R-API-03 %s answers 400 naming the field; nothing is written', async (_name, over, field) => {
      const { school, deputy, classId, s1 } = await world();
      const body: Record<string, unknown> = { classId, subjectName: 'Английский язык', name: '1 группа', studentIds: [s1.id], ...over };
      if (body.studentIds === 'twice') body.studentIds = [s1.id, s1.id];
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expectProblem(await t.http.post('/api/v1/subgroups').set(deputy.auth).send(body), 400, field);
      expect(await subgroupsOf(classId)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-07 teacherId must be an active teacher of the school (422 naming it)', async () => {
      const { school, deputy, admin, classId } = await world();
      const other = await world();
      const dismissed = await t.make.staff(school.id, ['teacher']);
      await t.db.query(`UPDATE employments SET dismissed_at = now() WHERE id = $1`, [dismissed.employmentId]);
      for (const personId of [admin.personId, other.teacher.personId, dismissed.personId, UNKNOWN]) {
        expectProblem(await t.http.post('/api/v1/subgroups').set(deputy.auth)
          .send({ classId, subjectName: 'Английский язык', name: '1 группа', teacherId: personId, studentIds: [] }), 422, 'teacherId');
      }
      expect(await subgroupsOf(classId)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-07 the same subject and group name twice in a class answers 409', async () => {
      const { school, deputy, classId, otherClass } = await world();
      const body = { classId, subjectName: 'Английский язык', name: '1 группа', studentIds: [] };
      expect((await t.http.post('/api/v1/subgroups').set(deputy.auth).send(body)).status).toBe(201);
      expectProblem(await t.http.post('/api/v1/subgroups').set(deputy.auth).send(body), 409);
      expect((await t.http.post('/api/v1/subgroups').set(deputy.auth).send({ ...body, classId: otherClass })).status).toBe(201);
      expect(await subgroupsOf(classId)).toHaveLength(1);
      expect(await audit(school.id)).toHaveLength(2);
    });

    it('R-ROS-07 a class of a closed year answers 409', async () => {
      const { school, deputy } = await world();
      const closed = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      const old = await t.make.schoolClass(school.id, closed, 4, 'А');
      expectProblem(await t.http.post('/api/v1/subgroups').set(deputy.auth).send({ classId: old, subjectName: 'Английский язык', name: '1 группа', studentIds: [] }), 409);
      expect(await subgroupsOf(old)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it.each([['director'], ['teacher'], ['class_teacher']] as const)('R-SEC-02 a %s may not create a subgroup (403)', async (role) => {
      const { school, classId } = await world();
      const user = await t.make.staff(school.id, [role]);
      if (role === 'class_teacher') await t.db.query(`UPDATE classes SET class_teacher_id = $2 WHERE id = $1`, [classId, user.personId]);
      expectProblem(await t.http.post('/api/v1/subgroups').set(user.auth).send({ classId, subjectName: 'Английский язык', name: '1 группа', studentIds: [] }), 403);
      expect(await subgroupsOf(classId)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-SEC-02 another school\'s class or an unknown class answers 404', async () => {
      const { classId } = await world();
      const other = await world();
      expectProblem(await t.http.post('/api/v1/subgroups').set(other.deputy.auth).send({ classId, subjectName: 'Английский язык', name: '1 группа', studentIds: [] }), 404);
      expectProblem(await t.http.post('/api/v1/subgroups').set(other.deputy.auth).send({ classId: UNKNOWN, subjectName: 'Английский язык', name: '1 группа', studentIds: [] }), 404);
      expect(await subgroupsOf(classId)).toHaveLength(0);
    });
  });

  describe('GET /subgroups', () => {
    it('R-ROS-07 staff of the school list a class\'s subgroups by subject and name', async () => {
      const { school, deputy, teacher, classId, otherClass, s1, s2, s3 } = await world();
      const g2 = await t.http.post('/api/v1/subgroups').set(deputy.auth).send({ classId, subjectName: 'Английский язык', name: '2 группа', studentIds: [s3.id] });
      const g1 = await t.http.post('/api/v1/subgroups').set(deputy.auth)
        .send({ classId, subjectName: 'Английский язык', name: '1 группа', teacherId: teacher.personId, studentIds: [s1.id, s2.id] });
      await t.http.post('/api/v1/subgroups').set(deputy.auth).send({ classId: otherClass, subjectName: 'Английский язык', name: '1 группа', studentIds: [] });
      for (const user of [teacher, deputy, await t.make.staff(school.id, ['director'])]) {
        const res = await t.http.get(`/api/v1/subgroups?classId=${classId}`).set(user.auth);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body).toEqual([
          { id: g1.body.id, classId, subjectName: 'Английский язык', name: '1 группа', teacherId: teacher.personId, teacherName: 'Англичанкина Тест',
            studentIds: sorted([s1.id, s2.id]), version: 1 },
          { id: g2.body.id, classId, subjectName: 'Английский язык', name: '2 группа', teacherId: null, teacherName: null, studentIds: [s3.id], version: 1 },
        ]);
      }
    });

    it('R-SEC-02 a parent gets 403, another school 404; a missing or bad classId 400', async () => {
      const { school, classId, s1 } = await world();
      const parent = await t.make.parent(school.id, [s1.id]);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/subgroups?classId=${classId}`).set(parent.auth), 403);
      expectProblem(await t.http.get(`/api/v1/subgroups?classId=${classId}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/subgroups?classId=${UNKNOWN}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/subgroups').set(other.admin.auth), 400, 'classId');
      expectProblem(await t.http.get('/api/v1/subgroups?classId=5А').set(other.admin.auth), 400, 'classId');
    });
  });

  describe('PATCH /subgroups/{id}', () => {
    async function withGroup() {
      const w = await world();
      const g = await t.http.post('/api/v1/subgroups').set(w.deputy.auth)
        .send({ classId: w.classId, subjectName: 'Английский язык', name: '1 группа', teacherId: w.teacher.personId, studentIds: [w.s1.id, w.s2.id] });
      expect(g.status, JSON.stringify(g.body)).toBe(201);
      return { ...w, groupId: g.body.id as string };
    }

    it('R-ROS-07 the deputy renames the group and replaces its members; version, rows and audit before/after', async () => {
      const { school, deputy, s1, s2, s3, groupId, classId } = await withGroup();
      const res = await t.http.patch(`/api/v1/subgroups/${groupId}`).set(deputy.auth).set('x-request-id', 'sg-upd-1')
        .send({ name: 'Группа А', studentIds: [s3.id, s1.id], version: 1 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: groupId, name: 'Группа А', studentIds: sorted([s1.id, s3.id]), version: 2 });
      expect((await subgroupsOf(classId))[0]).toMatchObject({ name: 'Группа А', version: 2 });
      expect(await membersOf(groupId)).toEqual(sorted([s1.id, s3.id]));
      const [e] = await audit(school.id, 'subgroup.update');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(deputy.login), actor_role: 'deputy', entity: 'subgroup', entity_id: groupId,
        request_id: 'sg-upd-1' });
      expect(e.before).toMatchObject({ name: '1 группа', studentIds: sorted([s1.id, s2.id]), version: 1 });
      expect(e.after).toMatchObject({ name: 'Группа А', studentIds: sorted([s1.id, s3.id]), version: 2 });
    });

    it('R-API-03 a change of members alone bumps the version, so a stale copy then gets 412', async () => {
      const { school, deputy, s1, s3, groupId } = await withGroup();
      const first = await t.http.patch(`/api/v1/subgroups/${groupId}`).set(deputy.auth).send({ studentIds: [s3.id], version: 1 });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ studentIds: [s3.id], version: 2 });
      const problem = expectProblem(await t.http.patch(`/api/v1/subgroups/${groupId}`).set(deputy.auth).send({ studentIds: [s1.id], version: 1 }), 412);
      expect(problem.type).toBe('/problems/stale-version');
      expect(await membersOf(groupId)).toEqual([s3.id]);
      expect(await audit(school.id, 'subgroup.update')).toHaveLength(1);
    });

    it('R-ROS-07 teacherId null removes the teacher; a non-teacher answers 422', async () => {
      const { school, deputy, admin, groupId, classId } = await withGroup();
      expectProblem(await t.http.patch(`/api/v1/subgroups/${groupId}`).set(deputy.auth).send({ teacherId: admin.personId, version: 1 }), 422, 'teacherId');
      const res = await t.http.patch(`/api/v1/subgroups/${groupId}`).set(deputy.auth).send({ teacherId: null, version: 1 });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ teacherId: null, teacherName: null, version: 2 });
      expect((await subgroupsOf(classId))[0].teacher_id).toBeNull();
      expect(await audit(school.id, 'subgroup.update')).toHaveLength(1);
    });

    it('R-ROS-07 a member who is not a current student of the class answers 400 studentIds[i]; no partial write', async () => {
      const { school, deputy, s1, s2, s3, stranger, groupId, classId } = await withGroup();
      expectProblem(await t.http.patch(`/api/v1/subgroups/${groupId}`).set(deputy.auth)
        .send({ name: 'Переименована', studentIds: [s3.id, stranger.id], version: 1 }), 400, 'studentIds[1]');
      expect((await subgroupsOf(classId))[0]).toMatchObject({ name: '1 группа', version: 1 });
      expect(await membersOf(groupId)).toEqual(sorted([s1.id, s2.id]));
      expect(await audit(school.id, 'subgroup.update')).toHaveLength(0);
    });

    it.each([
      ['missing version', { name: 'Группа Б' }, 'version'],
      ['empty name', { name: '', version: 1 }, 'name'],
      ['bad teacherId', { teacherId: 'x', version: 1 }, 'teacherId'],
      ['a bad id in studentIds', { studentIds: ['x'], version: 1 }, 'studentIds'],
      ['subject cannot be changed (unknown field)', { subjectName: 'Немецкий язык', version: 1 }, 'subjectName'],
    ])('R-API-03 %s answers 400 naming the field; nothing changes', async (_name, body, field) => {
      const { school, deputy, groupId, classId } = await withGroup();
      expectProblem(await t.http.patch(`/api/v1/subgroups/${groupId}`).set(deputy.auth).send(body), 400, field);
      expect((await subgroupsOf(classId))[0]).toMatchObject({ name: '1 группа', subject_name: 'Английский язык', version: 1 });
      expect(await audit(school.id, 'subgroup.update')).toHaveLength(0);
    });

    it('R-SEC-02 the director, the group\'s teacher and a class teacher get 403; another school and unknown ids 404', async () => {
      const { school, teacher, groupId, classId } = await withGroup();
      const director = await t.make.staff(school.id, ['director']);
      const ct = await t.make.staff(school.id, ['class_teacher']);
      for (const user of [director, teacher, ct]) {
        expectProblem(await t.http.patch(`/api/v1/subgroups/${groupId}`).set(user.auth).send({ name: 'Группа Б', version: 1 }), 403);
      }
      const other = await world();
      expectProblem(await t.http.patch(`/api/v1/subgroups/${groupId}`).set(other.deputy.auth).send({ name: 'Группа Б', version: 1 }), 404);
      expectProblem(await t.http.patch(`/api/v1/subgroups/${UNKNOWN}`).set(other.deputy.auth).send({ name: 'Группа Б', version: 1 }), 404);
      expectProblem(await t.http.patch('/api/v1/subgroups/abc').set(other.deputy.auth).send({ name: 'Группа Б', version: 1 }), 400);
      expect((await subgroupsOf(classId))[0]).toMatchObject({ name: '1 группа', version: 1 });
      expect(await audit(school.id, 'subgroup.update')).toHaveLength(0);
    });

    it('R-ROS-07 a subgroup of a closed year is read-only (409)', async () => {
      const { school, deputy, groupId, yearId, classId } = await withGroup();
      await t.db.query(`UPDATE academic_years SET status = 'closed' WHERE id = $1`, [yearId]);
      expectProblem(await t.http.patch(`/api/v1/subgroups/${groupId}`).set(deputy.auth).send({ name: 'Группа Б', version: 1 }), 409);
      expect((await subgroupsOf(classId))[0]).toMatchObject({ name: '1 группа', version: 1 });
      expect(await audit(school.id, 'subgroup.update')).toHaveLength(0);
    });
  });
});
