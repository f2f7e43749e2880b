import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditOf, UNKNOWN } from '../curriculum/planning-fixtures';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { FRI, generateWeek, lessonId, lessonWorld, MON, setNow } from './lesson-fixtures';

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('Задачи на дроби: № 245, 247\n'), Buffer.from('%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const EXE = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('homework files (R-JRN-02, DESIGN Files, R-JRN-05, R-SEC-02, R-AUD-01)', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'otm-files-'));
    t = await createTestApp({ DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => setNow(t, `${MON}T11:00:00`));

  async function world() {
    const w = await lessonWorld(t);
    await generateWeek(t, w);
    return { ...w, mon: await lessonId(t, w.c5a, MON, 2) };
  }
  type W = Awaited<ReturnType<typeof world>>;
  const url = (w: W) => `/api/v1/lessons/${w.mon}/homework/files`;
  const upload = (w: W, bytes: Buffer, name: string, auth = w.teacher.auth) => t.http.post(url(w)).set(auth).attach('file', bytes, name);

  it('R-JRN-02 the teacher attaches a file: stored on disk under DATA_DIR/files with its SHA-256, listed on the lesson page, audited', async () => {
    const w = await world();
    const res = await upload(w, PDF, 'Задачи.pdf').set('x-request-id', 'file-1');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), fileName: 'Задачи.pdf', contentType: 'application/pdf', sizeBytes: PDF.length, sha256: sha(PDF),
      createdAt: '2026-11-30T08:00:00.000Z' });
    const [row] = await t.db.query(`SELECT file_name, size_bytes, sha256, storage_key FROM homework_files WHERE id = $1`, [res.body.id]);
    expect(row).toEqual({ file_name: 'Задачи.pdf', size_bytes: PDF.length, sha256: sha(PDF), storage_key: `${w.school.id}/homework/${w.mon}/${res.body.id}` });
    expect(readFileSync(join(dataDir, 'files', row.storage_key))).toEqual(PDF);
    const page = (await t.http.get(`/api/v1/lessons/${w.mon}`).set(w.teacher.auth)).body;
    expect(page.homework).toEqual({ text: null, dueDate: null, enteredAt: null, enteredLate: false, files: [res.body] });
    const [e] = await auditOf(t, w.school.id, 'homework_file.upload');
    expect(e).toMatchObject({ entity: 'lesson', entity_id: w.mon, request_id: 'file-1', after: { file: { id: res.body.id, sha256: sha(PDF) } } });
  });

  it('R-SEC-02 any staff of the school downloads it (same bytes, checksum header); families 403; another school 404', async () => {
    const w = await world();
    const other = await world();
    const { id } = (await upload(w, PNG, 'схема.png')).body;
    const res = await t.http.get(`${url(w)}/${id}`).set(w.other.auth).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-sha256']).toBe(sha(PNG));
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('схема.png')}`);
    expect(Buffer.compare(res.body as Buffer, PNG)).toBe(0);
    const parent = await t.make.parent(w.school.id, [w.students[0].id]);
    expectProblem(await t.http.get(`${url(w)}/${id}`).set(parent.auth), 403);
    expectProblem(await t.http.get(`${url(w)}/${id}`).set(other.teacher.auth), 404);
    expectProblem(await t.http.get(`${url(w)}/${UNKNOWN}`).set(w.teacher.auth), 404);
  });

  it('R-JRN-02 limits: another type or content that does not match its name 415, over 10 MB 413, not multipart 415; nothing stored', async () => {
    const w = await world();
    expect(expectProblem(await upload(w, EXE, 'program.exe'), 415).type).toBe('/problems/unsupported-media-type');
    expectProblem(await upload(w, EXE, 'renamed.pdf'), 415);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    expect(expectProblem(await upload(w, big, 'big.pdf'), 413).type).toBe('/problems/payload-too-large');
    expectProblem(await t.http.post(url(w)).set(w.teacher.auth).send({ file: 'x' }), 415);
    expect(await t.db.query(`SELECT 1 FROM homework_files WHERE lesson_id = $1`, [w.mon])).toEqual([]);
    expect(existsSync(join(dataDir, 'files', w.school.id))).toBe(false);
    // Just under the limit is fine.
    const nine = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(9 * 1024 * 1024, 0x20)]);
    expect((await upload(w, nine, 'nine.pdf')).status).toBe(201);
  });

  it('R-SEC-02 only the lesson\'s teacher or substitute attaches or removes files (403 for another teacher and the director)', async () => {
    const w = await world();
    expectProblem(await upload(w, PDF, 'a.pdf', w.other.auth), 403);
    expectProblem(await upload(w, PDF, 'a.pdf', w.director.auth), 403);
    const { id } = (await upload(w, PDF, 'a.pdf')).body;
    expectProblem(await t.http.delete(`${url(w)}/${id}`).set(w.other.auth), 403);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM homework_files WHERE lesson_id = $1`, [w.mon])).toEqual([{ n: 1 }]);
  });

  it('R-JRN-05 a file is removed within the homework window (row and bytes, audited); after it the removal is refused', async () => {
    const w = await world();
    const a = (await upload(w, PDF, 'a.pdf')).body;
    const b = (await upload(w, PNG, 'b.png')).body;
    const del = await t.http.delete(`${url(w)}/${a.id}`).set(w.teacher.auth);
    expect(del.status, JSON.stringify(del.body)).toBe(204);
    expect(await t.db.query(`SELECT id FROM homework_files WHERE lesson_id = $1`, [w.mon])).toEqual([{ id: b.id }]);
    expect(existsSync(join(dataDir, 'files', w.school.id, 'homework', w.mon, a.id))).toBe(false);
    const [e] = await auditOf(t, w.school.id, 'homework_file.delete');
    expect(e.before).toMatchObject({ file: { id: a.id, fileName: 'a.pdf' } });
    setNow(t, `${FRI}T10:00:00`);
    const p = expectProblem(await t.http.delete(`${url(w)}/${b.id}`).set(w.teacher.auth), 403);
    expect(p).toMatchObject({ type: '/problems/edit-window-closed', needsChangeRequest: true });
    expectProblem(await upload(w, PDF, 'late.pdf'), 403);
    expect(await t.db.query(`SELECT id FROM homework_files WHERE lesson_id = $1`, [w.mon])).toEqual([{ id: b.id }]);
  });
});
