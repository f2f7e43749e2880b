import ExcelJS from 'exceljs';
import { Clock } from '../../src/platform/clock';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { AFTER_YEAR, archiveWorld, binary, closeYear, hasPdfToText, pdfText } from './packages-fixtures';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('summary sheets (R-ARC-03, R-SEC-02)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });
  beforeEach(() => t.app.get(Clock).set(AFTER_YEAR));

  const sheet = (auth: { Authorization: string }, q: Record<string, string>) => binary(t.http.get('/api/v1/archive/summary-sheet').query(q).set(auth));
  const problem = (auth: { Authorization: string }, q: Record<string, string>) => t.http.get('/api/v1/archive/summary-sheet').query(q).set(auth);

  async function world() {
    const w = await archiveWorld(t);
    await w.complete();
    // An exam mark for Алексеев in maths.
    await t.db.query(`INSERT INTO period_marks (id, school_id, academic_year_id, student_id, subject_id, class_id, kind, value)
      VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'exam', '5')`, [w.school.id, w.yearId, w.alekseev, w.maths, w.c5a]);
    return w;
  }

  it('R-ARC-03 the XLSX of a class: students × subjects with period, annual, exam and final marks in their cells, signature lines', async () => {
    const w = await world();
    const res = await sheet(w.deputy.auth, { schoolId: w.school.id, yearId: w.yearId, classId: w.c5a, format: 'xlsx' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('Сводная ведомость 5А'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.getWorksheet('5А')!;
    expect(String(ws.getCell('A1').value)).toContain('Сводная ведомость учёта успеваемости 5А класса за 2026/2027');
    // Subjects sorted: Иностранный язык (C–G), Математика (H–L), Русский язык (M–Q); columns 1, 2, Год, Экз., Итог.
    expect(ws.getCell('C2').value).toBe('Иностранный язык');
    expect(ws.getCell('H2').value).toBe('Математика');
    expect(ws.getCell('M2').value).toBe('Русский язык');
    expect([3, 4, 5, 6, 7].map((c) => ws.getRow(3).getCell(c).value)).toEqual(['1', '2', 'Год', 'Экз.', 'Итог']);
    expect(ws.getCell('B4').value).toBe('Алексеев Иван');
    expect(ws.getCell('B5').value).toBe('Борисова Анна');
    expect(ws.getCell('B6').value).toBe('Васильев Олег');
    expect([8, 9, 10, 11, 12].map((c) => ws.getRow(4).getCell(c).value)).toEqual([5, 5, 5, 5, 5]);
    expect([8, 9, 10, 11, 12].map((c) => ws.getRow(5).getCell(c).value)).toEqual([4, 4, 4, null, 4]);
    expect(ws.getCell('C6').value).toBe(4);
    const texts: string[] = [];
    ws.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
    expect(texts.some((x) => x.startsWith('Классный руководитель') && x.includes('Классная'))).toBe(true);
    expect(texts.some((x) => x.startsWith('Директор') && x.includes('Директорова'))).toBe(true);
  });

  it('R-ARC-03 the PDF of the whole school has a section per class with Cyrillic names and signature lines', async () => {
    const w = await world();
    const res = await sheet(w.director.auth, { schoolId: w.school.id, yearId: w.yearId });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPdfToText) {
      const text = pdfText(res.body);
      for (const s of ['Сводная ведомость учёта успеваемости обучающихся 5А класса', '5Б класса', 'Алексеев Иван', 'Борисова Анна', 'Гусева Дарья',
        'Классный руководитель', 'Директор', 'М. П.']) expect(text).toContain(s);
      // Алексеев's maths: annual, exam and final marks (pdftotext drops the thin spaces of small print).
      expect(text.replace(/\s/g, '')).toContain('Г5Э5И5');
    }
  });

  it('R-ARC-03 closing the year stores each class\'s summary sheet (PDF + XLSX) with 25-year retention', async () => {
    const w = await world();
    expect((await closeYear(t, w)).status).toBe(200);
    const res = await t.http.get('/api/v1/archive/packages').query({ schoolId: w.school.id, yearId: w.yearId, kind: 'summary_sheet' }).set(w.admin.auth);
    expect(res.body.items.map((i: { className: string; retentionUntil: string; title: string }) => [i.className, i.retentionUntil, i.title])).toEqual([
      ['5А', '2052-05-31', 'Сводная ведомость 5А класса, 2026/2027'], ['5Б', '2052-05-31', 'Сводная ведомость 5Б класса, 2026/2027']]);
    const item = res.body.items[0];
    expect(item.manifest.map((m: { name: string }) => m.name)).toEqual(['data.json', 'summary-sheet.pdf', 'summary-sheet.xlsx']);
    const xlsx = await binary(t.http.get(`/api/v1/archive/packages/${item.id}/files/summary-sheet.xlsx`).set(w.deputy.auth));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    expect(wb.getWorksheet('5А')!.getCell('K4').value).toBe(5);
  });

  it('R-SEC-02 teachers and parents get 403, another school 404; format and ids are validated', async () => {
    const w = await world();
    const q = { schoolId: w.school.id, yearId: w.yearId };
    expectProblem(await problem(w.classTeacher.auth, q), 403);
    const parent = await t.make.parent(w.school.id, [w.alekseev]);
    expectProblem(await problem(parent.auth, q), 403);
    const other = await archiveWorld(t);
    expectProblem(await problem(other.admin.auth, q), 404);
    expectProblem(await problem(w.admin.auth, { schoolId: w.school.id, yearId: other.yearId }), 404);
    expectProblem(await problem(w.admin.auth, { ...q, classId: other.c5a }), 404);
    expectProblem(await problem(w.admin.auth, { ...q, format: 'docx' }), 400, 'format');
    expectProblem(await problem(w.admin.auth, { schoolId: w.school.id }), 400, 'yearId');
  });
});
