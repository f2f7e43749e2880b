import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/platform/config/config';
import { createApp } from '../../src/platform/bootstrap';
import { seedDemoIfEmpty } from '../../src/seed/demo-seed';
import { createTestDatabase } from '../support/test-app';
import { TEST_ENV } from '../support/test-env';
import { binary, hasPdfToText, pdfText } from './packages-fixtures';

/** Issue 6 on the demo school: the closed previous year with its marks and archive; the whole-school summary sheet within 5 s. */
describe('demo school: the closed previous year and its archive (R-ARC-01, R-ARC-02, R-ARC-03, R-DIA-06)', () => {
  const config = loadConfig({ ...TEST_ENV });
  let database: { url: string; drop: () => Promise<void> };
  let app: NestFastifyApplication;
  let http: ReturnType<typeof request>;
  let db: DataSource;
  let seedMs: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = Date.now();
    await seedDemoIfEmpty(database.url, config);
    seedMs = Date.now() - started;
    app = await createApp(config, database.url, { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    http = request(app.getHttpServer());
    db = app.get(DataSource);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const signIn = async (login: string, password: string) => {
    const res = await http.post('/api/v1/auth/login').send({ login, password });
    expect(res.status, `${login}: ${JSON.stringify(res.body)}`).toBe(200);
    return { Authorization: `Bearer ${res.body.accessToken}` };
  };
  const previousYear = async () => (await db.query(`SELECT id, school_id AS "schoolId", status FROM academic_years WHERE name = '2025/2026'`))[0];

  it('last year\'s marks and archive add little to the start (< 10 s of the seed on a busy machine; the whole seed budget is checked by the seed\'s own test)', async () => {
    const [{ ms }] = await db.query(`SELECT (after->'previousYear'->>'ms')::int AS ms FROM audit_events WHERE action = 'demo.seed'`);
    console.log(`demo seed: ${(seedMs / 1000).toFixed(1)} s, of which the previous year ${(ms / 1000).toFixed(1)} s`);
    expect(ms).toBeLessThan(10_000);
  });

  it('R-ARC-01 last year is closed with all its periods; every current student of grades 3–11 has last year\'s annual and final marks', async () => {
    const y = await previousYear();
    expect(y.status).toBe('closed');
    const [{ open }] = await db.query(`SELECT count(*)::int AS open FROM study_periods WHERE academic_year_id = $1 AND status <> 'closed'`, [y.id]);
    expect(open).toBe(0);
    const [{ missing }] = await db.query(
      `SELECT count(*)::int AS missing FROM enrolments e JOIN classes c ON c.id = e.class_id
        WHERE c.academic_year_id = $1 AND c.grade >= 2
          AND NOT EXISTS (SELECT 1 FROM period_marks pm WHERE pm.student_id = e.student_id AND pm.academic_year_id = $1 AND pm.kind = 'final')`, [y.id]);
    expect(missing).toBe(0);
    const kinds = await db.query(`SELECT kind, count(*)::int AS n FROM period_marks WHERE academic_year_id = $1 GROUP BY kind ORDER BY kind`, [y.id]);
    expect(kinds.map((k: { kind: string }) => k.kind)).toEqual(['annual', 'exam', 'final', 'period']);
    const [closing] = await db.query(`SELECT action, reason FROM year_closings WHERE academic_year_id = $1`, [y.id]);
    expect(closing).toMatchObject({ action: 'close', reason: expect.stringContaining('Приказ') });
  });

  it('R-DIA-06 the student\'s diary shows last year\'s finals', async () => {
    const auth = await signIn('student', 'student123');
    const me = await http.get('/api/v1/me').set(auth);
    const [{ id: studentId }] = await db.query(`SELECT s.id FROM students s JOIN users u ON u.person_id = s.person_id WHERE u.login = 'student'`);
    expect(me.status).toBe(200);
    const res = await http.get(`/api/v1/diary/students/${studentId}/finals`).set(auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(JSON.stringify(res.body)).toContain('2025/2026');
    expect(JSON.stringify(res.body)).toMatch(/"final":"[2-5]"/);
  });

  it('R-ARC-02/03 the archive holds every class\'s summary sheet and last year\'s 4А journal packages; the deputy downloads them', async () => {
    const y = await previousYear();
    const auth = await signIn('deputy', 'deputy123');
    const sheets = await http.get('/api/v1/archive/packages').query({ schoolId: y.schoolId, yearId: y.id, kind: 'summary_sheet' }).set(auth);
    expect(sheets.status).toBe(200);
    expect(sheets.body.total).toBe(20);
    expect(sheets.body.items[0].retentionUntil).toBe('2051-05-26');
    const packages = await http.get('/api/v1/archive/packages').query({ schoolId: y.schoolId, yearId: y.id, kind: 'journal_package' }).set(auth);
    expect(packages.body.items.map((i: { subjectName: string }) => i.subjectName).sort()).toEqual(['Литературное чтение', 'Математика', 'Русский язык']);
    expect(new Set(packages.body.items.map((i: { className: string }) => i.className))).toEqual(new Set(['4А']));
    const sheet4a = sheets.body.items.find((i: { className: string }) => i.className === '4А');
    const xlsx = await binary(http.get(`/api/v1/archive/packages/${sheet4a.id}/files/summary-sheet.xlsx`).set(auth));
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    const ws = wb.getWorksheet('4А')!;
    expect(String(ws.getCell('B4').value)).toMatch(/^[А-ЯЁ][а-яё]+ [А-ЯЁ]/);
    expect([2, 3, 4, 5]).toContain(ws.getCell('C4').value);
  });

  it('R-ARC-03 the whole school\'s summary sheet of last year (PDF and XLSX) answers within 5 s', async () => {
    const y = await previousYear();
    const auth = await signIn('director', 'director123');
    for (const format of ['pdf', 'xlsx']) {
      const started = Date.now();
      const res = await binary(http.get('/api/v1/archive/summary-sheet').query({ schoolId: y.schoolId, yearId: y.id, format }).set(auth));
      const ms = Date.now() - started;
      console.log(`whole-school summary sheet (${format}): ${ms} ms, ${res.body.length} bytes`);
      expect(res.status).toBe(200);
      expect(ms).toBeLessThan(5_000);
      if (format === 'pdf' && hasPdfToText) {
        const text = pdfText(res.body);
        expect(text).toContain('Сводная ведомость учёта успеваемости обучающихся 10Б класса');
        expect(text).toContain('Директор');
      }
    }
  });
});
