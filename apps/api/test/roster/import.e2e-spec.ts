import ExcelJS from 'exceljs';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A valid SNILS for a number (checksum per the Pension Fund rules). */
function snils(n: number): string {
  const body = String(2_000_000 + n).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
  const control = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return `${body.slice(0, 3)}-${body.slice(3, 6)}-${body.slice(6)} ${String(control).padStart(2, '0')}`;
}

async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Лист1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('import and export (R-ROS-11)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function school() {
    const s = await t.make.school({ name: 'МБОУ СОШ № 7' });
    const admin = await t.make.staff(s.id, ['admin']);
    const yearId = await t.make.year(s.id, { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-31', status: 'open' });
    const c5a = await t.make.schoolClass(s.id, yearId, 5, 'А');
    const c5b = await t.make.schoolClass(s.id, yearId, 5, 'Б');
    return { school: s, admin, yearId, c5a, c5b };
  }
  type School = Awaited<ReturnType<typeof school>>;
  const csv = (x: School, kind: string, body: string | Buffer, dryRun: boolean | string = true) =>
    t.http.post(`/api/v1/imports/${kind}?schoolId=${x.school.id}&dryRun=${dryRun}`).set(x.admin.auth).set('content-type', 'text/csv').send(body);
  const count = async (sql: string, params: unknown[]) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  const studentsOf = (schoolId: string) => count(`students WHERE school_id = $1`, [schoolId]);
  const auditOf = (schoolId: string) => count(`audit_events WHERE school_key = $1`, [schoolId]);

  const BAD_STUDENTS = '\uFEFFФамилия;Имя;Отчество;Дата рождения;Пол;Класс;СНИЛС;Номер приказа\n'
    + 'Иванов;Иван;Иванович;14.03.2015;м;5А;112-233-445 95;12-у\n'
    + 'Петрова;Анна;;31.02.2015;ж;5А;;12-у\n'
    + 'Сидоров;Олег;;01.01.2015;м;5А;112-233-445 96;12-у\n'
    + '\n'
    + '"Кузнецова";"Мария";"";"2015-05-05";"female";"7В";"";"12-у"\n'
    + 'Иванов;Иван;Иванович;14.03.2015;м;5Б;;12-у\n'
    + ';Пётр;;01.01.2015;x;5Б;;\n';

  it('R-ROS-11 a dry run reports every bad row by line and field and writes nothing', async () => {
    const x = await school();
    const audits = await auditOf(x.school.id);
    const res = await csv(x, 'students', BAD_STUDENTS);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, total: 6, valid: 1, created: 0 });
    const errors = res.body.errors.map((e: { line: number; field: string }) => [e.line, e.field]);
    expect(errors).toEqual([[3, 'birthDate'], [4, 'snils'], [6, 'class'], [7, 'lastName'], [8, 'lastName'], [8, 'gender'], [8, 'orderNumber']]);
    expect(res.body.errors.find((e: { line: number }) => e.line === 7).message).toBe('duplicate student: same as line 2');
    expect(res.body.errors.find((e: { line: number }) => e.line === 6).message).toBe('no class 7В in 2026/2027');
    expect(await studentsOf(x.school.id)).toBe(0);
    expect(await auditOf(x.school.id)).toBe(audits);
  });

  it('R-ROS-11 a real import with any bad row answers 422 with the same report and writes nothing', async () => {
    const x = await school();
    const res = await csv(x, 'students', BAD_STUDENTS, false);
    const problem = expectProblem(res, 422);
    expect(problem).toMatchObject({ dryRun: false, total: 6, valid: 1, created: 0 });
    expect(problem.errors).toHaveLength(7);
    expect(problem.errors[0]).toMatchObject({ line: 3, field: 'birthDate' });
    expect(await studentsOf(x.school.id)).toBe(0);
    expect(await count(`persons WHERE last_name = 'Иванов'`, [])).toBe(0);
    expect(await auditOf(x.school.id)).toBe(0);
  });

  it('R-ROS-11 R-AUD-01 imports students in one transaction: cards, enrolments, movements, encrypted SNILS, audit entries', async () => {
    const x = await school();
    const file = 'lastName,firstName,middleName,birthDate,gender,class,snils,personalFileNumber,address,enrolledOn,orderNumber\n'
      + 'Иванов,Иван,Иванович,2015-03-14,male,5А,112-233-445 95,Л-1,"г. Тверь, ул. Советская, 1",,12-у\n'
      + 'Петрова,Анна,,05.05.2015,ж,5б,,,,15.09.2026,14-у\n';
    const res = await csv(x, 'students', file, false).set('x-request-id', 'import-students-1');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ dryRun: false, total: 2, valid: 2, created: 2, errors: [] });

    const rows = await t.db.query(
      `SELECT p.last_name, p.birth_date::text, p.gender, s.snils_encrypted, s.snils_hash, s.address, s.personal_file_number, s.status,
              c.grade || c.letter AS class, e.starts_on::text, m.kind, m.order_number, m.occurred_on::text
         FROM students s JOIN persons p ON p.id = s.person_id JOIN enrolments e ON e.student_id = s.id JOIN classes c ON c.id = e.class_id
         JOIN movements m ON m.student_id = s.id WHERE s.school_id = $1 ORDER BY p.last_name`, [x.school.id]);
    expect(rows).toMatchObject([
      { last_name: 'Иванов', birth_date: '2015-03-14', gender: 'male', address: 'г. Тверь, ул. Советская, 1', personal_file_number: 'Л-1',
        status: 'studying', class: '5А', starts_on: '2026-09-01', kind: 'enrol', order_number: '12-у', occurred_on: '2026-09-01' },
      { last_name: 'Петрова', birth_date: '2015-05-05', gender: 'female', snils_encrypted: null, class: '5Б', starts_on: '2026-09-15', order_number: '14-у' },
    ]);
    expect(rows[0].snils_encrypted).toMatch(/^v1\./);
    expect(rows[0].snils_encrypted).not.toContain('11223344595');

    const audit: { action: string; request_id: string; after: Record<string, unknown> }[] = await t.db.query(
      `SELECT action, request_id, after FROM audit_events WHERE school_key = $1 ORDER BY seq`, [x.school.id]);
    expect(audit.map((e) => e.action)).toEqual(['student.create', 'student.create', 'import.students']);
    expect(audit.every((e) => e.request_id === 'import-students-1')).toBe(true);
    expect(audit[0].after).toMatchObject({ lastName: 'Иванов', className: '5А', hasSnils: true,
      enrolment: { startsOn: '2026-09-01' }, movement: { kind: 'enrol', orderNumber: '12-у' } });
    expect(JSON.stringify(audit)).not.toMatch(/11223344595|112-233-445/);
    expect(audit[2].after).toMatchObject({ kind: 'students', format: 'csv', total: 2, created: 2 });
    expect((await t.http.get(`/api/v1/audit/verify?schoolId=${x.school.id}`).set(x.admin.auth)).body.ok).toBe(true);

    // The same file again: every row is already there.
    const again = await csv(x, 'students', file, false);
    expect(expectProblem(again, 422).errors.map((e: { line: number; field: string }) => [e.line, e.field]))
      .toEqual([[2, 'lastName'], [2, 'snils'], [3, 'lastName']]);
    expect(await studentsOf(x.school.id)).toBe(2);
  });

  it('R-ROS-11 imports 1,000 students within a few seconds, and exports them again without SNILS', async () => {
    const x = await school();
    const lines = ['Фамилия;Имя;Отчество;Дата рождения;Пол;Класс;СНИЛС;Номер приказа'];
    for (let i = 0; i < 1000; i++) {
      lines.push(`Ученик${String.fromCharCode(1072 + (i % 32))};Имя${String.fromCharCode(1072 + Math.floor(i / 32) % 32)};Отчество;`
        + `${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.${2010 + (i % 6)};${i % 2 ? 'ж' : 'м'};${i % 2 ? '5А' : '5Б'};${snils(i)};1-у`);
    }
    const started = Date.now();
    const res = await csv(x, 'students', lines.join('\r\n'), false);
    const took = Date.now() - started;
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
    expect(res.body).toMatchObject({ total: 1000, valid: 1000, created: 1000 });
    expect(took).toBeLessThan(10_000);
    console.info(`R-ROS-11: 1,000 students imported in ${took} ms`);
    expect(await studentsOf(x.school.id)).toBe(1000);
    expect(await count(`movements WHERE school_id = $1 AND kind = 'enrol'`, [x.school.id])).toBe(1000);

    const exported = await t.http.get(`/api/v1/exports/students?schoolId=${x.school.id}`).set(x.admin.auth).responseType('blob');
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^text\/csv/);
    const text = (exported.body as Buffer).toString('utf8').replace(/^\uFEFF/, '');
    const out = text.trim().split('\r\n');
    expect(out).toHaveLength(1001);
    expect(out[0]).toBe('lastName;firstName;middleName;birthDate;gender;class;personalFileNumber;address;enrolledOn;orderNumber');
    expect(text).not.toMatch(/\d{3}-\d{3}-\d{3} \d{2}/);
    const [e] = await t.db.query(`SELECT action, after FROM audit_events WHERE school_key = $1 AND entity = 'export'`, [x.school.id]);
    expect(e).toMatchObject({ action: 'export.students', after: { kind: 'students', format: 'csv', rows: 1000, includeSnils: false } });
  });

  it('R-ROS-11 R-AUD-06 SNILS is exported only to the admin who asks, and that access is logged', async () => {
    const x = await school();
    await csv(x, 'students', 'lastName;firstName;birthDate;gender;class;snils;orderNumber\nИванов;Иван;2015-03-14;м;5А;11223344595;1\n', false).expect(201);
    const res = await t.http.get(`/api/v1/exports/students?schoolId=${x.school.id}&includeSnils=true&format=xlsx`).set(x.admin.auth).responseType('blob');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="students-\d{4}-\d\d-\d\d\.xlsx"$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toContain('snils');
    expect(ws.getRow(2).values).toContain('112-233-445 95');
    const [logged] = await t.db.query(`SELECT action, actor_role, reason, after FROM audit_events WHERE school_key = $1 AND entity = 'export'`, [x.school.id]);
    expect(logged).toMatchObject({ action: 'export.students.snils', actor_role: 'admin', reason: 'Выгрузка обучающихся со СНИЛС',
      after: { includeSnils: true, rows: 1 } });

    const operator = await t.make.staff(x.school.id, ['operator']);
    expectProblem(await t.http.get(`/api/v1/exports/students?schoolId=${x.school.id}&includeSnils=true`).set(operator.auth), 403);
    expect((await t.http.get(`/api/v1/exports/students?schoolId=${x.school.id}`).set(operator.auth)).status).toBe(200);
    expectProblem(await t.http.get(`/api/v1/exports/staff?schoolId=${x.school.id}&includeSnils=true`).set(x.admin.auth), 400, 'includeSnils');
  });

  it('R-ROS-11 imports staff from an XLSX upload: accounts with one-time passwords that work, roles in Russian', async () => {
    const x = await school();
    const taken = await t.make.staff(x.school.id, ['teacher']);
    const file = await xlsx([
      ['Фамилия', 'Имя', 'Отчество', 'Роли', 'Должность', 'Дата приёма', 'Логин', 'Телефон'],
      ['Кузнецова', 'Ольга', 'Игоревна', 'Учитель, Классный руководитель', 'Учитель математики', new Date(Date.UTC(2026, 7, 25)), '', '+7 900 123-45-67'],
      ['Орлов', 'Виктор', '', 'teacher', 'Учитель физики', '25.08.2026', 'orlov.v', ''],
    ]);
    const post = (dryRun: boolean) => t.http.post(`/api/v1/imports/staff?schoolId=${x.school.id}&dryRun=${dryRun}`).set(x.admin.auth)
      .attach('file', file, { filename: 'сотрудники.xlsx', contentType: XLSX_MIME });
    const dry = await post(true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toEqual({ dryRun: true, total: 2, valid: 2, created: 0, errors: [] });
    expect(await count(`employments WHERE school_id = $1`, [x.school.id])).toBe(2);

    const res = await post(false);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.accounts).toMatchObject([
      { line: 2, fullName: 'Кузнецова Ольга Игоревна', login: 'kuznetsova.oi', initialPassword: expect.any(String) },
      { line: 3, fullName: 'Орлов Виктор', login: 'orlov.v' },
    ]);
    const [emp] = await t.db.query(`SELECT e.roles, e.position, e.starts_on::text, p.phone, u.must_change_password FROM employments e
      JOIN persons p ON p.id = e.person_id JOIN users u ON u.person_id = p.id WHERE p.last_name = 'Кузнецова' AND e.school_id = $1`, [x.school.id]);
    expect(emp).toEqual({ roles: ['teacher', 'class_teacher'], position: 'Учитель математики', starts_on: '2026-08-25', phone: '+7 900 123-45-67',
      must_change_password: true });
    const login = await t.http.post('/api/v1/auth/login').send({ login: 'orlov.v', password: res.body.accounts[1].initialPassword });
    expect(login.status).toBe(200);
    const audit = await t.db.query(`SELECT action, after FROM audit_events WHERE school_key = $1 ORDER BY seq`, [x.school.id]);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['staff.create', 'staff.create', 'import.staff']);
    expect(JSON.stringify(audit)).not.toContain(res.body.accounts[0].initialPassword);

    const bad = await t.http.post(`/api/v1/imports/staff?schoolId=${x.school.id}`).set(x.admin.auth).attach('file', await xlsx([
      ['lastName', 'firstName', 'roles', 'position', 'startsOn', 'login'],
      ['Новиков', 'Пётр', 'operator', 'Оператор', '2026-08-25', ''],
      ['Смирнов', 'Иван', 'teacher', 'Учитель', '2026-08-25', taken.login],
      ['Орлов', 'Виктор', 'teacher', 'Учитель', '2026-08-25', 'orlov.v2'],
    ]), { filename: 'staff.xlsx', contentType: XLSX_MIME });
    expect(bad.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([[2, 'roles'], [3, 'login'], [4, 'lastName']]);

    // The XLSX export reads back as an import (raw XLSX body): every employee is already there.
    const exported = await t.http.get(`/api/v1/exports/staff?schoolId=${x.school.id}&format=xlsx`).set(x.admin.auth).responseType('blob');
    expect(exported.status).toBe(200);
    const back = await t.http.post(`/api/v1/imports/staff?schoolId=${x.school.id}`).set(x.admin.auth).set('content-type', XLSX_MIME).send(exported.body);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body).toMatchObject({ total: 4, valid: 0 });
    expect(back.body.errors.filter((e: { message: string }) => /already works at this school/.test(e.message))).toHaveLength(4);
  });

  it('R-ROS-11 imports parents: one parent with two children, an existing parent reused by name and phone, unknown children reported', async () => {
    const x = await school();
    const ivan = await t.make.student(x.school.id, x.c5a, { lastName: 'Иванов', firstName: 'Иван' });
    const olga = await t.make.student(x.school.id, x.c5b, { lastName: 'Иванова', firstName: 'Ольга' });
    const twin1 = await t.make.student(x.school.id, x.c5b, { lastName: 'Близнецов', firstName: 'Антон' });
    await t.make.student(x.school.id, x.c5b, { lastName: 'Близнецов', firstName: 'Антон' });
    await t.db.query(`UPDATE persons SET birth_date = '2015-01-01' WHERE id = (SELECT person_id FROM students WHERE id = $1)`, [twin1.id]);
    const father = await t.make.person({ lastName: 'Иванов', firstName: 'Сергей' });
    await t.db.query(`UPDATE persons SET phone = '+7 (900) 111-22-33' WHERE id = $1`, [father]);
    await t.db.query(`INSERT INTO guardians (id, school_id, person_id) VALUES (gen_random_uuid(), $1, $2)`, [x.school.id, father]);

    const header = 'lastName;firstName;middleName;phone;relation;studentLastName;studentFirstName;studentBirthDate;studentClass;applicationNumber\n';
    const bad = await csv(x, 'parents', `${header}Петрова;Анна;;;мать;Сидоров;Олег;;5А;\nБлизнецова;Нина;;;мать;Близнецов;Антон;;5Б;\n`);
    expect(bad.body.errors.map((e: { line: number; field: string; message: string }) => [e.line, e.field, e.message])).toEqual([
      [2, 'studentLastName', 'no student Сидоров Олег in 5А'],
      [3, 'studentLastName', 'several students Близнецов Антон in 5Б: add studentMiddleName or studentBirthDate'],
    ]);

    const file = `${header}Иванова;Мария;Петровна;+79001234567;мать;Иванов;Иван;;5А;З-1\n`
      + 'Иванова;Мария;Петровна;+79001234567;мать;Иванова;Ольга;;5б;З-1\n'
      + 'Иванов;Сергей;;8 900 111-22-33;отец;Иванов;Иван;;5А;\n'
      + 'Иванов;Сергей;;+79001112233;father;Иванова;Ольга;;5Б;\n'
      + 'Близнецова;Нина;;;mother;Близнецов;Антон;01.01.2015;5Б;\n';
    const res = await csv(x, 'parents', file, false);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ total: 5, valid: 5, created: 5 });
    const links: { name: string; student_id: string; relation: string; application_number: string | null }[] = await t.db.query(
      `SELECT concat_ws(' ', p.last_name, p.first_name) AS name, gs.student_id, gs.relation, g.application_number
         FROM guardians g JOIN persons p ON p.id = g.person_id JOIN guardianships gs ON gs.guardian_id = g.id WHERE g.school_id = $1 ORDER BY 1, 2`,
      [x.school.id]);
    expect(await count(`guardians WHERE school_id = $1`, [x.school.id])).toBe(4);
    expect(links.filter((l) => l.name === 'Иванова Мария').map((l) => l.student_id).sort()).toEqual([ivan.id, olga.id].sort());
    expect(links.find((l) => l.name === 'Иванова Мария')).toMatchObject({ relation: 'mother', application_number: 'З-1' });
    expect(links.find((l) => l.name === 'Близнецова Нина')).toMatchObject({ student_id: twin1.id });
    // The father matched the existing parent by name and phone ("8 900 111-22-33" is not "+7 (900) 111-22-33": a second parent record).
    const fathers = await t.db.query(`SELECT g.id, count(gs.student_id)::int AS n FROM guardians g JOIN persons p ON p.id = g.person_id
      LEFT JOIN guardianships gs ON gs.guardian_id = g.id WHERE p.last_name = 'Иванов' AND g.school_id = $1 GROUP BY g.id ORDER BY n`, [x.school.id]);
    expect(fathers.map((f: { n: number }) => f.n)).toEqual([1, 1]);
    const actions = (await t.db.query(`SELECT action FROM audit_events WHERE school_key = $1 ORDER BY seq`, [x.school.id])).map((r: { action: string }) => r.action);
    expect(actions).toEqual(['guardian.create', 'guardian.create', 'guardian.link', 'guardian.create', 'import.parents']);

    const again = await csv(x, 'parents', file, false);
    expect(expectProblem(again, 422).errors.map((e: { line: number }) => e.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('R-ROS-11 imports classes of the open or a named year with their class teachers; duplicates and unknown teachers are reported', async () => {
    const x = await school();
    const teacher = await t.make.staff(x.school.id, ['teacher', 'class_teacher']);
    const plain = await t.make.staff(x.school.id, ['teacher']);
    const next = await t.make.year(x.school.id, { name: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31', status: 'planned' });
    const bad = await csv(x, 'classes', `grade,letter,classTeacherLogin\n5,А,\n6,A,${plain.login}\n6,а,\n12,Б,\n7,В,nobody\n`);
    expect(bad.body.errors.map((e: { line: number; field: string }) => [e.line, e.field]))
      .toEqual([[2, 'letter'], [3, 'classTeacherLogin'], [4, 'letter'], [5, 'grade'], [6, 'classTeacherLogin']]);
    const res = await csv(x, 'classes', `academicYear,grade,letter,classTeacherLogin\n,6,А,${teacher.login}\n2027/2028,6,А,\n2027/2028,11,Б,\n`, false);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const rows = await t.db.query(`SELECT academic_year_id, grade || letter AS name, class_teacher_id FROM classes WHERE school_id = $1 ORDER BY 2, 1`, [x.school.id]);
    expect(rows).toEqual(expect.arrayContaining([
      { academic_year_id: x.yearId, name: '6А', class_teacher_id: teacher.personId },
      { academic_year_id: next, name: '6А', class_teacher_id: null },
      { academic_year_id: next, name: '11Б', class_teacher_id: null },
    ]));
    expect(await count(`audit_events WHERE school_key = $1 AND action = 'class.create'`, [x.school.id])).toBe(3);
    const exported = await t.http.get(`/api/v1/exports/classes?schoolId=${x.school.id}`).set(x.admin.auth).responseType('blob');
    expect((exported.body as Buffer).toString('utf8')).toContain(`2026/2027;6;А;${teacher.login}`);
  });

  it('R-ROS-11 all or nothing: a failure while writing rolls back every row', async () => {
    const x = await school();
    await t.db.query(`CREATE OR REPLACE FUNCTION refuse_order() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.order_number = 'FAIL' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_order BEFORE INSERT ON movements FOR EACH ROW EXECUTE FUNCTION refuse_order()`);
    try {
      const res = await csv(x, 'students', 'lastName;firstName;birthDate;gender;class;orderNumber\nА;Б;2015-01-01;м;5А;1\nВ;Г;2015-01-01;м;5А;FAIL\n', false);
      expect(res.status).toBe(500);
      expect(await studentsOf(x.school.id)).toBe(0);
      expect(await count(`persons WHERE last_name IN ('А', 'В')`, [])).toBe(0);
      expect(await auditOf(x.school.id)).toBe(0);
    } finally {
      await t.db.query(`DROP TRIGGER refuse_order ON movements`);
    }
  });

  it('R-ROS-11 reports unknown and missing columns on the header line', async () => {
    const x = await school();
    const unknown = await csv(x, 'students', 'lastName;firstName;birthDate;gender;class;orderNumber;shoeSize\nИванов;Иван;2015-01-01;м;5А;1;38\n');
    expect(unknown.body).toMatchObject({ total: 1, valid: 1, errors: [{ line: 1, field: 'shoeSize' }] });
    expect(unknown.body.errors[0].message).toMatch(/^unknown column/);
    const missing = await csv(x, 'students', 'lastName;firstName;gender;class\nИванов;Иван;м;5А\n');
    expect(missing.body).toMatchObject({ total: 1, valid: 0 });
    expect(missing.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([[1, 'birthDate'], [1, 'orderNumber']]);
    const empty = await csv(x, 'classes', 'grade;letter\n', false);
    expect(expectProblem(empty, 422).errors).toEqual([{ line: 1, field: '', message: 'the file has no data rows' }]);
  });

  it('R-ROS-11 refuses files over 5 MB with 413 and other media types with 415', async () => {
    const x = await school();
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 'a');
    const body = expectProblem(await csv(x, 'students', big), 413);
    expect(body.detail).toMatch(/5 ?MB|large/i);
    expectProblem(await t.http.post(`/api/v1/imports/students?schoolId=${x.school.id}`).set(x.admin.auth)
      .attach('file', big, { filename: 'big.csv', contentType: 'text/csv' }), 413);
    expectProblem(await t.http.post(`/api/v1/imports/students?schoolId=${x.school.id}`).set(x.admin.auth).send({ rows: [] }), 415);
    expectProblem(await t.http.post(`/api/v1/imports/students?schoolId=${x.school.id}`).set(x.admin.auth)
      .attach('file', Buffer.from('x'), { filename: 'list.pdf', contentType: 'application/pdf' }), 415);
    expectProblem(await t.http.post(`/api/v1/imports/students?schoolId=${x.school.id}`).set(x.admin.auth)
      .attach('file', Buffer.from('not a workbook'), { filename: 'list.xlsx', contentType: XLSX_MIME }), 400, 'file');
  });

  it('R-API-03 answers 400 naming the field for a bad kind, dryRun, schoolId or format', async () => {
    const x = await school();
    const ok = 'grade;letter\n7;А\n';
    expectProblem(await t.http.post(`/api/v1/imports/teachers?schoolId=${x.school.id}`).set(x.admin.auth).set('content-type', 'text/csv').send(ok), 400, 'kind');
    expectProblem(await csv(x, 'classes', ok, 'maybe'), 400, 'dryRun');
    expectProblem(await t.http.post('/api/v1/imports/classes').set(x.admin.auth).set('content-type', 'text/csv').send(ok), 400, 'schoolId');
    expectProblem(await t.http.get(`/api/v1/exports/classes?schoolId=${x.school.id}&format=pdf`).set(x.admin.auth), 400, 'format');
    expectProblem(await t.http.get(`/api/v1/exports/pupils?schoolId=${x.school.id}`).set(x.admin.auth), 400, 'kind');
    expect(await count(`classes WHERE school_id = $1`, [x.school.id])).toBe(2);
  });

  it('R-SEC-02 only the admin or operator imports and exports: other roles 403, another school 404', async () => {
    const x = await school();
    const other = await t.make.school();
    const foreign = await t.make.staff(other.id, ['admin']);
    const ok = 'grade;letter\n7;А\n';
    for (const roles of [['director'], ['deputy'], ['teacher', 'class_teacher']] as const) {
      const who = await t.make.staff(x.school.id, [...roles]);
      expectProblem(await t.http.post(`/api/v1/imports/classes?schoolId=${x.school.id}&dryRun=false`).set(who.auth).set('content-type', 'text/csv').send(ok), 403);
      expectProblem(await t.http.get(`/api/v1/exports/students?schoolId=${x.school.id}`).set(who.auth), 403);
    }
    expectProblem(await t.http.post(`/api/v1/imports/classes?schoolId=${x.school.id}&dryRun=false`).set(foreign.auth).set('content-type', 'text/csv').send(ok), 404);
    expectProblem(await t.http.get(`/api/v1/exports/staff?schoolId=${x.school.id}`).set(foreign.auth), 404);
    expectProblem(await t.http.get(`/api/v1/exports/staff?schoolId=${x.school.id}`), 401);
    expect(await count(`classes WHERE school_id = $1`, [x.school.id])).toBe(2);
    const operator = await t.make.staff(x.school.id, ['operator']);
    expect((await t.http.post(`/api/v1/imports/classes?schoolId=${x.school.id}&dryRun=false`).set(operator.auth).set('content-type', 'text/csv').send(ok)).status)
      .toBe(201);
  });
});
