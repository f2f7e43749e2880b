import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/log/audit.service';
import { PiiCipher } from '../../src/platform/auth/crypto';
import { loadConfig } from '../../src/platform/config/config';
import { createApp } from '../../src/platform/bootstrap';
import { dataSourceOptions } from '../../src/platform/database/data-source';
import { seedDemoIfEmpty } from '../../src/seed/demo-seed';
import { createTestDatabase } from '../support/test-app';
import { TEST_ENV } from '../support/test-env';

interface DemoLogin {
  role: string;
  login: string;
  password: string;
  note: string;
}

const DEMO_LOGINS: DemoLogin[] = JSON.parse(readFileSync(resolve(__dirname, '../../../../scripts/demo-logins.json'), 'utf8'));
const TABLES = ['schools', 'persons', 'users', 'employments', 'academic_years', 'classes', 'students', 'enrolments', 'movements',
  'guardians', 'guardianships', 'interested_persons', 'subgroups', 'subgroup_members', 'audit_events', 'audit_chain_heads'];

/** Independent check of the SNILS control number (Pension Fund rules). */
function validSnils(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (9 - i);
  const control = sum < 100 ? sum : sum <= 101 ? 0 : (sum % 101) % 100;
  return control === Number(digits.slice(9));
}

describe('demo seed (DESIGN "Demo data")', () => {
  const config = loadConfig({ ...TEST_ENV });
  let database: { url: string; drop: () => Promise<void> };
  let db: DataSource;
  let schoolId: string;
  let seedMs: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = Date.now();
    await seedDemoIfEmpty(database.url, config);
    seedMs = Date.now() - started;
    db = new DataSource(dataSourceOptions(database.url, 4));
    await db.initialize();
    [{ id: schoolId }] = await db.query(`SELECT id FROM schools`);
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  const one = async (sql: string, params: unknown[] = []) => (await db.query(sql, params))[0];
  const counts = async () => Object.fromEntries(
    await Promise.all(TABLES.map(async (t) => [t, (await one(`SELECT count(*)::int AS n FROM ${t}`)).n as number])));

  it('seeds within the start-up budget (< 20 s)', () => {
    expect(seedMs).toBeLessThan(20_000);
  });

  it('R-ROS-01 seeds one school in Тверь on Moscow time, with a closed last year and an open current year (R-CUR-01)', async () => {
    const schools = await db.query(`SELECT name, short_name, address, time_zone FROM schools`);
    expect(schools).toEqual([{ name: 'МБОУ «Средняя общеобразовательная школа № 17»', short_name: 'СОШ № 17',
      address: expect.stringContaining('г. Тверь'), time_zone: 'Europe/Moscow' }]);
    const years = await db.query(`SELECT name, starts_on::text, ends_on::text, status FROM academic_years ORDER BY starts_on`);
    expect(years).toEqual([
      { name: '2025/2026', starts_on: '2025-09-01', ends_on: '2026-05-26', status: 'closed' },
      { name: '2026/2027', starts_on: '2026-09-01', ends_on: '2027-05-26', status: 'open' },
    ]);
  });

  it('R-ROS-06 creates 1А–11Б this year (22 classes) and 1А–10Б last year, each with a class teacher who holds that role', async () => {
    const current = await db.query(
      `SELECT c.grade, c.letter, c.class_teacher_id, e.roles FROM classes c JOIN academic_years y ON y.id = c.academic_year_id
         LEFT JOIN employments e ON e.person_id = c.class_teacher_id AND e.school_id = c.school_id
        WHERE y.status = 'open' ORDER BY c.grade, c.letter`);
    expect(current).toHaveLength(22);
    expect(current.map((c: { grade: number; letter: string }) => `${c.grade}${c.letter}`).slice(0, 4)).toEqual(['1А', '1Б', '2А', '2Б']);
    for (const c of current) expect(c.roles).toEqual(expect.arrayContaining(['teacher', 'class_teacher']));
    expect(new Set(current.map((c: { class_teacher_id: string }) => c.class_teacher_id)).size).toBe(22);
    const previous = await one(`SELECT count(*)::int AS n, count(class_teacher_id)::int AS led, max(grade) AS top
      FROM classes c JOIN academic_years y ON y.id = c.academic_year_id WHERE y.status = 'closed'`);
    expect(previous).toEqual({ n: 20, led: 20, top: 10 });
  });

  it('R-ROS-03 seeds 450–550 studying students, 21–25 per class, with birth years matching the grade', async () => {
    const perClass: { grade: number; n: number; min_year: number; max_year: number }[] = await db.query(
      `SELECT c.grade, count(*)::int AS n, min(extract(year FROM p.birth_date))::int AS min_year, max(extract(year FROM p.birth_date))::int AS max_year
         FROM enrolments en JOIN classes c ON c.id = en.class_id JOIN students s ON s.id = en.student_id JOIN persons p ON p.id = s.person_id
        WHERE en.ends_on IS NULL GROUP BY c.id, c.grade`);
    const total = perClass.reduce((s, c) => s + c.n, 0);
    expect(total).toBeGreaterThanOrEqual(450);
    expect(total).toBeLessThanOrEqual(550);
    for (const c of perClass) {
      expect(c.n).toBeGreaterThanOrEqual(21);
      expect(c.n).toBeLessThanOrEqual(25);
      expect(c.max_year).toBe(2020 - c.grade);
      expect(c.min_year).toBeGreaterThanOrEqual(2019 - c.grade);
    }
    expect(await one(`SELECT count(*)::int AS n FROM students WHERE status = 'studying'`)).toEqual({ n: total });
    const firstGrader = await one(`SELECT p.birth_date::text AS born FROM students s JOIN persons p ON p.id = s.person_id
      JOIN enrolments en ON en.student_id = s.id AND en.ends_on IS NULL JOIN classes c ON c.id = en.class_id WHERE c.grade = 1 LIMIT 1`);
    expect(firstGrader.born).toMatch(/^(2019|2018-(09|1[0-2]))-/);
    // Realistic names: patronymic and surname agree with the gender.
    const mismatched = await one(`SELECT count(*)::int AS n FROM students s JOIN persons p ON p.id = s.person_id
      WHERE (p.gender = 'female' AND p.middle_name NOT LIKE '%на') OR (p.gender = 'male' AND p.middle_name NOT LIKE '%ич')
         OR (p.gender = 'female' AND p.last_name ~ '(ов|ев|ёв|ин)$')`);
    expect(mismatched.n).toBe(0);
    expect(await one(`SELECT count(*)::int AS n FROM students WHERE personal_file_number IS NULL OR address IS NULL`)).toEqual({ n: 0 });
  });

  it('R-ROS-08 keeps each student\'s history: one current enrolment, last year\'s class for grades 2–11, and dated orders', async () => {
    expect(await one(`SELECT count(*)::int AS n FROM students s
      WHERE (SELECT count(*) FROM enrolments e WHERE e.student_id = s.id AND e.ends_on IS NULL) <> 1`)).toEqual({ n: 0 });
    const history = await one(`SELECT count(*)::int AS n FROM enrolments e JOIN classes c ON c.id = e.class_id
      WHERE e.starts_on = '2025-09-01' AND e.ends_on = '2026-05-26'`);
    const notFirstGrade = await one(`SELECT count(*)::int AS n FROM enrolments e JOIN classes c ON c.id = e.class_id
      WHERE e.ends_on IS NULL AND c.grade >= 2`);
    expect(history.n).toBe(notFirstGrade.n);
    // Last year's class is the same letter one grade lower (5А ← 4А).
    expect(await one(`SELECT count(*)::int AS n FROM enrolments cur JOIN classes cc ON cc.id = cur.class_id
      JOIN enrolments prev ON prev.student_id = cur.student_id AND prev.ends_on IS NOT NULL JOIN classes pc ON pc.id = prev.class_id
      WHERE cur.ends_on IS NULL AND (pc.grade <> cc.grade - 1 OR pc.letter <> cc.letter)`)).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM students s
      WHERE NOT EXISTS (SELECT 1 FROM movements m WHERE m.student_id = s.id AND m.kind = 'enrol')`)).toEqual({ n: 0 });
    const firstGrade = await db.query(`SELECT DISTINCT m.kind, m.order_number, m.occurred_on::text FROM movements m
      JOIN classes c ON c.id = m.to_class_id JOIN academic_years y ON y.id = c.academic_year_id WHERE c.grade = 1 AND y.status = 'open'`);
    expect(firstGrade).toEqual([{ kind: 'enrol', order_number: '12-у от 28.08.2026', occurred_on: '2026-09-01' }]);
    // Grades 2–11 were promoted into this year's class from last year's.
    const promoted = await one(`SELECT count(*)::int AS n FROM movements m JOIN enrolments e ON e.student_id = m.student_id
      AND e.class_id = m.to_class_id AND e.ends_on IS NULL WHERE m.kind = 'promote' AND m.occurred_on = '2026-09-01'`);
    expect(promoted.n).toBe(notFirstGrade.n);
  });

  it('R-ROS-03 stores SNILS encrypted; it decrypts to a valid number that matches its lookup hash', async () => {
    const cipher = new PiiCipher(config.piiKey);
    const rows: { snils_encrypted: string; snils_hash: string }[] = await db.query(
      `SELECT snils_encrypted, snils_hash FROM students WHERE snils_encrypted IS NOT NULL`);
    expect(rows.length).toBeGreaterThanOrEqual(450);
    for (const r of rows.slice(0, 50)) {
      expect(r.snils_encrypted).toMatch(/^v1\./);
      const snils = cipher.decrypt(r.snils_encrypted);
      expect(validSnils(snils), snils).toBe(true);
      expect(cipher.lookupHash(snils)).toBe(r.snils_hash);
    }
    expect(new Set(rows.map((r) => r.snils_hash)).size).toBe(rows.length);
  });

  it('R-ROS-04 gives every student 1–2 parents with an access application checked by the journal administrator', async () => {
    const perStudent = await one(`SELECT min(n)::int AS lo, max(n)::int AS hi FROM
      (SELECT s.id, count(gs.guardian_id) AS n FROM students s LEFT JOIN guardianships gs ON gs.student_id = s.id GROUP BY s.id) x`);
    expect(perStudent).toEqual({ lo: 1, hi: 2 });
    const families = await one(`SELECT count(*) FILTER (WHERE n = 2)::int AS two, count(*)::int AS all FROM
      (SELECT guardian_id, count(*) AS n FROM guardianships GROUP BY guardian_id) x`);
    expect(families.two / families.all).toBeGreaterThan(0.05);
    expect(families.two / families.all).toBeLessThan(0.2);
    const admin = await one(`SELECT u.person_id FROM users u WHERE u.login = 'admin'`);
    expect(await one(`SELECT count(*)::int AS n FROM guardians g JOIN persons p ON p.id = g.person_id
      WHERE g.application_number IS NULL OR g.application_date IS NULL OR g.identity_document <> 'паспорт'
         OR g.identity_checked_by <> $1 OR g.identity_checked_at IS NULL OR p.phone !~ '^\\+7 9\\d\\d '`, [admin.person_id])).toEqual({ n: 0 });
  });

  it('R-ROS-02 seeds ≥ 35 staff with Russian positions; one deputy also teaches; the operator is there', async () => {
    const staff: { roles: string[]; position: string }[] = await db.query(`SELECT roles, position FROM employments`);
    expect(staff.length).toBeGreaterThanOrEqual(35);
    const withRoles = (...roles: string[]) => staff.filter((s) => roles.every((r) => s.roles.includes(r)));
    expect(withRoles('director')).toHaveLength(1);
    expect(withRoles('admin')).toHaveLength(1);
    expect(withRoles('operator')).toHaveLength(1);
    expect(withRoles('deputy').length).toBeGreaterThanOrEqual(2);
    expect(withRoles('deputy', 'teacher')).toHaveLength(1);
    expect(withRoles('class_teacher')).toHaveLength(22);
    expect(staff.map((s) => s.position)).toEqual(expect.arrayContaining(['Директор', 'Заместитель директора по УВР', 'Учитель математики']));
  });

  it('R-ROS-07 splits every class of grades 2–11 into two English groups, each student in exactly one, each with a teacher', async () => {
    const groups = await db.query(`SELECT sg.class_id, sg.name, sg.teacher_id, count(m.student_id)::int AS n
      FROM subgroups sg LEFT JOIN subgroup_members m ON m.subgroup_id = sg.id WHERE sg.subject_name = 'Иностранный язык'
      GROUP BY sg.id ORDER BY sg.class_id, sg.name`);
    expect(groups).toHaveLength(40);
    expect(groups.every((g: { teacher_id: string | null; n: number }) => g.teacher_id && g.n >= 10)).toBe(true);
    expect(await one(`SELECT count(*)::int AS n FROM enrolments e JOIN classes c ON c.id = e.class_id
      WHERE e.ends_on IS NULL AND c.grade >= 2 AND (SELECT count(*) FROM subgroup_members m JOIN subgroups sg ON sg.id = m.subgroup_id
        WHERE m.student_id = e.student_id AND sg.class_id = c.id) <> 1`)).toEqual({ n: 0 });
  });

  it('R-ROS-10 gives accounts to staff, parents and students of grades 5–11 only, with unique lower-case logins', async () => {
    const logins: { login: string }[] = await db.query(`SELECT login FROM users`);
    expect(logins.every((u) => /^[a-z0-9.]+$/.test(u.login))).toBe(true);
    expect(new Set(logins.map((u) => u.login)).size).toBe(logins.length);
    expect(await one(`SELECT count(*)::int AS n FROM employments e WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = e.person_id)`))
      .toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM guardians g WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = g.person_id)`))
      .toEqual({ n: 0 });
    const byGrade: { grade: number; with_account: number; total: number }[] = await db.query(
      `SELECT c.grade, count(u.id)::int AS with_account, count(*)::int AS total FROM enrolments e JOIN classes c ON c.id = e.class_id
         JOIN students s ON s.id = e.student_id LEFT JOIN users u ON u.person_id = s.person_id WHERE e.ends_on IS NULL GROUP BY c.grade`);
    for (const g of byGrade) expect(g.with_account, `grade ${g.grade}`).toBe(g.grade >= 5 ? g.total : 0);
  });

  it('R-ROS-05 the demo parent has children in 5А and 2Б and has designated the grandmother for the 5А child until 2027-05-31', async () => {
    const children = await db.query(`SELECT c.grade || c.letter AS class FROM users u JOIN guardians g ON g.person_id = u.person_id
      JOIN guardianships gs ON gs.guardian_id = g.id JOIN enrolments e ON e.student_id = gs.student_id AND e.ends_on IS NULL
      JOIN classes c ON c.id = e.class_id WHERE u.login = 'parent' ORDER BY c.grade DESC`);
    expect(children).toEqual([{ class: '5А' }, { class: '2Б' }]);
    const designation = await one(`SELECT ip.valid_until::text, ip.revoked_at, su.login AS student_login, pu.login AS designated_by
      FROM interested_persons ip JOIN users gu ON gu.person_id = ip.person_id JOIN students s ON s.id = ip.student_id
      JOIN users su ON su.person_id = s.person_id JOIN guardians g ON g.id = ip.designated_by JOIN users pu ON pu.person_id = g.person_id
      WHERE gu.login = 'grandma'`);
    expect(designation).toEqual({ valid_until: '2027-05-31', revoked_at: null, student_login: 'student', designated_by: 'parent' });
  });

  it('R-AUD-01/02 records the seed as one audit entry and the school\'s chain verifies', async () => {
    const events = await db.query(`SELECT seq::int, action, entity, entity_id, after FROM audit_events WHERE school_key = $1`, [schoolId]);
    expect(events).toEqual([{ seq: 1, action: 'demo.seed', entity: 'school', entity_id: schoolId,
      after: expect.objectContaining({ classes: 22, students: expect.any(Number), staff: expect.any(Number) }) }]);
    const result = await new AuditService(db).verify(schoolId);
    expect(result).toEqual({ schoolId, ok: true, checked: 1, firstBrokenSeq: null, problem: null });
  });

  it('does nothing on the second start: the existing school and all rows stay as they are', async () => {
    const before = await counts();
    await seedDemoIfEmpty(database.url, config);
    expect(await counts()).toEqual(before);
    expect(before.schools).toBe(1);
  });

  describe('through the API', () => {
    let app: NestFastifyApplication;
    let http: ReturnType<typeof request>;
    beforeAll(async () => {
      app = await createApp(config, database.url, { logger: false });
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      http = request(app.getHttpServer());
    });
    afterAll(() => app?.close());

    const signIn = async (login: string, password: string) => {
      const res = await http.post('/api/v1/auth/login').send({ login, password });
      expect(res.status, `${login}: ${JSON.stringify(res.body)}`).toBe(200);
      return { Authorization: `Bearer ${res.body.accessToken}` };
    };

    it('R-SEC-01 admin/admin123 signs in and the audit chain verifies through GET /audit/verify', async () => {
      const auth = await signIn('admin', 'admin123');
      const me = await http.get('/api/v1/me').set(auth);
      expect(me.body.memberships).toEqual([expect.objectContaining({ schoolId, schoolName: 'СОШ № 17', roles: ['admin'] })]);
      const verify = await http.get('/api/v1/audit/verify').query({ schoolId }).set(auth);
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ ok: true, checked: 1 });
    });

    it('R-SEC-02 every login of scripts/demo-logins.json signs in with the listed password and acts in its role', async () => {
      expect(DEMO_LOGINS.map((d) => d.login)).toEqual(
        expect.arrayContaining(['admin', 'director', 'deputy', 'teacher', 'parent', 'student', 'grandma', 'operator']));
      for (const d of DEMO_LOGINS) {
        const me = await http.get('/api/v1/me').set(await signIn(d.login, d.password));
        expect(me.body.memberships[0].roles, d.login).toContain(d.role);
      }
      const teacher = await http.get('/api/v1/me').set(await signIn('teacher', 'teacher123'));
      expect([...teacher.body.memberships[0].roles].sort()).toEqual(['class_teacher', 'teacher']);
      const parent = await http.get('/api/v1/me').set(await signIn('parent', 'parent123'));
      expect(parent.body.children.map((c: { className: string }) => c.className).sort()).toEqual(['2Б', '5А']);
      const grandma = await http.get('/api/v1/me').set(await signIn('grandma', 'grandma123'));
      expect(grandma.body.children).toEqual([expect.objectContaining({ relation: 'interested_person', className: '5А' })]);
    });

    it('R-SEC-01 other seeded accounts share the password demo12345', async () => {
      const [{ login }] = await db.query(`SELECT u.login FROM users u JOIN guardians g ON g.person_id = u.person_id
        WHERE u.login <> 'parent' ORDER BY u.login LIMIT 1`);
      await signIn(login, 'demo12345');
    });
  });
});
