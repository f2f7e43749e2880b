import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('classes (R-ROS-06, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string) => auditRows(t.db, schoolId, action);
  const classRows = (schoolId: string) =>
    t.db.query(`SELECT id, grade, letter, class_teacher_id, academic_year_id, version FROM classes WHERE school_id = $1 ORDER BY grade, letter`, [schoolId]);

  /** A school with an admin and an open year. */
  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin']);
    const yearId = await t.make.year(school.id);
    return { school, admin, yearId };
  }

  describe('POST /classes', () => {
    it('R-ROS-06 the admin creates a class of a year with its class teacher; row and audit entry written', async () => {
      const { school, admin, yearId } = await world();
      const ct = await t.make.staff(school.id, ['teacher', 'class_teacher'], { lastName: 'Классова' });
      const res = await t.http.post('/api/v1/classes').set(admin.auth).set('x-request-id', 'cls-create-1')
        .send({ schoolId: school.id, academicYearId: yearId, grade: 5, letter: 'А', classTeacherId: ct.personId });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String), schoolId: school.id, academicYearId: yearId, grade: 5, letter: 'А', name: '5А',
        classTeacherId: ct.personId, classTeacherName: 'Классова Тест', studentCount: 0, version: 1,
      });
      expect(await classRows(school.id)).toEqual([
        { id: res.body.id, grade: 5, letter: 'А', class_teacher_id: ct.personId, academic_year_id: yearId, version: 1 },
      ]);
      const events = await audit(school.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', action: 'class.create',
        entity: 'class', entity_id: res.body.id, before: null, request_id: 'cls-create-1' });
      expect(events[0].after).toMatchObject({ id: res.body.id, name: '5А', grade: 5, letter: 'А', classTeacherId: ct.personId });
    });

    it('R-ROS-06 a class without a class teacher; two-letter letters are allowed', async () => {
      const { school, admin, yearId } = await world();
      const res = await t.http.post('/api/v1/classes').set(admin.auth).send({ schoolId: school.id, academicYearId: yearId, grade: 11, letter: 'АБ' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ grade: 11, letter: 'АБ', name: '11АБ', classTeacherId: null, classTeacherName: null });
      expect(await classRows(school.id)).toHaveLength(1);
    });

    it.each([
      ['grade 12', { grade: 12 }, 'grade'],
      ['grade 0', { grade: 0 }, 'grade'],
      ['grade as a string', { grade: '5' }, 'grade'],
      ['grade fractional', { grade: 5.5 }, 'grade'],
      ['missing grade', { grade: undefined }, 'grade'],
      ['letter "5a"', { letter: '5a' }, 'letter'],
      ['Latin letter', { letter: 'A' }, 'letter'],
      ['lower-case letter', { letter: 'а' }, 'letter'],
      ['three letters', { letter: 'АБВ' }, 'letter'],
      ['missing letter', { letter: undefined }, 'letter'],
      ['bad schoolId', { schoolId: 'school-1' }, 'schoolId'],
      ['missing academicYearId', { academicYearId: undefined }, 'academicYearId'],
      ['bad academicYearId', { academicYearId: '123' }, 'academicYearId'],
      ['bad classTeacherId', { classTeacherId: 'not-a-uuid' }, 'classTeacherId'],
      ['an unknown field', { studentCount: 3 }, 'studentCount'],
    ])('R-API-03 %s answers 400 naming the field, and nothing is written', async (_name, over, field) => {
      const { school, admin, yearId } = await world();
      const body: Record<string, unknown> = { schoolId: school.id, academicYearId: yearId, grade: 5, letter: 'А', ...over };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      const problem = expectProblem(await t.http.post('/api/v1/classes').set(admin.auth).send(body), 400, field);
      expect(problem.type).toBe('/problems/validation');
      expect(await classRows(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-API-03 lists every bad field at once', async () => {
      const { school, admin } = await world();
      const problem = expectProblem(await t.http.post('/api/v1/classes').set(admin.auth).send({ schoolId: school.id, grade: 12, letter: '5a' }), 400);
      expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['academicYearId', 'grade', 'letter']));
    });

    it.each([['director'], ['deputy'], ['teacher'], ['class_teacher']] as const)(
      'R-SEC-02 a %s may not create a class (403); nothing is written', async (role) => {
        const { school, yearId } = await world();
        const user = await t.make.staff(school.id, [role]);
        expectProblem(await t.http.post('/api/v1/classes').set(user.auth)
          .send({ schoolId: school.id, academicYearId: yearId, grade: 5, letter: 'А' }), 403);
        expect(await classRows(school.id)).toHaveLength(0);
        expect(await audit(school.id)).toHaveLength(0);
      });

    it('R-SEC-02 a parent of the school gets 403, an anonymous caller 401', async () => {
      const { school, yearId } = await world();
      const classId = await t.make.schoolClass(school.id, yearId);
      const kid = await t.make.student(school.id, classId);
      const parent = await t.make.parent(school.id, [kid.id]);
      expectProblem(await t.http.post('/api/v1/classes').set(parent.auth).send({ schoolId: school.id, academicYearId: yearId, grade: 6, letter: 'А' }), 403);
      expectProblem(await t.http.post('/api/v1/classes').send({ schoolId: school.id, academicYearId: yearId, grade: 6, letter: 'А' }), 401);
      expect(await classRows(school.id)).toHaveLength(1);
    });

    it('R-SEC-02 another school\'s admin gets 404; an unknown year or another school\'s year gets 404', async () => {
      const { school, admin, yearId } = await world();
      const other = await world();
      expectProblem(await t.http.post('/api/v1/classes').set(other.admin.auth)
        .send({ schoolId: school.id, academicYearId: yearId, grade: 5, letter: 'А' }), 404);
      expectProblem(await t.http.post('/api/v1/classes').set(admin.auth)
        .send({ schoolId: school.id, academicYearId: UNKNOWN, grade: 5, letter: 'А' }), 404);
      expectProblem(await t.http.post('/api/v1/classes').set(admin.auth)
        .send({ schoolId: school.id, academicYearId: other.yearId, grade: 5, letter: 'А' }), 404);
      expectProblem(await t.http.post('/api/v1/classes').set(admin.auth)
        .send({ schoolId: UNKNOWN, academicYearId: yearId, grade: 5, letter: 'А' }), 404);
      expect(await classRows(school.id)).toHaveLength(0);
      expect(await classRows(other.school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-06 classTeacherId must be an active class_teacher of the school (422 naming the field)', async () => {
      const { school, admin, yearId } = await world();
      const other = await world();
      const plainTeacher = await t.make.staff(school.id, ['teacher']);
      const foreignCt = await t.make.staff(other.school.id, ['class_teacher']);
      const dismissedCt = await t.make.staff(school.id, ['class_teacher']);
      await t.db.query(`UPDATE employments SET dismissed_at = now(), ends_on = '2026-08-31' WHERE id = $1`, [dismissedCt.employmentId]);
      const student = await t.make.person({ lastName: 'Просточеловек' });
      for (const personId of [plainTeacher.personId, foreignCt.personId, dismissedCt.personId, student, UNKNOWN]) {
        const problem = expectProblem(await t.http.post('/api/v1/classes').set(admin.auth)
          .send({ schoolId: school.id, academicYearId: yearId, grade: 5, letter: 'А', classTeacherId: personId }), 422, 'classTeacherId');
        expect(problem.type).toBe('/problems/unprocessable');
      }
      expect(await classRows(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-06 a closed academic year answers 409 on create', async () => {
      const { school, admin } = await world();
      const closed = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      expectProblem(await t.http.post('/api/v1/classes').set(admin.auth).send({ schoolId: school.id, academicYearId: closed, grade: 5, letter: 'А' }), 409);
      expect(await classRows(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-06 the same grade and letter twice in a year answers 409; another year is fine', async () => {
      const { school, admin, yearId } = await world();
      await t.make.schoolClass(school.id, yearId, 5, 'А');
      expectProblem(await t.http.post('/api/v1/classes').set(admin.auth).send({ schoolId: school.id, academicYearId: yearId, grade: 5, letter: 'А' }), 409);
      const next = await t.make.year(school.id, { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31', status: 'planned' });
      const res = await t.http.post('/api/v1/classes').set(admin.auth).send({ schoolId: school.id, academicYearId: next, grade: 5, letter: 'А' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(await classRows(school.id)).toHaveLength(2);
      expect(await audit(school.id)).toHaveLength(1);
    });
  });

  describe('GET /classes', () => {
    it('R-ROS-06 lists the school\'s classes by grade and letter with teacher names and current student counts', async () => {
      const { school, admin, yearId } = await world();
      const ct = await t.make.staff(school.id, ['class_teacher'], { lastName: 'Руководителева' });
      const c6 = await t.make.schoolClass(school.id, yearId, 6, 'А');
      const c5b = await t.make.schoolClass(school.id, yearId, 5, 'Б');
      const c5a = await t.make.schoolClass(school.id, yearId, 5, 'А', ct.personId);
      await t.make.student(school.id, c5a);
      await t.make.student(school.id, c5a);
      const gone = await t.make.student(school.id, c5a);
      await t.db.query(`UPDATE enrolments SET ends_on = '2026-10-01' WHERE student_id = $1`, [gone.id]);
      const otherYear = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      const old = await t.make.schoolClass(school.id, otherYear, 4, 'А');
      const other = await world();
      await t.make.schoolClass(other.school.id, other.yearId, 5, 'А');

      const res = await t.http.get(`/api/v1/classes?schoolId=${school.id}`).set(admin.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.map((c: { name: string }) => c.name)).toEqual(['4А', '5А', '5Б', '6А']);
      expect(res.body[1]).toEqual({ id: c5a, schoolId: school.id, academicYearId: yearId, grade: 5, letter: 'А', name: '5А',
        classTeacherId: ct.personId, classTeacherName: 'Руководителева Тест', studentCount: 2, version: 1 });
      expect(res.body.find((c: { id: string }) => c.id === c5b)).toMatchObject({ studentCount: 0, classTeacherId: null, classTeacherName: null });

      const byYear = await t.http.get(`/api/v1/classes?schoolId=${school.id}&academicYearId=${yearId}`).set(admin.auth);
      expect(byYear.body.map((c: { id: string }) => c.id)).toEqual([c5a, c5b, c6]);
      expect(byYear.body.map((c: { id: string }) => c.id)).not.toContain(old);
    });

    it('R-SEC-02 every staff role of the school reads the class list; a parent gets 403', async () => {
      const { school, yearId } = await world();
      await t.make.schoolClass(school.id, yearId, 5, 'А');
      for (const role of ['director', 'deputy', 'teacher', 'class_teacher'] as const) {
        const user = await t.make.staff(school.id, [role]);
        const res = await t.http.get(`/api/v1/classes?schoolId=${school.id}`).set(user.auth);
        expect(res.status, role).toBe(200);
        expect(res.body).toHaveLength(1);
      }
      const classId = await t.make.schoolClass(school.id, yearId, 6, 'А');
      const kid = await t.make.student(school.id, classId);
      const parent = await t.make.parent(school.id, [kid.id]);
      expectProblem(await t.http.get(`/api/v1/classes?schoolId=${school.id}`).set(parent.auth), 403);
    });

    it('R-API-03 a missing or bad schoolId or academicYearId answers 400 naming it', async () => {
      const { school, admin } = await world();
      expectProblem(await t.http.get('/api/v1/classes').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get('/api/v1/classes?schoolId=abc').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get(`/api/v1/classes?schoolId=${school.id}&academicYearId=2026`).set(admin.auth), 400, 'academicYearId');
    });

    it('R-SEC-02 another school\'s list answers 404', async () => {
      const { school, yearId } = await world();
      await t.make.schoolClass(school.id, yearId);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/classes?schoolId=${school.id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/classes?schoolId=${UNKNOWN}`).set(other.admin.auth), 404);
    });
  });

  describe('GET /classes/{id}', () => {
    it('R-ROS-06 the admin reads the class with its current students and their birth dates', async () => {
      const { school, admin, yearId } = await world();
      const ct = await t.make.staff(school.id, ['class_teacher'], { lastName: 'Руководителева' });
      const classId = await t.make.schoolClass(school.id, yearId, 7, 'В', ct.personId);
      const b = await t.make.student(school.id, classId, { lastName: 'Борисов', firstName: 'Борис' });
      const a = await t.make.student(school.id, classId, { lastName: 'Алексеев', firstName: 'Алексей' });
      const gone = await t.make.student(school.id, classId, { lastName: 'Ушедший', firstName: 'Ушел' });
      await t.db.query(`UPDATE enrolments SET ends_on = '2026-10-01' WHERE student_id = $1`, [gone.id]);
      await t.db.query(`UPDATE persons SET birth_date = '2014-03-14' WHERE id = $1`, [a.personId]);

      const res = await t.http.get(`/api/v1/classes/${classId}`).set(admin.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: classId, name: '7В', grade: 7, letter: 'В', classTeacherId: ct.personId,
        classTeacherName: 'Руководителева Тест', studentCount: 2, version: 1 });
      expect(res.body.students).toEqual([
        expect.objectContaining({ id: a.id, fullName: 'Алексеев Алексей', birthDate: '2014-03-14' }),
        expect.objectContaining({ id: b.id, fullName: 'Борисов Борис', birthDate: null }),
      ]);
    });

    it('R-SEC-02 the class teacher of the class sees birth dates; a teacher gets the list without birth dates', async () => {
      const { school, yearId } = await world();
      const ct = await t.make.staff(school.id, ['teacher', 'class_teacher']);
      const otherCt = await t.make.staff(school.id, ['teacher', 'class_teacher']);
      const teacher = await t.make.staff(school.id, ['teacher']);
      const classId = await t.make.schoolClass(school.id, yearId, 5, 'А', ct.personId);
      await t.make.schoolClass(school.id, yearId, 5, 'Б', otherCt.personId);
      const s = await t.make.student(school.id, classId);
      await t.db.query(`UPDATE persons SET birth_date = '2015-01-02' WHERE id = $1`, [s.personId]);

      const own = await t.http.get(`/api/v1/classes/${classId}`).set(ct.auth);
      expect(own.status).toBe(200);
      expect(own.body.students).toEqual([expect.objectContaining({ id: s.id, birthDate: '2015-01-02' })]);
      for (const user of [teacher, otherCt]) {
        const res = await t.http.get(`/api/v1/classes/${classId}`).set(user.auth);
        expect(res.status).toBe(200);
        expect(res.body.students).toEqual([expect.objectContaining({ id: s.id, fullName: 'Учеников Пётр', birthDate: null })]);
      }
    });

    it('R-SEC-02 another school\'s class and an unknown id answer 404; a bad id 400', async () => {
      const { school, yearId } = await world();
      const classId = await t.make.schoolClass(school.id, yearId);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/classes/${classId}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/classes/${UNKNOWN}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/classes/5a').set(other.admin.auth), 400);
    });

    it('R-SEC-02 a parent of the school gets 403 on the class list', async () => {
      const { school, yearId } = await world();
      const classId = await t.make.schoolClass(school.id, yearId);
      const kid = await t.make.student(school.id, classId);
      const parent = await t.make.parent(school.id, [kid.id]);
      expectProblem(await t.http.get(`/api/v1/classes/${classId}`).set(parent.auth), 403);
    });
  });

  describe('PATCH /classes/{id}', () => {
    it('R-ROS-06 the admin renames the class and sets the class teacher; version, row and audit before/after', async () => {
      const { school, admin, yearId } = await world();
      const ct = await t.make.staff(school.id, ['class_teacher'], { lastName: 'Новая' });
      const classId = await t.make.schoolClass(school.id, yearId, 5, 'А');
      const res = await t.http.patch(`/api/v1/classes/${classId}`).set(admin.auth).set('x-request-id', 'cls-upd-1')
        .send({ letter: 'Г', classTeacherId: ct.personId, version: 1, reason: 'Приказ № 15' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: classId, letter: 'Г', name: '5Г', classTeacherId: ct.personId, classTeacherName: 'Новая Тест', version: 2 });
      expect(await classRows(school.id)).toEqual([{ id: classId, grade: 5, letter: 'Г', class_teacher_id: ct.personId, academic_year_id: yearId, version: 2 }]);
      const [e] = await audit(school.id);
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', action: 'class.update', entity: 'class',
        entity_id: classId, reason: 'Приказ № 15', request_id: 'cls-upd-1' });
      expect(e.before).toMatchObject({ letter: 'А', name: '5А', classTeacherId: null, version: 1 });
      expect(e.after).toMatchObject({ letter: 'Г', name: '5Г', classTeacherId: ct.personId, version: 2 });

      // null removes the class teacher
      const cleared = await t.http.patch(`/api/v1/classes/${classId}`).set(admin.auth).send({ classTeacherId: null, version: 2 });
      expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
      expect(cleared.body).toMatchObject({ classTeacherId: null, classTeacherName: null, letter: 'Г', version: 3 });
      expect((await classRows(school.id))[0].class_teacher_id).toBeNull();
      expect(await audit(school.id, 'class.update')).toHaveLength(2);
    });

    it('R-API-03 a stale version answers 412 and changes nothing', async () => {
      const { school, admin, yearId } = await world();
      const classId = await t.make.schoolClass(school.id, yearId, 5, 'А');
      expect((await t.http.patch(`/api/v1/classes/${classId}`).set(admin.auth).send({ letter: 'Б', version: 1 })).status).toBe(200);
      const problem = expectProblem(await t.http.patch(`/api/v1/classes/${classId}`).set(admin.auth).send({ letter: 'В', version: 1 }), 412);
      expect(problem.type).toBe('/problems/stale-version');
      expect((await classRows(school.id))[0]).toMatchObject({ letter: 'Б', version: 2 });
      expect(await audit(school.id)).toHaveLength(1);
    });

    it.each([
      ['missing version', { letter: 'Б' }, 'version'],
      ['version as a string', { letter: 'Б', version: '1' }, 'version'],
      ['letter "5a"', { letter: '5a', version: 1 }, 'letter'],
      ['bad classTeacherId', { classTeacherId: 'x', version: 1 }, 'classTeacherId'],
      ['grade cannot be changed (unknown field)', { grade: 6, version: 1 }, 'grade'],
      ['empty reason', { letter: 'Б', version: 1, reason: '' }, 'reason'],
    ])('R-API-03 %s answers 400 naming the field; nothing changes', async (_name, body, field) => {
      const { school, admin, yearId } = await world();
      const classId = await t.make.schoolClass(school.id, yearId, 5, 'А');
      expectProblem(await t.http.patch(`/api/v1/classes/${classId}`).set(admin.auth).send(body), 400, field);
      expect((await classRows(school.id))[0]).toMatchObject({ letter: 'А', version: 1 });
      expect(await audit(school.id)).toHaveLength(0);
    });

    it.each([['director'], ['deputy'], ['teacher'], ['class_teacher']] as const)(
      'R-SEC-02 a %s may not edit a class (403)', async (role) => {
        const { school, yearId } = await world();
        const user = await t.make.staff(school.id, [role]);
        const classId = await t.make.schoolClass(school.id, yearId, 5, 'А', role === 'class_teacher' ? user.personId : null);
        expectProblem(await t.http.patch(`/api/v1/classes/${classId}`).set(user.auth).send({ letter: 'Б', version: 1 }), 403);
        expect((await classRows(school.id))[0]).toMatchObject({ letter: 'А', version: 1 });
        expect(await audit(school.id)).toHaveLength(0);
      });

    it('R-SEC-02 another school\'s class or an unknown id answers 404', async () => {
      const { school, yearId } = await world();
      const classId = await t.make.schoolClass(school.id, yearId, 5, 'А');
      const other = await world();
      expectProblem(await t.http.patch(`/api/v1/classes/${classId}`).set(other.admin.auth).send({ letter: 'Б', version: 1 }), 404);
      expectProblem(await t.http.patch(`/api/v1/classes/${UNKNOWN}`).set(other.admin.auth).send({ letter: 'Б', version: 1 }), 404);
      expect((await classRows(school.id))[0]).toMatchObject({ letter: 'А', version: 1 });
    });

    it('R-ROS-06 a classTeacherId that is not an active class teacher of the school answers 422', async () => {
      const { school, admin, yearId } = await world();
      const other = await world();
      const teacher = await t.make.staff(school.id, ['teacher']);
      const foreignCt = await t.make.staff(other.school.id, ['class_teacher']);
      const classId = await t.make.schoolClass(school.id, yearId, 5, 'А');
      for (const personId of [teacher.personId, foreignCt.personId]) {
        expectProblem(await t.http.patch(`/api/v1/classes/${classId}`).set(admin.auth).send({ classTeacherId: personId, version: 1 }), 422, 'classTeacherId');
      }
      expect((await classRows(school.id))[0]).toMatchObject({ class_teacher_id: null, version: 1 });
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-06 a class of a closed year is read-only (409)', async () => {
      const { school, admin } = await world();
      const closed = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      const classId = await t.make.schoolClass(school.id, closed, 5, 'А');
      expectProblem(await t.http.patch(`/api/v1/classes/${classId}`).set(admin.auth).send({ letter: 'Б', version: 1 }), 409);
      expect((await classRows(school.id))[0]).toMatchObject({ letter: 'А', version: 1 });
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-06 renaming onto an existing class of the year answers 409', async () => {
      const { school, admin, yearId } = await world();
      const classId = await t.make.schoolClass(school.id, yearId, 5, 'А');
      await t.make.schoolClass(school.id, yearId, 5, 'Б');
      expectProblem(await t.http.patch(`/api/v1/classes/${classId}`).set(admin.auth).send({ letter: 'Б', version: 1 }), 409);
      expect((await classRows(school.id)).map((c: { letter: string }) => c.letter)).toEqual(['А', 'Б']);
      expect(await audit(school.id)).toHaveLength(0);
    });
  });
});
