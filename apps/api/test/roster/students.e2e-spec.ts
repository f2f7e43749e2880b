import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const SNILS = '112-233-445 95';
const SNILS_DIGITS = '11223344595';
const SNILS2 = '087-654-303 00';
const SNILS2_DIGITS = '08765430300';

describe('students (R-ROS-03, R-AUD-06, R-SEC-02, R-API-03, R-AUD-01)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const userIdOf = async (login: string): Promise<string> => (await t.db.query(`SELECT id FROM users WHERE login = $1`, [login]))[0].id;
  const audit = (schoolId: string, action?: string) => auditRows(t.db, schoolId, action);
  const auditText = async (): Promise<string> =>
    (await t.db.query(`SELECT coalesce(string_agg(concat_ws('|', before::text, after::text, reason), ' '), '') AS s FROM audit_events`))[0].s;
  const personsNamed = (lastName: string) => t.db.query(`SELECT id FROM persons WHERE last_name = $1`, [lastName]);
  const studentsOf = (schoolId: string) => t.db.query(`SELECT id FROM students WHERE school_id = $1`, [schoolId]);

  let seq = 0;
  /** A surname no other test uses (names allow letters only). */
  const uniqueSurname = (base: string) => `${base}-${[...String(seq++)].map((d) => 'абвгдежзик'[Number(d)]).join('')}`;

  /** A school with an admin, an open year 2026/2027 and class 5А. */
  async function world() {
    const school = await t.make.school();
    const admin = await t.make.staff(school.id, ['admin']);
    const yearId = await t.make.year(school.id);
    const classId = await t.make.schoolClass(school.id, yearId, 5, 'А');
    return { school, admin, yearId, classId };
  }

  const newStudent = (schoolId: string, classId: string, over: Record<string, unknown> = {}) => {
    const body: Record<string, unknown> = {
      schoolId, classId, lastName: 'Смирнов', firstName: 'Иван', middleName: 'Петрович', birthDate: '2015-03-14', gender: 'male',
      snils: SNILS, personalFileNumber: 'Л-125', address: 'г. Тверь, ул. Советская, д. 1', enrolledOn: '2026-09-01', orderNumber: '12-у', ...over,
    };
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
    return body;
  };

  describe('POST /students', () => {
    it('R-ROS-03 the admin enrols a new student: card, person, enrolment, enrol movement and audit entries', async () => {
      const { school, admin, classId } = await world();
      const res = await t.http.post('/api/v1/students').set(admin.auth).set('x-request-id', 'st-create-1').send(newStudent(school.id, classId));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String), schoolId: school.id, personId: expect.any(String), lastName: 'Смирнов', firstName: 'Иван', middleName: 'Петрович',
        fullName: 'Смирнов Иван Петрович', birthDate: '2015-03-14', gender: 'male', snils: SNILS, personalFileNumber: 'Л-125',
        address: 'г. Тверь, ул. Советская, д. 1', status: 'studying', classId, className: '5А', guardians: [],
        enrolments: [{ classId, className: '5А', academicYear: '2026/2027', startsOn: '2026-09-01', endsOn: null }], version: 1,
      });
      const [person] = await t.db.query(`SELECT last_name, first_name, middle_name, birth_date::text, gender FROM persons WHERE id = $1`, [res.body.personId]);
      expect(person).toEqual({ last_name: 'Смирнов', first_name: 'Иван', middle_name: 'Петрович', birth_date: '2015-03-14', gender: 'male' });
      const [student] = await t.db.query(`SELECT school_id, person_id, status, personal_file_number, address FROM students WHERE id = $1`, [res.body.id]);
      expect(student).toEqual({ school_id: school.id, person_id: res.body.personId, status: 'studying', personal_file_number: 'Л-125',
        address: 'г. Тверь, ул. Советская, д. 1' });
      expect(await t.db.query(`SELECT class_id, starts_on::text, ends_on FROM enrolments WHERE student_id = $1`, [res.body.id]))
        .toEqual([{ class_id: classId, starts_on: '2026-09-01', ends_on: null }]);
      expect(await t.db.query(`SELECT kind, occurred_on::text, order_number, from_class_id, to_class_id FROM movements WHERE student_id = $1`, [res.body.id]))
        .toEqual([{ kind: 'enrol', occurred_on: '2026-09-01', order_number: '12-у', from_class_id: null, to_class_id: classId }]);

      const events = await audit(school.id);
      expect(events.map((e) => e.action)).toEqual(['student.create', 'movement.enrol']);
      const adminUserId = await userIdOf(admin.login);
      expect(events[0]).toMatchObject({ actor_user_id: adminUserId, actor_role: 'admin', entity: 'student', entity_id: res.body.id, before: null,
        request_id: 'st-create-1' });
      expect(events[0].after).toMatchObject({ id: res.body.id, fullName: 'Смирнов Иван Петрович', classId, status: 'studying', hasSnils: true });
      expect(events[1]).toMatchObject({ actor_user_id: adminUserId, actor_role: 'admin', entity: 'movement', reason: 'Приказ 12-у' });
      expect(events[1].after).toMatchObject({ kind: 'enrol', studentId: res.body.id, toClassId: classId, orderNumber: '12-у' });
    });

    it('R-ROS-03 SNILS is stored encrypted, shown formatted on the card and never written to the audit log', async () => {
      const { school, admin, classId } = await world();
      const res = await t.http.post('/api/v1/students').set(admin.auth).send(newStudent(school.id, classId, { snils: SNILS_DIGITS }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.snils).toBe(SNILS);
      const [row] = await t.db.query(`SELECT snils_encrypted, snils_hash FROM students WHERE id = $1`, [res.body.id]);
      expect(row.snils_encrypted).toEqual(expect.any(String));
      expect(row.snils_encrypted).not.toContain(SNILS_DIGITS);
      expect(row.snils_encrypted).not.toContain('112-233-445');
      expect(Buffer.from(row.snils_encrypted, 'base64').toString('latin1')).not.toContain(SNILS_DIGITS);
      expect(row.snils_hash).not.toContain(SNILS_DIGITS);
      const card = await t.http.get(`/api/v1/students/${res.body.id}`).set(admin.auth);
      expect(card.body.snils).toBe(SNILS);
      const text = await auditText();
      expect(text).not.toContain(SNILS_DIGITS);
      expect(text).not.toContain('112-233-445');
      expect(text).not.toContain('445 95');
    });

    it('R-ROS-03 SNILS, personal file number and address are optional', async () => {
      const { school, admin, classId } = await world();
      const res = await t.http.post('/api/v1/students').set(admin.auth)
        .send(newStudent(school.id, classId, { snils: undefined, personalFileNumber: undefined, address: undefined, middleName: undefined }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ snils: null, personalFileNumber: null, address: null, middleName: null, fullName: 'Смирнов Иван' });
      expect((await t.db.query(`SELECT snils_encrypted FROM students WHERE id = $1`, [res.body.id]))[0].snils_encrypted).toBeNull();
    });

    it.each([
      ['missing lastName', { lastName: undefined }, 'lastName'],
      ['digits in firstName', { firstName: 'Иван2' }, 'firstName'],
      ['empty middleName', { middleName: '' }, 'middleName'],
      ['missing birthDate', { birthDate: undefined }, 'birthDate'],
      ['birthDate 2015-13-45', { birthDate: '2015-13-45' }, 'birthDate'],
      ['birthDate 14.03.2015', { birthDate: '14.03.2015' }, 'birthDate'],
      ['gender "m"', { gender: 'm' }, 'gender'],
      ['missing gender', { gender: undefined }, 'gender'],
      ['SNILS with a wrong checksum', { snils: '112-233-445 96' }, 'snils'],
      ['SNILS of letters', { snils: 'abc-def-ghi jk' }, 'snils'],
      ['SNILS too short', { snils: '112-233-445' }, 'snils'],
      ['bad classId', { classId: '5А' }, 'classId'],
      ['missing classId', { classId: undefined }, 'classId'],
      ['bad schoolId', { schoolId: 'x' }, 'schoolId'],
      ['missing enrolledOn', { enrolledOn: undefined }, 'enrolledOn'],
      ['enrolledOn 2026-02-30', { enrolledOn: '2026-02-30' }, 'enrolledOn'],
      ['enrolledOn outside the academic year', { enrolledOn: '2027-06-15' }, 'enrolledOn'],
      ['missing orderNumber', { orderNumber: undefined }, 'orderNumber'],
      ['empty orderNumber', { orderNumber: '' }, 'orderNumber'],
      ['bad email', { email: 'not-mail' }, 'email'],
      ['an unknown field', { status: 'left' }, 'status'],
    ])('R-API-03 %s answers 400 naming the field; no person, student or audit row', async (_name, over, field) => {
      const { school, admin, classId } = await world();
      const lastName = uniqueSurname('Смирнов');
      const problem = expectProblem(await t.http.post('/api/v1/students').set(admin.auth)
        .send(newStudent(school.id, classId, { lastName, ...over })), 400, field);
      expect(problem.type).toBe('/problems/validation');
      expect(await personsNamed(lastName)).toHaveLength(0);
      expect(await studentsOf(school.id)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });

    it.each([['deputy'], ['director'], ['teacher'], ['class_teacher']] as const)(
      'R-SEC-02 a %s may not enrol a student (403); nothing is written', async (role) => {
        const { school, yearId } = await world();
        const user = await t.make.staff(school.id, [role]);
        const own = await t.make.schoolClass(school.id, yearId, 6, 'А', role === 'class_teacher' ? user.personId : null);
        const lastName = uniqueSurname('Смирнов');
        expectProblem(await t.http.post('/api/v1/students').set(user.auth).send(newStudent(school.id, own, { lastName })), 403);
        expect(await personsNamed(lastName)).toHaveLength(0);
        expect(await audit(school.id)).toHaveLength(0);
      });

    it('R-SEC-02 a class of another school leaves no person row (404, no partial write)', async () => {
      const { school, admin } = await world();
      const other = await world();
      expectProblem(await t.http.post('/api/v1/students').set(admin.auth).send(newStudent(school.id, other.classId, { lastName: 'Чужаков' })), 404);
      expectProblem(await t.http.post('/api/v1/students').set(admin.auth).send(newStudent(school.id, UNKNOWN, { lastName: 'Чужаков' })), 404);
      expect(await personsNamed('Чужаков')).toHaveLength(0);
      expect(await studentsOf(school.id)).toHaveLength(0);
      expect(await studentsOf(other.school.id)).toHaveLength(0);
      expect(await t.db.query(`SELECT 1 FROM enrolments WHERE class_id = $1`, [other.classId])).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
      expect(await audit(other.school.id)).toHaveLength(0);
    });

    it('R-SEC-02 another school\'s admin enrolling into this school gets 404', async () => {
      const { school, classId } = await world();
      const other = await world();
      expectProblem(await t.http.post('/api/v1/students').set(other.admin.auth).send(newStudent(school.id, classId, { lastName: 'Чужаков' })), 404);
      expect(await personsNamed('Чужаков')).toHaveLength(0);
    });

    it('R-ROS-03 the same SNILS twice in a school answers 409 and writes nothing', async () => {
      const { school, admin, classId } = await world();
      expect((await t.http.post('/api/v1/students').set(admin.auth).send(newStudent(school.id, classId))).status).toBe(201);
      expectProblem(await t.http.post('/api/v1/students').set(admin.auth)
        .send(newStudent(school.id, classId, { lastName: 'Двойников', snils: SNILS_DIGITS })), 409);
      expect(await personsNamed('Двойников')).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(2);
    });

    it('R-ROS-08 enrolling into a class of a closed year answers 409', async () => {
      const { school, admin } = await world();
      const closed = await t.make.year(school.id, { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-31', status: 'closed' });
      const old = await t.make.schoolClass(school.id, closed, 4, 'А');
      const lastName = uniqueSurname('Смирнов');
      expectProblem(await t.http.post('/api/v1/students').set(admin.auth).send(newStudent(school.id, old, { lastName, enrolledOn: '2025-09-01' })), 409);
      expect(await personsNamed(lastName)).toHaveLength(0);
      expect(await audit(school.id)).toHaveLength(0);
    });
  });

  describe('GET /students', () => {
    it('R-ROS-03 the admin lists students with class names, searches by name, filters by class and status, and pages', async () => {
      const { school, admin, yearId, classId } = await world();
      const c6 = await t.make.schoolClass(school.id, yearId, 6, 'Б');
      const a = await t.make.student(school.id, classId, { lastName: 'Абрамов', firstName: 'Антон' });
      const b = await t.make.student(school.id, classId, { lastName: 'Быстров', firstName: 'Борис' });
      const c = await t.make.student(school.id, c6, { lastName: 'Волков', firstName: 'Виктор' });
      const left = await t.make.student(school.id, c6, { lastName: 'Ушедший', firstName: 'Глеб' });
      await t.db.query(`UPDATE enrolments SET ends_on = '2026-10-01' WHERE student_id = $1`, [left.id]);
      await t.db.query(`UPDATE students SET status = 'left' WHERE id = $1`, [left.id]);
      const other = await world();
      await t.make.student(other.school.id, other.classId, { lastName: 'Чужой' });

      const all = await t.http.get(`/api/v1/students?schoolId=${school.id}`).set(admin.auth);
      expect(all.status, JSON.stringify(all.body)).toBe(200);
      expect(all.body.total).toBe(4);
      expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([a.id, b.id, c.id, left.id]);
      expect(all.body.items[0]).toEqual({ id: a.id, personId: a.personId, fullName: 'Абрамов Антон', lastName: 'Абрамов', firstName: 'Антон',
        middleName: null, classId, className: '5А', status: 'studying' });
      expect(all.body.items[3]).toMatchObject({ id: left.id, classId: null, className: null, status: 'left' });

      const byClass = await t.http.get(`/api/v1/students?schoolId=${school.id}&classId=${c6}`).set(admin.auth);
      expect(byClass.body).toMatchObject({ total: 1, items: [{ id: c.id, className: '6Б' }] });
      const search = await t.http.get(`/api/v1/students?schoolId=${school.id}&q=${encodeURIComponent('быст')}`).set(admin.auth);
      expect(search.body).toMatchObject({ total: 1, items: [{ id: b.id }] });
      const leftOnly = await t.http.get(`/api/v1/students?schoolId=${school.id}&status=left`).set(admin.auth);
      expect(leftOnly.body).toMatchObject({ total: 1, items: [{ id: left.id, status: 'left' }] });
      const page2 = await t.http.get(`/api/v1/students?schoolId=${school.id}&limit=2&offset=2`).set(admin.auth);
      expect(page2.body.total).toBe(4);
      expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual([c.id, left.id]);
    });

    it('R-SEC-02 a teacher must name the class (400 classId) and then reads its list; director and deputy read all', async () => {
      const { school, classId } = await world();
      await t.make.student(school.id, classId);
      for (const roles of [['teacher'], ['class_teacher']] as const) {
        const user = await t.make.staff(school.id, [...roles]);
        expectProblem(await t.http.get(`/api/v1/students?schoolId=${school.id}`).set(user.auth), 400, 'classId');
        const res = await t.http.get(`/api/v1/students?schoolId=${school.id}&classId=${classId}`).set(user.auth);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(1);
      }
      for (const role of ['director', 'deputy'] as const) {
        const user = await t.make.staff(school.id, [role]);
        const res = await t.http.get(`/api/v1/students?schoolId=${school.id}`).set(user.auth);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(1);
      }
    });

    it('R-API-03 bad query parameters answer 400 naming them', async () => {
      const { school, admin } = await world();
      expectProblem(await t.http.get('/api/v1/students').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get('/api/v1/students?schoolId=1').set(admin.auth), 400, 'schoolId');
      expectProblem(await t.http.get(`/api/v1/students?schoolId=${school.id}&classId=5А`).set(admin.auth), 400, 'classId');
      expectProblem(await t.http.get(`/api/v1/students?schoolId=${school.id}&status=expelled`).set(admin.auth), 400, 'status');
      expectProblem(await t.http.get(`/api/v1/students?schoolId=${school.id}&limit=0`).set(admin.auth), 400, 'limit');
      expectProblem(await t.http.get(`/api/v1/students?schoolId=${school.id}&limit=501`).set(admin.auth), 400, 'limit');
      expectProblem(await t.http.get(`/api/v1/students?schoolId=${school.id}&offset=-1`).set(admin.auth), 400, 'offset');
      expectProblem(await t.http.get(`/api/v1/students?schoolId=${school.id}&q=${'я'.repeat(101)}`).set(admin.auth), 400, 'q');
    });

    it('R-SEC-02 a parent gets 403; another school\'s admin 404', async () => {
      const { school, classId } = await world();
      const kid = await t.make.student(school.id, classId);
      const parent = await t.make.parent(school.id, [kid.id]);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/students?schoolId=${school.id}&classId=${classId}`).set(parent.auth), 403);
      expectProblem(await t.http.get(`/api/v1/students?schoolId=${school.id}`).set(other.admin.auth), 404);
    });
  });

  describe('GET /students/{id}', () => {
    it('R-ROS-03 R-AUD-06 the admin reads the card with guardians and enrolments; the read is logged', async () => {
      const { school, admin, yearId, classId } = await world();
      const created = await t.http.post('/api/v1/students').set(admin.auth).send(newStudent(school.id, classId));
      const id = created.body.id;
      const parent = await t.make.parent(school.id, [id]);
      await t.db.query(`UPDATE guardianships SET relation = 'mother' WHERE student_id = $1`, [id]);
      await t.db.query(`UPDATE persons SET phone = '+79001112233' WHERE id = $1`, [parent.personId]);
      const c6 = await t.make.schoolClass(school.id, yearId, 6, 'А');
      await t.db.query(`UPDATE enrolments SET ends_on = '2026-10-31' WHERE student_id = $1`, [id]);
      await t.db.query(`INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on) VALUES (gen_random_uuid(), $1, $2, $3, '2026-11-01')`,
        [school.id, id, c6]);

      const res = await t.http.get(`/api/v1/students/${id}`).set(admin.auth).set('x-request-id', 'card-read-1');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id, fullName: 'Смирнов Иван Петрович', snils: SNILS, classId: c6, className: '6А', status: 'studying',
        guardians: [{ id: parent.guardianId, fullName: 'Родителева Тест', relation: 'mother', phone: '+79001112233' }],
        enrolments: [
          { classId, className: '5А', startsOn: '2026-09-01', endsOn: '2026-10-31' },
          { classId: c6, className: '6А', startsOn: '2026-11-01', endsOn: null },
        ] });
      const reads = await audit(school.id, 'student.card.read');
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'student', entity_id: id,
        request_id: 'card-read-1' });
      expect(JSON.stringify(reads[0])).not.toContain(SNILS_DIGITS);
    });

    it('R-AUD-06 R-SEC-02 the class teacher reads the card of a student of their own class (logged) but gets 403 for another class', async () => {
      const { school, yearId, classId } = await world();
      const ct = await t.make.staff(school.id, ['teacher', 'class_teacher']);
      await t.db.query(`UPDATE classes SET class_teacher_id = $2 WHERE id = $1`, [classId, ct.personId]);
      const otherClass = await t.make.schoolClass(school.id, yearId, 5, 'Б');
      const mine = await t.make.student(school.id, classId);
      const notMine = await t.make.student(school.id, otherClass);

      const res = await t.http.get(`/api/v1/students/${mine.id}`).set(ct.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: mine.id, classId, className: '5А' });
      expect(await audit(school.id, 'student.card.read')).toEqual([
        expect.objectContaining({ actor_user_id: await userIdOf(ct.login), actor_role: 'class_teacher', entity_id: mine.id }),
      ]);
      expectProblem(await t.http.get(`/api/v1/students/${notMine.id}`).set(ct.auth), 403);
      expect(await audit(school.id, 'student.card.read')).toHaveLength(1);
    });

    it('R-SEC-02 a subject teacher gets 403; director and deputy read the card', async () => {
      const { school, classId } = await world();
      const s = await t.make.student(school.id, classId);
      const teacher = await t.make.staff(school.id, ['teacher']);
      expectProblem(await t.http.get(`/api/v1/students/${s.id}`).set(teacher.auth), 403);
      for (const role of ['director', 'deputy'] as const) {
        const user = await t.make.staff(school.id, [role]);
        expect((await t.http.get(`/api/v1/students/${s.id}`).set(user.auth)).status).toBe(200);
      }
      expect((await audit(school.id, 'student.card.read')).map((e) => e.actor_role)).toEqual(['director', 'deputy']);
    });

    it('R-SEC-02 another school\'s student or an unknown id answers 404; a parent of the school cannot probe cards', async () => {
      const { school, classId } = await world();
      const s = await t.make.student(school.id, classId);
      const sibling = await t.make.student(school.id, classId);
      const parent = await t.make.parent(school.id, [sibling.id]);
      const other = await world();
      expectProblem(await t.http.get(`/api/v1/students/${s.id}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/students/${UNKNOWN}`).set(other.admin.auth), 404);
      expectProblem(await t.http.get(`/api/v1/students/${s.id}`).set(parent.auth), 404);
      expectProblem(await t.http.get('/api/v1/students/123').set(other.admin.auth), 400);
      expect(await audit(school.id, 'student.card.read')).toHaveLength(0);
    });
  });

  describe('PATCH /students/{id}', () => {
    it('R-ROS-03 R-AUD-01 the admin corrects the card; person and student rows change, audit has before/after without SNILS', async () => {
      const { school, admin, classId } = await world();
      const created = await t.http.post('/api/v1/students').set(admin.auth).send(newStudent(school.id, classId));
      const id = created.body.id;
      const res = await t.http.patch(`/api/v1/students/${id}`).set(admin.auth).set('x-request-id', 'st-upd-1').send({
        lastName: 'Смирнова', firstName: 'Ирина', middleName: '', gender: 'female', birthDate: '2015-04-01', snils: SNILS2,
        address: 'г. Тверь, ул. Новая, 2', personalFileNumber: 'Л-126', version: 1, reason: 'Исправление ошибки ввода',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id, lastName: 'Смирнова', firstName: 'Ирина', middleName: null, fullName: 'Смирнова Ирина',
        gender: 'female', birthDate: '2015-04-01', snils: SNILS2, address: 'г. Тверь, ул. Новая, 2', personalFileNumber: 'Л-126', version: 2 });
      const [person] = await t.db.query(`SELECT last_name, first_name, middle_name, gender, birth_date::text FROM persons WHERE id = $1`, [created.body.personId]);
      expect(person).toEqual({ last_name: 'Смирнова', first_name: 'Ирина', middle_name: null, gender: 'female', birth_date: '2015-04-01' });
      const [row] = await t.db.query(`SELECT address, personal_file_number, snils_encrypted, version FROM students WHERE id = $1`, [id]);
      expect(row).toMatchObject({ address: 'г. Тверь, ул. Новая, 2', personal_file_number: 'Л-126', version: 2 });
      expect(row.snils_encrypted).not.toContain(SNILS2_DIGITS);

      const [e] = await audit(school.id, 'student.update');
      expect(e).toMatchObject({ actor_user_id: await userIdOf(admin.login), actor_role: 'admin', entity: 'student', entity_id: id,
        reason: 'Исправление ошибки ввода', request_id: 'st-upd-1' });
      expect(e.before).toMatchObject({ lastName: 'Смирнов', gender: 'male', hasSnils: true, version: 1 });
      expect(e.after).toMatchObject({ lastName: 'Смирнова', gender: 'female', hasSnils: true, snilsChanged: true, version: 2 });
      const text = await auditText();
      for (const digits of [SNILS_DIGITS, SNILS2_DIGITS, '087-654-303', '112-233-445']) expect(text).not.toContain(digits);
    });

    it('R-API-03 a change of the name alone bumps the version, so a stale copy then gets 412', async () => {
      const { school, admin, classId } = await world();
      const s = await t.make.student(school.id, classId);
      const first = await t.http.patch(`/api/v1/students/${s.id}`).set(admin.auth).send({ lastName: 'Переименов', version: 1 });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      expect(first.body).toMatchObject({ lastName: 'Переименов', version: 2 });
      const stale = expectProblem(await t.http.patch(`/api/v1/students/${s.id}`).set(admin.auth).send({ firstName: 'Затёр', version: 1 }), 412);
      expect(stale.type).toBe('/problems/stale-version');
      expect((await t.db.query(`SELECT last_name, first_name FROM persons WHERE id = $1`, [s.personId]))[0])
        .toEqual({ last_name: 'Переименов', first_name: 'Пётр' });
      expect(await audit(school.id, 'student.update')).toHaveLength(1);
    });

    it.each([
      ['missing version', { lastName: 'Новый' }, 'version'],
      ['birthDate 2015-02-30', { birthDate: '2015-02-30', version: 1 }, 'birthDate'],
      ['gender "x"', { gender: 'x', version: 1 }, 'gender'],
      ['SNILS with a wrong checksum', { snils: '112-233-445 96', version: 1 }, 'snils'],
      ['empty lastName', { lastName: '', version: 1 }, 'lastName'],
      ['class cannot be changed here (unknown field)', { classId: UNKNOWN, version: 1 }, 'classId'],
    ])('R-API-03 %s answers 400 naming the field; nothing changes', async (_name, body, field) => {
      const { school, admin, classId } = await world();
      const s = await t.make.student(school.id, classId);
      expectProblem(await t.http.patch(`/api/v1/students/${s.id}`).set(admin.auth).send(body), 400, field);
      expect((await t.db.query(`SELECT version FROM students WHERE id = $1`, [s.id]))[0].version).toBe(1);
      expect((await t.db.query(`SELECT last_name FROM persons WHERE id = $1`, [s.personId]))[0].last_name).toBe('Учеников');
      expect(await audit(school.id)).toHaveLength(0);
    });

    it('R-ROS-03 a SNILS already used by another student of the school answers 409; nothing changes', async () => {
      const { school, admin, classId } = await world();
      expect((await t.http.post('/api/v1/students').set(admin.auth).send(newStudent(school.id, classId))).status).toBe(201);
      const s = await t.make.student(school.id, classId);
      expectProblem(await t.http.patch(`/api/v1/students/${s.id}`).set(admin.auth).send({ lastName: 'Другой', snils: SNILS, version: 1 }), 409);
      expect((await t.db.query(`SELECT last_name FROM persons WHERE id = $1`, [s.personId]))[0].last_name).toBe('Учеников');
      expect(await audit(school.id, 'student.update')).toHaveLength(0);
    });

    it.each([['deputy'], ['director'], ['teacher'], ['class_teacher']] as const)(
      'R-SEC-02 a %s may not edit a card (403)', async (role) => {
        const { school, classId } = await world();
        const user = await t.make.staff(school.id, [role]);
        if (role === 'class_teacher') await t.db.query(`UPDATE classes SET class_teacher_id = $2 WHERE id = $1`, [classId, user.personId]);
        const s = await t.make.student(school.id, classId);
        expectProblem(await t.http.patch(`/api/v1/students/${s.id}`).set(user.auth).send({ lastName: 'Новый', version: 1 }), 403);
        expect((await t.db.query(`SELECT last_name FROM persons WHERE id = $1`, [s.personId]))[0].last_name).toBe('Учеников');
        expect(await audit(school.id)).toHaveLength(0);
      });

    it('R-SEC-02 another school\'s student or an unknown id answers 404', async () => {
      const { school, classId } = await world();
      const s = await t.make.student(school.id, classId);
      const other = await world();
      expectProblem(await t.http.patch(`/api/v1/students/${s.id}`).set(other.admin.auth).send({ lastName: 'Новый', version: 1 }), 404);
      expectProblem(await t.http.patch(`/api/v1/students/${UNKNOWN}`).set(other.admin.auth).send({ lastName: 'Новый', version: 1 }), 404);
      expect((await t.db.query(`SELECT last_name FROM persons WHERE id = $1`, [s.personId]))[0].last_name).toBe('Учеников');
    });
  });
});
