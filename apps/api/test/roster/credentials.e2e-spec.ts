import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';

/** pdftotext (Debian poppler-utils) reads the slips back; without it the text checks are skipped. */
const hasPdfToText = spawnSync('pdftotext', ['-v']).status === 0;
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'slips-'));
  try {
    writeFileSync(join(dir, 'slips.pdf'), pdf);
    // Lines wrap inside a slip: compare with whitespace collapsed.
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'slips.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** YYYY-MM-DD of `years` years ago (Moscow), shifted by `days`. */
function bornYearsAgo(years: number, days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
  const d = new Date(`${Number(today.slice(0, 4)) - years}${today.slice(4)}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('credentials slips (R-ROS-10)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /**
   * 9А with its class teacher: Андрей (15), Вера (14 tomorrow, so 13), Борис (16, has an account); the mother of Андрей
   * and Вера (no account), the father of Вера (has an account), and a teacher of the school who is Борис's parent.
   */
  async function classWithFamilies() {
    const school = await t.make.school({ name: 'МБОУ «Гимназия № 2»' });
    const admin = await t.make.staff(school.id, ['admin']);
    const classTeacher = await t.make.staff(school.id, ['teacher', 'class_teacher'], { lastName: 'Классова' });
    const yearId = await t.make.year(school.id, { status: 'open', startsOn: '2025-09-01', endsOn: '2026-05-31', name: '2025/2026' });
    const classId = await t.make.schoolClass(school.id, yearId, 9, 'А', classTeacher.personId);
    const andrey = await t.make.student(school.id, classId, { lastName: 'Андреев', firstName: 'Андрей' });
    const vera = await t.make.student(school.id, classId, { lastName: 'Андреева', firstName: 'Вера' });
    const boris = await t.make.student(school.id, classId, { lastName: 'Борисов', firstName: 'Борис' });
    await t.db.query(`UPDATE persons SET birth_date = $2 WHERE id = $1`, [andrey.personId, bornYearsAgo(15)]);
    await t.db.query(`UPDATE persons SET birth_date = $2 WHERE id = $1`, [vera.personId, bornYearsAgo(14, 1)]);
    await t.db.query(`UPDATE persons SET birth_date = $2 WHERE id = $1`, [boris.personId, bornYearsAgo(16)]);
    const borisAccount = await t.make.studentAccount(boris.personId);
    const mother = await t.make.person({ lastName: 'Андреева', firstName: 'Мария', middleName: 'Петровна' });
    const motherId = await guardian(school.id, mother, [andrey.id, vera.id]);
    const father = await t.make.parent(school.id, [vera.id]);
    const teacherParent = await t.make.staff(school.id, ['teacher'], { lastName: 'Учительница' });
    await guardian(school.id, teacherParent.personId, [boris.id]);
    return { school, admin, classTeacher, yearId, classId, andrey, vera, boris, borisAccount, mother, motherId, father, teacherParent };
  }
  async function guardian(schoolId: string, personId: string, studentIds: string[]): Promise<string> {
    const id = (await t.db.query(`INSERT INTO guardians (id, school_id, person_id) VALUES (gen_random_uuid(), $1, $2) RETURNING id`, [schoolId, personId]))[0].id;
    for (const s of studentIds) await t.db.query(`INSERT INTO guardianships (school_id, guardian_id, student_id) VALUES ($1, $2, $3)`, [schoolId, id, s]);
    return id;
  }
  const slips = (classId: string, auth: { Authorization: string }, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/classes/${classId}/credential-slips`).set(auth).send(body).responseType('blob');
  const hashOf = async (personId: string): Promise<string | undefined> =>
    (await t.db.query(`SELECT password_hash FROM users WHERE person_id = $1`, [personId]))[0]?.password_hash;
  const expectPdf = (res: request.Response) => {
    expect(res.status, res.status === 200 ? '' : Buffer.from(res.body).toString()).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="credentials-9a\.pdf"/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    return pdf;
  };

  it('R-ROS-10 the admin prints slips for parents without an account: accounts created, PDF with Cyrillic names, login works', async () => {
    const x = await classWithFamilies();
    const fatherHash = await hashOf(x.father.personId);
    const res = await slips(x.classId, x.admin.auth, { audience: 'parents', onlyMissing: true });
    const pdf = expectPdf(res);
    expect(res.headers['x-issued-count']).toBe('1');
    expect(res.headers['x-skipped-staff']).toBe('1');

    const [account] = await t.db.query(`SELECT id, login, must_change_password, status FROM users WHERE person_id = $1`, [x.mother]);
    expect(account).toMatchObject({ login: 'andreeva.mp', must_change_password: true, status: 'active' });
    expect(await hashOf(x.father.personId)).toBe(fatherHash);

    const audit: { action: string; entity: string; entity_id: string; after: Record<string, unknown>; reason: string }[] = await t.db.query(
      `SELECT action, entity, entity_id, after, reason FROM audit_events WHERE school_key = $1 ORDER BY seq`, [x.school.id]);
    expect(audit.map((e) => e.action)).toEqual(['account.create', 'credentials.issue']);
    expect(audit[0]).toMatchObject({ entity: 'account', entity_id: account.id,
      after: { personId: x.mother, login: 'andreeva.mp', audience: 'parent', classId: x.classId }, reason: 'Бланк учётных данных, класс 9А' });
    expect(audit[1].after).toMatchObject({ audience: 'parents', onlyMissing: true, issued: 1, created: 1, reset: 0, skippedStaff: 1 });

    if (!hasPdfToText) return;
    const text = pdfText(pdf);
    expect(text).toContain('МБОУ «Гимназия № 2»');
    expect(text).toContain('Андреева Мария Петровна');
    expect(text).toContain('Андреев Андрей, Андреева Вера');
    expect(text).toContain('andreeva.mp');
    expect(text).toContain('смените пароль');
    const password = /Одноразовый пароль:\s*(\S+)/.exec(text)![1];
    expect(JSON.stringify(audit)).not.toContain(password);
    const login = await t.http.post('/api/v1/auth/login').send({ login: 'andreeva.mp', password });
    expect(login.status, JSON.stringify(login.body)).toBe(200);
  });

  it('R-ROS-10 onlyMissing=false also resets existing parents\' passwords and revokes their sessions; staff parents are left alone', async () => {
    const x = await classWithFamilies();
    const fatherHash = await hashOf(x.father.personId);
    const teacherHash = await hashOf(x.teacherParent.personId);
    const res = await slips(x.classId, x.admin.auth, { audience: 'parents', onlyMissing: false });
    const pdf = expectPdf(res);
    expect(res.headers['x-issued-count']).toBe('2');
    expect(res.headers['x-skipped-staff']).toBe('1');
    expect(await hashOf(x.father.personId)).not.toBe(fatherHash);
    expect(await hashOf(x.teacherParent.personId)).toBe(teacherHash);
    const [father] = await t.db.query(`SELECT must_change_password FROM users WHERE person_id = $1`, [x.father.personId]);
    expect(father.must_change_password).toBe(true);
    expect((await t.http.get('/api/v1/me').set(x.father.auth)).status).toBe(401);
    const actions = (await t.db.query(`SELECT action FROM audit_events WHERE school_key = $1 ORDER BY seq`, [x.school.id])).map((r: { action: string }) => r.action);
    expect(actions.sort()).toEqual(['account.create', 'account.reset', 'credentials.issue']);
    if (hasPdfToText) expect(pdfText(pdf)).toContain(x.father.login);
  });

  it('R-ROS-10 students get slips only from age 14; the younger ones are counted in X-Skipped-Under-14', async () => {
    const x = await classWithFamilies();
    const res = await slips(x.classId, x.classTeacher.auth, { audience: 'students', onlyMissing: true });
    const pdf = expectPdf(res);
    expect(res.headers['x-skipped-under-14']).toBe('1');
    expect(res.headers['x-issued-count']).toBe('1');
    expect(await hashOf(x.andrey.personId)).toBeDefined();
    expect(await hashOf(x.vera.personId)).toBeUndefined();
    if (hasPdfToText) {
      const text = pdfText(pdf);
      expect(text).toContain('Андреев Андрей');
      expect(text).not.toContain('Андреева Вера');
    }
    const all = await slips(x.classId, x.admin.auth, { audience: 'all', onlyMissing: false });
    expectPdf(all);
    // Андрей and Борис (reset), the mother and the father; Вера skipped, the teacher-parent skipped.
    expect(all.headers['x-issued-count']).toBe('4');
    expect(all.headers['x-skipped-under-14']).toBe('1');
    expect(all.headers['access-control-expose-headers']).toContain('X-Skipped-Under-14');
  });

  it('R-ROS-10 answers 422 and writes nothing when nobody needs credentials', async () => {
    const x = await classWithFamilies();
    await t.db.query(`DELETE FROM guardianships WHERE guardian_id = $1`, [x.motherId]);
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE school_key = $1`, [x.school.id]))[0].n;
    const res = await t.http.post(`/api/v1/classes/${x.classId}/credential-slips`).set(x.admin.auth).send({ audience: 'parents', onlyMissing: true });
    expect(expectProblem(res, 422)).toMatchObject({ skippedStaff: 1 });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE school_key = $1`, [x.school.id]))[0].n).toBe(before);
  });

  it('R-SEC-02 the admin and this class\'s teacher issue; another class teacher, a teacher or the director 403; another school 404', async () => {
    const x = await classWithFamilies();
    const otherTeacher = await t.make.staff(x.school.id, ['teacher', 'class_teacher']);
    await t.make.schoolClass(x.school.id, x.yearId, 9, 'Б', otherTeacher.personId);
    const teacher = await t.make.staff(x.school.id, ['teacher']);
    const director = await t.make.staff(x.school.id, ['director']);
    const other = await t.make.school();
    const foreignAdmin = await t.make.staff(other.id, ['admin']);
    const body = { audience: 'parents', onlyMissing: true };
    for (const who of [otherTeacher, teacher, director]) expectProblem(await t.http.post(`/api/v1/classes/${x.classId}/credential-slips`).set(who.auth).send(body), 403);
    expectProblem(await t.http.post(`/api/v1/classes/${x.classId}/credential-slips`).set(x.father.auth).send(body), 403);
    expectProblem(await t.http.post(`/api/v1/classes/${x.classId}/credential-slips`).set(foreignAdmin.auth).send(body), 404);
    expectProblem(await t.http.post(`/api/v1/classes/0190a1b2-0000-7000-8000-000000000000/credential-slips`).set(x.admin.auth).send(body), 404);
    expectProblem(await t.http.post(`/api/v1/classes/${x.classId}/credential-slips`).send(body), 401);
    expect(await hashOf(x.mother)).toBeUndefined();
    expectPdf(await slips(x.classId, x.classTeacher.auth, body));
    expect(await hashOf(x.mother)).toBeDefined();
  });

  it('R-API-03 answers 400 naming the field for a bad audience, a missing onlyMissing or a bad id', async () => {
    const x = await classWithFamilies();
    const post = (id: string, b: Record<string, unknown>) => t.http.post(`/api/v1/classes/${id}/credential-slips`).set(x.admin.auth).send(b);
    expectProblem(await post(x.classId, { audience: 'teachers', onlyMissing: true }), 400, 'audience');
    expectProblem(await post(x.classId, { audience: 'parents' }), 400, 'onlyMissing');
    expectProblem(await post(x.classId, { audience: 'parents', onlyMissing: 'yes' }), 400, 'onlyMissing');
    expectProblem(await post('nope', { audience: 'parents', onlyMissing: true }), 400);
    expect(await hashOf(x.mother)).toBeUndefined();
  });
});
