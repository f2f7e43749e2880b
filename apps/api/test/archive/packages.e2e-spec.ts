import { createHash } from 'node:crypto';
import { Clock } from '../../src/platform/clock';
import { canonicalManifest } from '../../src/archive/packages/archive-files';
import { FILE_STORAGE, type FileStorage } from '../../src/journal/files/file-storage';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { AFTER_YEAR, archiveWorld, binary, closeYear, hasPdfToText, pdfText } from './packages-fixtures';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('archive packages and journal printouts (R-ARC-02, R-ARC-04, R-SEC-02)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });
  beforeEach(() => t.app.get(Clock).set(AFTER_YEAR));

  async function closedWorld() {
    const w = await archiveWorld(t);
    await w.complete();
    const res = await closeYear(t, w);
    if (res.status !== 200) throw new Error(`close: ${res.status} ${JSON.stringify(res.body)}`);
    return w;
  }
  const list = (auth: { Authorization: string }, q: Record<string, string>) => t.http.get('/api/v1/archive/packages').query(q).set(auth);
  const download = (auth: { Authorization: string }, id: string, name: string) =>
    binary(t.http.get(`/api/v1/archive/packages/${id}/files/${name}`).set(auth));
  /** The same request for answers that are problems (JSON). */
  const fetchFile = (auth: { Authorization: string }, id: string, name: string) => t.http.get(`/api/v1/archive/packages/${id}/files/${name}`).set(auth);

  it('R-ARC-02 each class × subject of the closed year is a package (PDF, CSV, JSON) with SHA-256 manifest and 5-year retention', async () => {
    const w = await closedWorld();
    const res = await list(w.deputy.auth, { schoolId: w.school.id, yearId: w.yearId, kind: 'journal_package' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total).toBe(4);
    expect(res.body.items.map((i: { className: string; subjectName: string }) => `${i.className} ${i.subjectName}`).sort())
      .toEqual(['5А Иностранный язык', '5А Математика', '5А Русский язык', '5Б Математика']);
    const maths = res.body.items.find((i: { className: string; subjectName: string }) => i.className === '5А' && i.subjectName === 'Математика');
    expect(maths).toMatchObject({ kind: 'journal_package', yearName: '2026/2027', retentionUntil: '2032-05-31', disposedAt: null,
      title: 'Журнал 5А класса, Математика, 2026/2027' });
    expect(maths.manifest.map((m: { name: string }) => m.name)).toEqual(['data.json', 'final-marks.csv', 'journal.pdf', 'lessons.csv', 'marks.csv']);
    // The content address is the SHA-256 of the canonical manifest, which the backup helper re-verifies.
    expect(maths.manifestSha256).toBe(sha(canonicalManifest(maths.manifest)));
    const [row] = await t.db.query(`SELECT storage_prefix, manifest_sha256 FROM archive_items WHERE id = $1`, [maths.id]);
    expect(row).toEqual({ storage_prefix: `${w.school.id}/archive/${maths.id}`, manifest_sha256: maths.manifestSha256 });

    for (const m of maths.manifest) {
      const f = await download(w.director.auth, maths.id, m.name);
      expect(f.status).toBe(200);
      expect(sha(f.body)).toBe(m.sha256);
      expect(f.body.length).toBe(m.size);
      expect(f.headers['content-type']).toContain(m.contentType.split(';')[0]);
    }
    const marks = (await download(w.admin.auth, maths.id, 'marks.csv')).body.toString('utf8');
    expect(marks).toContain('Алексеев Иван;2026-09-10;1;5;');
    expect(marks).toContain('Васильев Олег;2026-10-01;1;;Б');
    const data = JSON.parse((await download(w.admin.auth, maths.id, 'data.json')).body.toString('utf8'));
    expect(data.lessons.map((l: { topic: string }) => l.topic)).toEqual(['Натуральные числа', 'Сложение дробей', 'Десятичные дроби']);
    expect(data.students.map((s: { fullName: string }) => s.fullName)).toEqual(['Алексеев Иван', 'Борисова Анна', 'Васильев Олег']);
    if (hasPdfToText) {
      const text = pdfText((await download(w.admin.auth, maths.id, 'journal.pdf')).body);
      for (const s of ['Алексеев Иван', 'Борисова Анна', 'Васильев Олег', '10.09', 'Натуральные числа', '№ 12, 14', 'Учитель', 'Директор', 'Директорова',
        'Математикова']) expect(text).toContain(s);
    }
  });

  it('R-ARC-02 building again yields the same items, never a second copy; an open year is refused; only admin and operator build', async () => {
    const w = await closedWorld();
    const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM archive_items WHERE school_id = $1`, [w.school.id]);
    expect(before).toBe(6);
    const again = await t.http.post('/api/v1/archive/packages/build').set(w.operator.auth).send({ schoolId: w.school.id, academicYearId: w.yearId });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ created: 0, existing: 6 });
    const [{ n: after }] = await t.db.query(`SELECT count(*)::int AS n FROM archive_items WHERE school_id = $1`, [w.school.id]);
    expect(after).toBe(6);
    // Changed data (a corrected final mark) gives a new item; the old one stays untouched.
    await t.db.query(`UPDATE period_marks SET value = '5' WHERE student_id = $1 AND kind = 'final' AND subject_id = $2`, [w.borisova, w.maths]);
    const one = await t.http.post('/api/v1/archive/packages/build').set(w.admin.auth)
      .send({ schoolId: w.school.id, academicYearId: w.yearId, classId: w.c5a, kinds: ['summary_sheet'] });
    expect(one.body).toMatchObject({ created: 1, existing: 0 });
    const [{ n: last }] = await t.db.query(`SELECT count(*)::int AS n FROM archive_items WHERE school_id = $1`, [w.school.id]);
    expect(last).toBe(7);

    for (const who of [w.deputy, w.director, w.mathsTeacher]) {
      expectProblem(await t.http.post('/api/v1/archive/packages/build').set(who.auth).send({ schoolId: w.school.id, academicYearId: w.yearId }), 403);
    }
    const open = await archiveWorld(t);
    expectProblem(await t.http.post('/api/v1/archive/packages/build').set(open.admin.auth).send({ schoolId: open.school.id, academicYearId: open.yearId }), 409);
    expectProblem(await t.http.post('/api/v1/archive/packages/build').set(open.admin.auth).send({ schoolId: open.school.id }), 400, 'academicYearId');
  });

  it('R-SEC-02 teachers and families get 403, another school 404; filters are validated', async () => {
    const w = await closedWorld();
    const [item] = (await list(w.admin.auth, { schoolId: w.school.id, kind: 'journal_package' })).body.items;
    expectProblem(await list(w.mathsTeacher.auth, { schoolId: w.school.id }), 403);
    expectProblem(await list(w.classTeacher.auth, { schoolId: w.school.id }), 403);
    const parent = await t.make.parent(w.school.id, [w.alekseev]);
    expectProblem(await list(parent.auth, { schoolId: w.school.id }), 403);
    expectProblem(await fetchFile(w.mathsTeacher.auth, item.id, 'journal.pdf'), 403);
    expectProblem(await fetchFile(parent.auth, item.id, 'journal.pdf'), 403);
    const other = await archiveWorld(t);
    expectProblem(await list(other.admin.auth, { schoolId: w.school.id }), 404);
    expectProblem(await fetchFile(other.admin.auth, item.id, 'journal.pdf'), 404);
    expectProblem(await t.http.get(`/api/v1/archive/packages/${item.id}`).set(other.deputy.auth), 404);
    expect((await t.http.get(`/api/v1/archive/packages/${item.id}`).set(w.deputy.auth)).body).toMatchObject({ id: item.id });
    expectProblem(await fetchFile(w.admin.auth, item.id, 'nothing.pdf'), 404);
    expectProblem(await list(w.admin.auth, { schoolId: w.school.id, kind: 'photos' }), 400, 'kind');
    expectProblem(await list(w.admin.auth, { schoolId: w.school.id, classId: 'x' }), 400, 'classId');
    expectProblem(await list(w.admin.auth, {}), 400, 'schoolId');
    const byClass = await list(w.admin.auth, { schoolId: w.school.id, classId: w.c5b });
    expect(byClass.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['journal_package', 'summary_sheet']);
  });

  it('R-ARC-02 a file changed on disk is refused on download instead of served', async () => {
    const w = await closedWorld();
    const [item] = (await list(w.admin.auth, { schoolId: w.school.id, kind: 'summary_sheet', classId: w.c5b })).body.items;
    const storage = t.app.get<FileStorage>(FILE_STORAGE);
    await storage.put(`${w.school.id}/archive/${item.id}/data.json`, Buffer.from('{}'));
    expectProblem(await fetchFile(w.admin.auth, item.id, 'data.json'), 409);
  });

  it('R-ARC-04 the deputy prints the journal pages of a period with signature lines; the same content is the same printout', async () => {
    const w = await archiveWorld(t);
    t.app.get(Clock).set('2026-10-26T09:00:00Z');
    const print = (auth: { Authorization: string }, body: Record<string, unknown>) => t.http.post('/api/v1/archive/printouts').set(auth).send(body);
    const res = await print(w.deputy.auth, { classId: w.c5a, subjectId: w.maths, periodId: w.q1 });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'journal_printout', periodId: w.q1, periodName: '1 четверть', classId: w.c5a, subjectId: w.maths,
      retentionUntil: '2032-05-31', title: 'Распечатка журнала 5А класса, Математика, 1 четверть 2026/2027' });
    const again = await print(w.admin.auth, { classId: w.c5a, subjectId: w.maths, periodId: w.q1 });
    expect(again.body.id).toBe(res.body.id);
    const data = JSON.parse((await download(w.deputy.auth, res.body.id, 'data.json')).body.toString('utf8'));
    // Only the lessons of quarter 1.
    expect(data.lessons.map((l: { date: string }) => l.date)).toEqual(['2026-09-10', '2026-10-01']);
    if (hasPdfToText) {
      const text = pdfText((await download(w.deputy.auth, res.body.id, 'journal.pdf')).body);
      for (const s of ['1 четверть', 'Алексеев Иван', 'Сложение дробей', 'Учитель', 'Директор']) expect(text).toContain(s);
      expect(text).not.toContain('Десятичные дроби');
    }
    expectProblem(await print(w.mathsTeacher.auth, { classId: w.c5a, subjectId: w.maths, periodId: w.q1 }), 403);
    expectProblem(await print(w.deputy.auth, { classId: w.c5a, subjectId: w.maths }), 400, 'periodId');
    const other = await archiveWorld(t);
    expectProblem(await print(other.deputy.auth, { classId: w.c5a, subjectId: w.maths, periodId: w.q1 }), 404);
    expectProblem(await print(w.deputy.auth, { classId: w.c5a, subjectId: w.maths, periodId: other.q1 }), 404);
  });
});
