import ExcelJS from 'exceljs';
import type request from 'supertest';
import { Clock } from '../../src/platform/clock';
import { UNKNOWN } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { readViewWorld, type ReadViewWorld } from './read-view-fixtures';

const NOW = '2026-10-26T09:00:00Z';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Collects a binary answer (supertest buffers only text and JSON by itself). */
const binary = (req: request.Test) => req.buffer(true).parse((res, done) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
});

const codes = (a: { byCode: { code: string; lessons: number; hours: number }[] }) => Object.fromEntries(a.byCode.map((c) => [c.code, c.lessons]));

describe('progress and attendance reports (R-JRN-13, R-SEC-02, R-API-03)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(Clock).set(NOW);
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });

  const progress = (w: ReadViewWorld, auth: { Authorization: string }, q: Record<string, string | undefined> = {}) => {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries({ classId: w.c5a, periodId: w.q1, ...q })) if (v !== undefined) query[k] = v;
    return t.http.get('/api/v1/reports/class-progress').query(query).set(auth);
  };
  const attendance = (w: ReadViewWorld, auth: { Authorization: string }, q: Record<string, string | undefined> = {}) => {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries({ classId: w.c5a, from: '2026-09-01', to: '2026-09-30', ...q })) if (v !== undefined) query[k] = v;
    return t.http.get('/api/v1/reports/attendance').query(query).set(auth);
  };

  /**
   * 5А in quarter 1 with a x.6 rounding threshold: maths (Алексеев 4.33 with period mark 5, Борисова 2.5 → forecast 2, Васильев 4),
   * Russian (Алексеев 4 → forecast 4, Борисова period mark 3, Васильев period mark 4 without marks), English with no marks yet;
   * absences: Алексеев Н × 2, Борисова Б × 3, У, ОП.
   */
  async function world() {
    const w = await readViewWorld(t);
    const s = w.school.id;
    const { rows } = w;
    await rows.roundingThreshold(s, 0.6);
    const [a, b, v] = [await rows.pupil(s, 'Алексеев', 'Иван'), await rows.pupil(s, 'Борисова', 'Анна'), await rows.pupil(s, 'Васильев', 'Олег')];
    for (const p of [a, b, v]) await rows.enrol(s, p, w.c5a, '2026-09-01');
    const lesson = (subjectId: string, date: string, over: Record<string, unknown> = {}) =>
      rows.lesson(s, w.yearId, { date, classId: w.c5a, subjectId, teacherId: subjectId === w.maths ? w.mathsTeacher.personId : w.russianTeacher.personId, ...over });
    const m1 = await lesson(w.maths, '2026-09-07');
    const m2 = await lesson(w.maths, '2026-09-14');
    const m3 = await lesson(w.maths, '2026-10-05');
    const r1 = await lesson(w.russian, '2026-09-08');
    const r2 = await lesson(w.russian, '2026-09-15');
    const r3 = await lesson(w.russian, '2026-10-06');
    const cancelled = await lesson(w.maths, '2026-09-21', { cancelled: true });
    const q2 = await lesson(w.maths, '2026-11-09');

    await rows.mark(s, m1, a, '5');
    await rows.mark(s, m2, a, '4', 'control', 2);
    await rows.mark(s, m1, b, '3');
    await rows.mark(s, m2, b, '2');
    await rows.mark(s, m3, b, 'н/а');
    await rows.mark(s, m1, v, '4');
    await rows.mark(s, m3, v, '4');
    await rows.mark(s, q2, v, '2');
    await rows.mark(s, r1, a, '4');
    await rows.mark(s, r1, b, '3');
    await rows.mark(s, r2, b, '4');
    await rows.periodMark(s, w.yearId, { studentId: a, subjectId: w.maths, classId: w.c5a, periodId: w.q1, value: '5' });
    await rows.periodMark(s, w.yearId, { studentId: b, subjectId: w.russian, classId: w.c5a, periodId: w.q1, value: '3' });
    await rows.periodMark(s, w.yearId, { studentId: v, subjectId: w.russian, classId: w.c5a, periodId: w.q1, value: '4' });

    await rows.absence(s, m1, a, 'Н');
    await rows.absence(s, r3, a, 'Н');
    await rows.absence(s, m1, b, 'Б');
    await rows.absence(s, r1, b, 'Б');
    await rows.absence(s, m3, b, 'Б');
    await rows.absence(s, r2, b, 'У');
    await rows.absence(s, m2, b, 'ОП');
    await rows.absence(s, cancelled, a, 'Н');
    await rows.absence(s, q2, a, 'Н');
    return { ...w, a, b, v, m1, m2, m3, r1, r2, r3 };
  }

  describe('GET /reports/class-progress', () => {
    it('R-JRN-13 students × subjects: weighted averages, period marks, forecasts with the school threshold, and which one counts', async () => {
      const w = await world();
      const res = await progress(w, w.classTeacher.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const r = res.body;
      expect(r.class).toMatchObject({ id: w.c5a, name: '5А', classTeacherName: 'Классная Тест' });
      expect(r.period).toMatchObject({ id: w.q1, name: '1 четверть', startsOn: '2026-09-01', endsOn: '2026-10-24' });
      expect(r.generatedAt).toBe('2026-10-26T09:00:00.000Z');
      expect(r.roundingThreshold).toBe(0.6);
      // Subjects of the class by name: English comes from its group's load, with no marks yet.
      expect(r.subjects.map((s: { id: string }) => s.id)).toEqual([w.english, w.maths, w.russian]);
      expect(r.students.map((s: { fullName: string }) => s.fullName)).toEqual(['Алексеев Иван', 'Борисова Анна', 'Васильев Олег']);
      const [a, b, v] = r.students;
      const none = { weightedAverage: null, marksCount: 0, periodMark: null, forecast: null, value: null, basis: null };
      expect(a.subjects).toEqual([
        { subjectId: w.english, ...none },
        { subjectId: w.maths, weightedAverage: 4.33, marksCount: 2, periodMark: '5', forecast: '4', value: '5', basis: 'period_mark' },
        { subjectId: w.russian, weightedAverage: 4, marksCount: 1, periodMark: null, forecast: '4', value: '4', basis: 'forecast' },
      ]);
      // 2.5 rounds down with the x.6 threshold; н/а is counted as a mark but not in the average.
      expect(b.subjects[1]).toEqual({ subjectId: w.maths, weightedAverage: 2.5, marksCount: 3, periodMark: null, forecast: '2', value: '2', basis: 'forecast' });
      expect(b.subjects[2]).toEqual({ subjectId: w.russian, weightedAverage: 3.5, marksCount: 2, periodMark: '3', forecast: '3', value: '3', basis: 'period_mark' });
      // Quarter 2's 2 does not count; a period mark without marks is still the result.
      expect(v.subjects[1]).toMatchObject({ weightedAverage: 4, marksCount: 2, value: '4', basis: 'forecast' });
      expect(v.subjects[2]).toEqual({ subjectId: w.russian, weightedAverage: null, marksCount: 0, periodMark: '4', forecast: null, value: '4', basis: 'period_mark' });
      expect([a.summary, b.summary, v.summary]).toEqual([
        { mean: 4.5, passing: true, quality: true }, { mean: 2.5, passing: false, quality: false }, { mean: 4, passing: true, quality: true }]);
    });

    it('R-JRN-13 % passing, % quality and the mean per subject and for the class, saying whether period marks or forecasts', async () => {
      const w = await world();
      const r = (await progress(w, w.deputy.auth)).body;
      const [english, maths, russian] = r.subjects;
      expect(english).toMatchObject({ name: 'Иностранный язык', averageOfAverages: null,
        totals: { count: 0, passingPct: null, qualityPct: null, mean: null, periodMarks: 0, forecasts: 0, basis: null } });
      // Maths: 5 (period mark), 2 and 4 (forecasts).
      expect(maths).toMatchObject({ name: 'Математика', averageOfAverages: 3.61,
        totals: { count: 3, passingPct: 66.7, qualityPct: 66.7, mean: 3.67, periodMarks: 1, forecasts: 2, basis: 'mixed' } });
      // Russian: 4 (forecast), 3 and 4 (period marks).
      expect(russian.totals).toEqual({ count: 3, passingPct: 100, qualityPct: 66.7, mean: 3.67, periodMarks: 2, forecasts: 1, basis: 'mixed' });
      // The class: Борисова has a 2 → 2 of 3 students pass; Алексеев and Васильев have only 4 and 5.
      expect(r.totals).toEqual({ count: 3, passingPct: 66.7, qualityPct: 66.7, mean: 3.67, periodMarks: 3, forecasts: 3, basis: 'mixed' });

      // Once every result is a period mark, the figures say so.
      await t.db.query(`DELETE FROM period_marks WHERE school_id = $1`, [w.school.id]);
      const forecasts = (await progress(w, w.deputy.auth)).body;
      expect(forecasts.totals).toMatchObject({ periodMarks: 0, forecasts: 5, basis: 'forecasts' });
    });

    it('R-JRN-13 absences by reason in lessons and hours per student and for the class; cancelled lessons and other periods left out', async () => {
      const w = await world();
      const r = (await progress(w, w.director.auth)).body;
      const [a, b, v] = r.students;
      expect(a.attendance).toEqual({ byCode: [{ code: 'Н', lessons: 2, hours: 2 }, { code: 'У', lessons: 0, hours: 0 }, { code: 'Б', lessons: 0, hours: 0 },
        { code: 'ОП', lessons: 0, hours: 0 }], missedLessons: 2, missedHours: 2 });
      expect(codes(b.attendance)).toEqual({ 'Н': 0, 'У': 1, 'Б': 3, 'ОП': 1 });
      // Being late (ОП) is not a missed lesson.
      expect(b.attendance).toMatchObject({ missedLessons: 4, missedHours: 4 });
      expect(v.attendance.missedLessons).toBe(0);
      expect(codes(r.attendance)).toEqual({ 'Н': 2, 'У': 1, 'Б': 3, 'ОП': 1 });
      expect(r.attendance).toMatchObject({ missedLessons: 6, missedHours: 6 });
    });

    it('R-JRN-13 format=xlsx: sheets «Успеваемость» and «Посещаемость» with Russian headers and the rows', async () => {
      const w = await world();
      const res = await binary(progress(w, w.admin.auth, { format: 'xlsx' }));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="uspevaemost-5a-1-chetvert\.xlsx"; filename\*=UTF-8''/);
      expect(decodeURIComponent(res.headers['content-disposition'].split("UTF-8''")[1])).toBe('Успеваемость 5А 1 четверть.xlsx');
      expect(res.headers['cache-control']).toBe('no-store');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['Успеваемость', 'Посещаемость']);
      const values = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      const progressSheet = wb.getWorksheet('Успеваемость') as ExcelJS.Worksheet;
      expect(String(values(progressSheet, 1)[0])).toContain('Успеваемость. ');
      expect(values(progressSheet, 3)).toEqual(['№', 'ФИО', 'Иностранный язык', 'Иностранный язык', 'Математика', 'Математика', 'Русский язык', 'Русский язык',
        'Средний балл', 'Без «2»', 'Только «4» и «5»']);
      expect(values(progressSheet, 4).slice(2, 4)).toEqual(['Ср. балл', 'Отметка']);
      // Алексеев: no English; maths 4.33 with period mark 5; Russian 4 forecast 4 (in grey italics); mean 4.5.
      const row = values(progressSheet, 5);
      expect(row.slice(0, 2)).toEqual([1, 'Алексеев Иван']);
      expect(row.slice(4)).toEqual([4.33, 5, 4, 4, 4.5, 'да', 'да']);
      expect(progressSheet.getRow(5).getCell(8).font).toMatchObject({ italic: true });
      expect(values(progressSheet, 6).slice(1, 2)).toEqual(['Борисова Анна']);
      const passing = values(progressSheet, 8);
      expect(passing[1]).toBe('Успеваемость, % (без «2»)');
      expect(passing.slice(5)).toEqual([66.7, undefined, 100, 66.7]);

      const att = wb.getWorksheet('Посещаемость') as ExcelJS.Worksheet;
      expect(values(att, 3)).toEqual(['№', 'ФИО', 'Н, уроков', 'Н, часов', 'У, уроков', 'У, часов', 'Б, уроков', 'Б, часов', 'ОП, уроков', 'ОП, часов',
        'Пропущено уроков', 'Пропущено часов']);
      expect(values(att, 4)).toEqual([1, 'Алексеев Иван', 2, 2, 0, 0, 0, 0, 0, 0, 2, 2]);
      expect(values(att, 5)).toEqual([2, 'Борисова Анна', 0, 0, 1, 1, 3, 3, 1, 1, 4, 4]);
      expect(values(att, 7)).toEqual(['', 'Итого по классу', 2, 2, 1, 1, 3, 3, 1, 1, 6, 6]);
    });

    it('R-JRN-13 format=pdf: a landscape A4 PDF of two pages', async () => {
      const w = await world();
      const res = await binary(progress(w, w.classTeacher.auth, { format: 'pdf' }));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toMatch(/filename="uspevaemost-5a-1-chetvert\.pdf"/);
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdf.toString('latin1');
      expect(text.match(/\/Type \/Page\b/g)).toHaveLength(2);
      // Landscape A4: 841.89 × 595.28 points.
      expect(text).toMatch(/\/MediaBox \[0 0 841\.89 595\.28]/);
    });
  });

  describe('GET /reports/attendance', () => {
    it('R-JRN-13 absences of a date range by reason, per student and per subject, with the lessons given', async () => {
      const w = await world();
      const res = await attendance(w, w.classTeacher.auth);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const r = res.body;
      expect(r).toMatchObject({ from: '2026-09-01', to: '2026-09-30', class: { id: w.c5a, name: '5А' } });
      // September: maths 7 and 14 (the 21st was cancelled), Russian 8 and 15.
      expect(r.subjects.map((s: { name: string; lessons: number }) => [s.name, s.lessons])).toEqual([['Математика', 2], ['Русский язык', 2]]);
      expect(codes(r.subjects[0].attendance)).toEqual({ 'Н': 1, 'У': 0, 'Б': 1, 'ОП': 1 });
      expect(codes(r.subjects[1].attendance)).toEqual({ 'Н': 0, 'У': 1, 'Б': 1, 'ОП': 0 });
      const [a, b] = r.students;
      // Алексеев's Russian absence of 6 October is outside the range.
      expect(a.attendance).toMatchObject({ missedLessons: 1, missedHours: 1 });
      expect(a.bySubject.map((x: { missedLessons: number }) => x.missedLessons)).toEqual([1, 0]);
      expect(codes(b.attendance)).toEqual({ 'Н': 0, 'У': 1, 'Б': 2, 'ОП': 1 });
      expect(b.bySubject.map(codes)).toEqual([{ 'Н': 0, 'У': 0, 'Б': 1, 'ОП': 1 }, { 'Н': 0, 'У': 1, 'Б': 1, 'ОП': 0 }]);
      expect(r.totals).toMatchObject({ missedLessons: 4, missedHours: 4 });
    });

    it('R-JRN-13 attendance as XLSX and PDF', async () => {
      const w = await world();
      const xlsx = await binary(attendance(w, w.admin.auth, { format: 'xlsx' }));
      expect(xlsx.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['Посещаемость', 'По предметам']);
      const sheet = wb.getWorksheet('Посещаемость') as ExcelJS.Worksheet;
      expect((sheet.getRow(3).values as unknown[]).slice(-2)).toEqual(['Математика: пропущено', 'Русский язык: пропущено']);
      expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual([2, 'Борисова Анна', 0, 0, 1, 1, 2, 2, 1, 1, 3, 3, 1, 2]);
      const pdf = await binary(attendance(w, w.admin.auth, { format: 'pdf' }));
      expect(pdf.status).toBe(200);
      expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });
  });

  describe('scope (R-SEC-02)', () => {
    it('R-SEC-02 the class teacher, deputy, director and admin read the reports of the class', async () => {
      const w = await world();
      for (const who of [w.classTeacher, w.deputy, w.director, w.admin]) {
        expect((await progress(w, who.auth)).status).toBe(200);
        expect((await attendance(w, who.auth)).status).toBe(200);
      }
    });

    it('R-SEC-02 subject teachers, another class\'s class teacher, parents and students get 403', async () => {
      const w = await world();
      expectProblem(await progress(w, w.mathsTeacher.auth), 403);
      expectProblem(await attendance(w, w.mathsTeacher.auth), 403);
      expectProblem(await progress(w, w.classTeacher.auth, { classId: w.c5b }), 403);
      expectProblem(await attendance(w, w.classTeacher.auth, { classId: w.c5b }), 403);
      const parent = await t.make.parent(w.school.id, [w.a]);
      expectProblem(await progress(w, parent.auth), 403);
      expectProblem(await attendance(w, parent.auth), 403);
      const [{ person_id: personId }] = await t.db.query(`SELECT person_id FROM students WHERE id = $1`, [w.a]);
      expectProblem(await progress(w, (await t.make.studentAccount(personId)).auth, { format: 'pdf' }), 403);
    });

    it('R-SEC-02 another school\'s class or period is 404', async () => {
      const w = await world();
      const other = await readViewWorld(t);
      expectProblem(await progress(w, other.admin.auth), 404);
      expectProblem(await attendance(w, other.admin.auth), 404);
      expectProblem(await progress(w, w.admin.auth, { periodId: other.q1 }), 404);
      expectProblem(await progress(w, w.admin.auth, { classId: UNKNOWN }), 404);
    });
  });

  describe('validation (R-API-03)', () => {
    it.each([
      ['progress without classId', 'progress', { classId: undefined }, 'classId'],
      ['progress without periodId', 'progress', { periodId: undefined }, 'periodId'],
      ['progress with a bad periodId', 'progress', { periodId: 'q1' }, 'periodId'],
      ['progress in .doc', 'progress', { format: 'doc' }, 'format'],
      ['attendance without from', 'attendance', { from: undefined }, 'from'],
      ['attendance without to', 'attendance', { to: undefined }, 'to'],
      ['attendance from 30 February', 'attendance', { from: '2027-02-30' }, 'from'],
      ['attendance to before from', 'attendance', { to: '2026-08-31' }, 'to'],
      ['attendance over more than a year', 'attendance', { from: '2025-09-01', to: '2026-09-30' }, 'to'],
      ['attendance in .doc', 'attendance', { format: 'doc' }, 'format'],
    ] as const)('R-API-03 %s answers 400 naming the field', async (_, which, q, field) => {
      const w = await world();
      const res = which === 'progress' ? await progress(w, w.admin.auth, q) : await attendance(w, w.admin.auth, q);
      expectProblem(res, 400, field);
    });

    it('R-API-03 a period of another grade range answers 400 naming periodId', async () => {
      const w = await world();
      const senior = await w.rows.period(w.school.id, w.yearId, 1, '2026-09-01', '2026-10-24', { gradeFrom: 10, gradeTo: 11 });
      expectProblem(await progress(w, w.admin.auth, { periodId: senior }), 400, 'periodId');
    });
  });

  it('R-API-01 both reports are documented with their formats', async () => {
    const doc = (await t.http.get('/api/docs-json')).body;
    for (const path of ['/api/v1/reports/class-progress', '/api/v1/reports/attendance']) {
      const content = doc.paths[path].get.responses['200'].content;
      expect(Object.keys(content)).toEqual(['application/json', XLSX, 'application/pdf']);
    }
    expect(doc.paths['/api/v1/reports/class-progress'].get.responses['200'].content['application/json'].schema)
      .toEqual({ $ref: '#/components/schemas/ClassProgressView' });
    expect(doc.components.schemas.ProgressStatsView.properties.basis.enum).toEqual(['period_marks', 'forecasts', 'mixed']);
  });

  describe('size', () => {
    it('R-JRN-13 a class of 30 × 15 subjects with 20 lessons and ~2 marks per student and lesson', async () => {
      const w = await readViewWorld(t);
      const s = w.school.id;
      const c6 = await t.make.schoolClass(s, w.yearId, 6, 'А');
      await t.db.query(`
        WITH p AS (INSERT INTO persons (id, last_name, first_name)
                   SELECT gen_random_uuid(), 'Ученик' || lpad(i::text, 2, '0'), 'Тест' FROM generate_series(1, 30) i RETURNING id),
             st AS (INSERT INTO students (id, school_id, person_id) SELECT gen_random_uuid(), $1, id FROM p RETURNING id)
        INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on) SELECT gen_random_uuid(), $1, id, $2, '2026-09-01' FROM st`, [s, c6]);
      await t.db.query(`INSERT INTO subjects (id, school_id, name, short_name) SELECT gen_random_uuid(), $1, 'Предмет ' || lpad(i::text, 2, '0'), 'П' || i
        FROM generate_series(1, 15) i`, [s]);
      await t.db.query(`
        INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subject_id, teacher_id, held, first_entered_at, source)
        SELECT gen_random_uuid(), $1, $2, '2026-09-01'::date + i * 2, 1 + (row_number() OVER ())::int % 7, $3, su.id, $4, true, now(), 'extra'
          FROM subjects su CROSS JOIN generate_series(0, 19) i WHERE su.school_id = $1 AND su.name LIKE 'Предмет%'`,
      [s, w.yearId, c6, w.mathsTeacher.personId]);
      await t.db.query(`
        INSERT INTO marks (id, school_id, lesson_id, student_id, value, work_type, weight)
        SELECT gen_random_uuid(), $1, l.id, e.student_id, ((abs(hashtext(l.id::text || e.student_id::text || k)) % 4) + 2)::text, 'answer', k
          FROM lessons l JOIN enrolments e ON e.class_id = l.class_id CROSS JOIN (VALUES (1), (2)) v(k) WHERE l.class_id = $2`, [s, c6]);
      await t.db.query(`
        INSERT INTO attendance (school_id, lesson_id, student_id, code)
        SELECT $1, l.id, e.student_id, (ARRAY['Н','У','Б','ОП'])[1 + abs(hashtext(l.id::text || e.student_id::text)) % 4]
          FROM lessons l JOIN enrolments e ON e.class_id = l.class_id WHERE l.class_id = $2 AND abs(hashtext(e.student_id::text || l.id::text)) % 12 = 0`, [s, c6]);

      const started = performance.now();
      const res = await progress(w, w.admin.auth, { classId: c6 });
      const ms = Math.round(performance.now() - started);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
      expect(res.body.subjects).toHaveLength(15);
      expect(res.body.students).toHaveLength(30);
      for (const st of res.body.students) {
        expect(st.subjects).toHaveLength(15);
        for (const r of st.subjects) {
          expect(r.marksCount).toBeGreaterThanOrEqual(30);
          expect(r.basis).toBe('forecast');
        }
      }
      expect(res.body.totals.count).toBe(30);
      const [{ absences }] = await t.db.query(`SELECT count(*)::int AS absences FROM attendance a JOIN lessons l ON l.id = a.lesson_id
        WHERE l.class_id = $1 AND l.date <= '2026-10-24'`, [c6]);
      expect(res.body.attendance.byCode.reduce((n: number, c: { lessons: number }) => n + c.lessons, 0)).toBe(absences);
      const xlsx = await binary(progress(w, w.admin.auth, { classId: c6, format: 'xlsx' }));
      const pdf = await binary(progress(w, w.admin.auth, { classId: c6, format: 'pdf' }));
      expect([xlsx.status, pdf.status]).toEqual([200, 200]);
      console.info(`R-JRN-13 class progress 30 × 15: ${ms} ms JSON through HTTP (in-process); xlsx ${xlsx.body.length} B, pdf ${pdf.body.length} B`);
    });
  });
});
