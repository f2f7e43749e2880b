import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('movements (R-ROS-08, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string) => auditRows(t.db, schoolId, action);
  const enrolmentsOf = (studentId: string) =>
    t.db.query(`SELECT class_id, starts_on::text, ends_on::text FROM enrolments WHERE student_id = $1 ORDER BY starts_on, created_at`, [studentId]);
  const movementsOf = (studentId: string) => t.db.query(`SELECT kind FROM movements WHERE student_id = $1`, [studentId]);
  const statusOf = async (studentId: string): Promise<string> => (await t.db.query(`SELECT status FROM students WHERE id = $1`, [studentId]))[0].status;

  /** A school with an admin, classes 5А and 5Б of the open year 2026/2027, and a student of 5А since 2026-09-01. */
  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin']);
    const yearId = await t.make.year(school.id);
    const classA = await t.make.schoolClass(school.id, yearId, 5, 'А');
    const classB = await t.make.schoolClass(school.id, yearId, 5, 'Б');
    const student = await t.make.student(school.id, classA, { lastName: 'Смирнов', firstName: 'Иван' });
    return { school, admin, yearId, classA, classB, student };
  }

  /** Asserts a refused movement left the student, enrolments, movements and audit untouched. */
  async function expectUnchanged(schoolId: string, studentId: string, classId: string) {
    expect(await enrolmentsOf(studentId)).toEqual([{ class_id: classId, starts_on: '2026-09-01', ends_on: null }]);
    expect(await statusOf(studentId)).toBe('studying');
    expect(await movementsOf(studentId)).toHaveLength(0);
    expect(await audit(schoolId)).toHaveLength(0);
  }

  describe('POST /movements', () => {
    it('R-ROS-08 transfer within the school closes the old enrolment the day before, opens the new one and keeps the history', async () => {
      const { school, admin, classA, classB, student } = await world();
      const res = await t.http.post('/api/v1/movements').set(admin.auth).set('x-request-id', 'mv-transfer-1')
        .send({ studentId: student.id, kind: 'transfer_within', date: '2026-11-16', orderNumber: '87-у', toClassId: classB, reason: 'Заявление родителей' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), studentId: student.id, studentName: 'Смирнов Иван', kind: 'transfer_within',
        occurredOn: '2026-11-16', orderNumber: '87-у', fromClassId: classA, fromClassName: '5А', toClassId: classB, toClassName: '5Б',
        destination: null, reason: 'Заявление родителей' });
      expect(await enrolmentsOf(student.id)).toEqual([
        { class_id: classA, starts_on: '2026-09-01', ends_on: '2026-11-15' },
        { class_id: classB, starts_on: '2026-11-16', ends_on: null },
      ]);
      expect(await t.db.query(`SELECT kind, occurred_on::text, order_number, from_class_id, to_class_id, created_by FROM movements WHERE id = $1`, [res.body.id]))
        .toEqual([{ kind: 'transfer_within', occurred_on: '2026-11-16', order_number: '87-у', from_class_id: classA, to_class_id: classB,
          created_by: await userIdOf(admin.login) }]);
      expect(await statusOf(student.id)).toBe('studying');

      const card = await t.http.get(`/api/v1/students/${student.id}`).set(admin.auth);
      expect(card.body).toMatchObject({ classId: classB, className: '5Б', enrolments: [
        { classId: classA, className: '5А', startsOn: '2026-09-01', endsOn: '2026-11-15' },
        { classId: classB, className: '5Б', startsOn: '2026-11-16', endsOn: null },
      ] });
      const listA = await t.http.get(`/api/v1/classes/${classA}`).set(admin.auth);
      const listB = await t.http.get(`/api/v1/classes/${classB}`).set(admin.auth);
      expect(listA.body.students).toEqual([]);
      expect(listB.body.students.map((s: { id: string }) => s.id)).toEqual([student.id]);

      const [e] = await audit(school.id, 'movement.transfer_within');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'movement', entity_id: res.body.id,
        reason: 'Заявление родителей', request_id: 'mv-transfer-1' });
      expect(e.before).toEqual({ studentStatus: 'studying', classId: classA });
      expect(e.after).toMatchObject({ kind: 'transfer_within', fromClassId: classA, toClassId: classB, studentStatus: 'studying' });
    });

    it('R-ROS-08 transfer out requires a destination and sets the status "left"; the student leaves the class list', async () => {
      const { school, admin, classA, student } = await world();
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'transfer_out', date: '2026-12-01', orderNumber: '90-у' }), 400, 'destination');
      await expectUnchanged(school.id, student.id, classA);

      const res = await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'transfer_out', date: '2026-12-01', orderNumber: '90-у', destination: 'МБОУ СОШ № 3 г. Твери' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ kind: 'transfer_out', fromClassId: classA, fromClassName: '5А', toClassId: null, toClassName: null,
        destination: 'МБОУ СОШ № 3 г. Твери', orderNumber: '90-у' });
      expect(await statusOf(student.id)).toBe('left');
      expect(await enrolmentsOf(student.id)).toEqual([{ class_id: classA, starts_on: '2026-09-01', ends_on: '2026-11-30' }]);
      expect((await t.http.get(`/api/v1/classes/${classA}`).set(admin.auth)).body).toMatchObject({ studentCount: 0, students: [] });
      const card = await t.http.get(`/api/v1/students/${student.id}`).set(admin.auth);
      expect(card.body).toMatchObject({ status: 'left', classId: null, className: null, enrolments: [{ classId: classA, endsOn: '2026-11-30' }] });
      const [e] = await audit(school.id, 'movement.transfer_out');
      expect(e).toMatchObject({ actor_role: 'admin', reason: 'Приказ 90-у' });
      expect(e.before).toEqual({ studentStatus: 'studying', classId: classA });
      expect(e.after).toMatchObject({ destination: 'МБОУ СОШ № 3 г. Твери', studentStatus: 'left' });
    });

    it('R-ROS-08 an expelled student disappears from the class list but stays in GET /students?status=left', async () => {
      const { school, admin, classA, student } = await world();
      const classmate = await t.make.student(school.id, classA, { lastName: 'Остаёв', firstName: 'Пётр' });
      const res = await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'expel', date: '2027-02-10', orderNumber: '15-о', reason: 'Решение педсовета' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ kind: 'expel', fromClassName: '5А', toClassId: null, reason: 'Решение педсовета' });
      expect(await statusOf(student.id)).toBe('left');

      const list = await t.http.get(`/api/v1/classes/${classA}`).set(admin.auth);
      expect(list.body.studentCount).toBe(1);
      expect(list.body.students.map((s: { id: string }) => s.id)).toEqual([classmate.id]);
      const byClass = await t.http.get(`/api/v1/students?schoolId=${school.id}&classId=${classA}`).set(admin.auth);
      expect(byClass.body.items.map((s: { id: string }) => s.id)).toEqual([classmate.id]);
      const left = await t.http.get(`/api/v1/students?schoolId=${school.id}&status=left`).set(admin.auth);
      expect(left.body).toMatchObject({ total: 1, items: [{ id: student.id, status: 'left', classId: null }] });
      const [e] = await audit(school.id, 'movement.expel');
      expect(e.after).toMatchObject({ kind: 'expel', studentStatus: 'left' });
    });

    it('R-ROS-08 enrolling a student who left brings them back; enrolling an enrolled student answers 409', async () => {
      const { school, admin, classA, classB, student } = await world();
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'enrol', date: '2026-10-01', orderNumber: '50-у', toClassId: classB }), 409);
      await expectUnchanged(school.id, student.id, classA);

      await t.http.post('/api/v1/movements').set(admin.auth).send({ studentId: student.id, kind: 'expel', date: '2026-10-01', orderNumber: '51-о' });
      const res = await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'enrol', date: '2027-01-11', orderNumber: '2-у', toClassId: classB });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ kind: 'enrol', fromClassId: null, toClassId: classB, toClassName: '5Б' });
      expect(await statusOf(student.id)).toBe('studying');
      expect(await enrolmentsOf(student.id)).toEqual([
        { class_id: classA, starts_on: '2026-09-01', ends_on: '2026-09-30' },
        { class_id: classB, starts_on: '2027-01-11', ends_on: null },
      ]);
      expect((await audit(school.id)).map((e) => e.action)).toEqual(['movement.expel', 'movement.enrol']);
    });

    it('R-ROS-08 a transfer into the current class answers 409; leaving a student who is not enrolled answers 409', async () => {
      const { school, admin, classA, student } = await world();
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'transfer_within', date: '2026-11-16', orderNumber: '87-у', toClassId: classA }), 409);
      await expectUnchanged(school.id, student.id, classA);
      await t.http.post('/api/v1/movements').set(admin.auth).send({ studentId: student.id, kind: 'expel', date: '2026-10-01', orderNumber: '51-о' });
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth).send({ studentId: student.id, kind: 'expel', date: '2026-10-02', orderNumber: '52-о' }), 409);
      expect(await movementsOf(student.id)).toHaveLength(1);
    });

    it.each([
      ['missing studentId', { studentId: undefined }, 'studentId'],
      ['bad studentId', { studentId: 'st-1' }, 'studentId'],
      ['unknown kind "promote"', { kind: 'promote' }, 'kind'],
      ['missing kind', { kind: undefined }, 'kind'],
      ['missing date', { date: undefined }, 'date'],
      ['date 2026-11-31', { date: '2026-11-31' }, 'date'],
      ['date 16.11.2026', { date: '16.11.2026' }, 'date'],
      ['date before the current enrolment', { date: '2026-08-15' }, 'date'],
      ['date outside the academic year', { date: '2027-07-01' }, 'date'],
      ['missing orderNumber', { orderNumber: undefined }, 'orderNumber'],
      ['empty orderNumber', { orderNumber: '' }, 'orderNumber'],
      ['missing toClassId for a transfer', { toClassId: undefined }, 'toClassId'],
      ['bad toClassId', { toClassId: '5Б' }, 'toClassId'],
      ['empty destination', { destination: '' }, 'destination'],
      ['an unknown field', { fromClassId: UNKNOWN }, 'fromClassId'],
    ])('R-API-03 %s answers 400 naming the field; nothing changes', async (_name, over, field) => {
      const { school, admin, classA, classB, student } = await world();
      const body: Record<string, unknown> = { studentId: student.id, kind: 'transfer_within', date: '2026-11-16', orderNumber: '87-у', toClassId: classB, ...over };
      for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth).send(body), 400, field);
      await expectUnchanged(school.id, student.id, classA);
    });

    it.each([['director'], ['deputy'], ['teacher'], ['class_teacher']] as const)('R-SEC-02 a %s may not record a movement (403)', async (role) => {
      const { school, classA, classB, student } = await world();
      const user = await t.make.staff(school.id, [role]);
      if (role === 'class_teacher') await t.db.query(`UPDATE classes SET class_teacher_id = $2 WHERE id = $1`, [classA, user.personId]);
      expectProblem(await t.http.post('/api/v1/movements').set(user.auth)
        .send({ studentId: student.id, kind: 'transfer_within', date: '2026-11-16', orderNumber: '87-у', toClassId: classB }), 403);
      await expectUnchanged(school.id, student.id, classA);
    });

    it('R-SEC-02 another school\'s student, class or admin answers 404; nothing changes', async () => {
      const { school, admin, classA, classB, student } = await world();
      const other = await world();
      expectProblem(await t.http.post('/api/v1/movements').set(other.admin.auth)
        .send({ studentId: student.id, kind: 'transfer_within', date: '2026-11-16', orderNumber: '87-у', toClassId: classB }), 404);
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'transfer_within', date: '2026-11-16', orderNumber: '87-у', toClassId: other.classB }), 404);
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'transfer_within', date: '2026-11-16', orderNumber: '87-у', toClassId: UNKNOWN }), 404);
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: other.student.id, kind: 'expel', date: '2026-11-16', orderNumber: '87-у' }), 404);
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: UNKNOWN, kind: 'expel', date: '2026-11-16', orderNumber: '87-у' }), 404);
      await expectUnchanged(school.id, student.id, classA);
      await expectUnchanged(other.school.id, other.student.id, other.classA);
    });

    it('R-ROS-08 a transfer into a class of a closed year answers 409', async () => {
      const { school, admin, classA, student } = await world();
      const closed = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      const old = await t.make.schoolClass(school.id, closed, 4, 'А');
      expectProblem(await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'transfer_within', date: '2026-05-01', orderNumber: '87-у', toClassId: old }), 409);
      await expectUnchanged(school.id, student.id, classA);
    });
  });

  describe('GET /movements', () => {
    it('R-ROS-08 the movement book lists the school\'s movements newest first, and one student\'s', async () => {
      const { school, admin, classA, classB, student } = await world();
      const other = await t.make.student(school.id, classB, { lastName: 'Жуков', firstName: 'Олег' });
      await t.http.post('/api/v1/movements').set(admin.auth)
        .send({ studentId: student.id, kind: 'transfer_within', date: '2026-11-16', orderNumber: '87-у', toClassId: classB });
      await t.http.post('/api/v1/movements').set(admin.auth).send({ studentId: other.id, kind: 'expel', date: '2026-12-20', orderNumber: '99-о' });
      const elsewhere = await world();
      await t.http.post('/api/v1/movements').set(elsewhere.admin.auth)
        .send({ studentId: elsewhere.student.id, kind: 'transfer_out', date: '2026-11-01', orderNumber: '1', destination: 'Лицей № 1' });

      const res = await t.http.get(`/api/v1/movements?schoolId=${school.id}`).set(admin.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.map((m: { kind: string }) => m.kind)).toEqual(['expel', 'transfer_within']);
      expect(res.body[1]).toEqual({ id: expect.any(String), studentId: student.id, studentName: 'Смирнов Иван', kind: 'transfer_within',
        occurredOn: '2026-11-16', orderNumber: '87-у', fromClassId: classA, fromClassName: '5А', toClassId: classB, toClassName: '5Б',
        destination: null, reason: null });
      const one = await t.http.get(`/api/v1/movements?schoolId=${school.id}&studentId=${other.id}`).set(admin.auth);
      expect(one.body).toEqual([expect.objectContaining({ studentId: other.id, kind: 'expel', fromClassName: '5Б' })]);
      for (const role of ['director', 'deputy'] as const) {
        const user = await t.make.staff(school.id, [role]);
        expect((await t.http.get(`/api/v1/movements?schoolId=${school.id}`).set(user.auth)).body).toHaveLength(2);
      }
    });

    it('R-SEC-02 a teacher gets 403, another school\'s admin 404; bad parameters 400 naming them', async () => {
      const { school, admin } = await world();
      const teacher = await t.make.staff(school.id, ['teacher', 'class_teacher']);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/movements?schoolId=${school.id}`).set(teacher.auth), 403);
      expectProblem(await t.http.get(`/api/v1/movements?schoolId=${school.id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get('/api/v1/movements').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get(`/api/v1/movements?schoolId=${school.id}&studentId=42`).set(admin.auth), 400, 'studentId');
    });
  });
});
