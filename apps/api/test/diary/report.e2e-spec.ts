import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type request from 'supertest';
import { auditOf } from '../curriculum/planning-fixtures';
import { expectProblem, type TestApp } from '../support/test-app';
import { diaryApp, diaryWorld, MON, setNow, WED } from './diary-fixtures';

/** pdftotext (poppler-utils) reads the report back, page by page; without it only the page count is checked. */
const hasPdfToText = spawnSync('pdftotext', ['-v']).status === 0;
function pdfPages(pdf: Buffer, pages: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'diary-pdf-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', String(i + 1), '-l', String(i + 1), join(dir, 'r.pdf'), '-'],
      { encoding: 'utf8' }).replace(/\s+/g, ' '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
/** Page objects of the PDF (pdfkit writes them uncompressed). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describe('printable weekly report (R-DIA-09)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await diaryApp();
  });
  afterAll(() => t.close());
  beforeEach(() => setNow(t, `${WED}T10:00`));

  const pdf = (url: string, auth: { Authorization: string }) => t.http.get(url).set(auth).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
  const expectPdf = (res: request.Response): Buffer => {
    expect(res.status, res.status === 200 ? '' : Buffer.from(res.body).toString()).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="diary-week-2026-11-30\.pdf"/);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    return body;
  };

  it('R-DIA-09 the class teacher prints the class\'s week: one page per student, each with their own lessons and marks, in Cyrillic', async () => {
    const w = await diaryWorld(t);
    await t.make.student(w.school.id, w.c5a, { lastName: 'Яковлева', firstName: 'Ольга' });
    const res = await pdf(`/api/v1/diary/classes/${w.c5a}/week.pdf?date=${WED}`, w.classTeacher.auth);
    const body = expectPdf(res);
    expect(res.headers['x-page-count']).toBe('3');
    expect(pageCount(body)).toBe(3);
    if (hasPdfToText) {
      const pages = pdfPages(body, 3);
      // Alphabetical: Кузнецова, Смирнов, Яковлева; each page names one student only.
      expect(pages[0]).toContain('Кузнецова Мария');
      expect(pages[1]).toContain('Смирнов Иван');
      expect(pages[2]).toContain('Яковлева Ольга');
      expect(pages[1]).not.toContain('Кузнецова');
      for (const p of pages) {
        expect(p).toContain('Дневник обучающегося — недельный отчёт');
        expect(p).toContain('Неделя: 30.11.2026 – 04.12.2026');
        expect(p).toContain('Понедельник, 30.11');
        expect(p).toContain('Математика');
        expect(p).toContain('Сложение дробей');
        expect(p).toContain('№ 245, 247');
      }
      // A's 5 for the control work on his page; Мария's absence (Б) and her 3 on hers.
      expect(pages[1]).toMatch(/5 Контрольная/);
      expect(pages[0]).toMatch(/3 Ответ на/);
      expect(pages[0]).toMatch(/ Б /);
    }
    const [entry] = await auditOf(t, w.school.id, 'diary.class_report');
    expect(entry).toMatchObject({ actor_role: 'class_teacher', entity: 'class', entity_id: w.c5a, after: { weekStart: MON } });
    expect((entry.after as { students: string[] }).students).toHaveLength(3);
  });

  it('R-DIA-09 a family prints its own child\'s week (one page); the school\'s readers print any class', async () => {
    const w = await diaryWorld(t);
    const own = expectPdf(await pdf(`/api/v1/diary/students/${w.a.id}/week.pdf?date=${WED}`, w.parentA.auth));
    expect(pageCount(own)).toBe(1);
    if (hasPdfToText) expect(pdfPages(own, 1)[0]).toContain('Смирнов Иван');
    expectPdf(await pdf(`/api/v1/diary/classes/${w.c5a}/week.pdf?date=${WED}`, w.deputy.auth));
  });

  it('R-DIA-09 R-DIA-07 out of scope is 404: another family\'s child; a class for a teacher who is not its class teacher, a parent, another class teacher', async () => {
    const w = await diaryWorld(t);
    expectProblem(await t.http.get(`/api/v1/diary/students/${w.a.id}/week.pdf`).set(w.parentB.auth), 404);
    for (const auth of [w.mathTeacher.auth, w.parentA.auth, w.otherTeacher.auth, w.studentA.auth]) {
      expectProblem(await t.http.get(`/api/v1/diary/classes/${w.c5a}/week.pdf`).set(auth), 404);
    }
    expectProblem(await t.http.get(`/api/v1/diary/classes/${w.c5a}/week.pdf?date=30.11.2026`).set(w.classTeacher.auth), 400, 'date');
  });
});
