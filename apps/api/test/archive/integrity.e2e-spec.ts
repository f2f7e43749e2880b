import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreBackup, RestoreRefused } from '../../src/archive/backups/restore';
import { FILE_STORAGE, type FileStorage } from '../../src/journal/files/file-storage';
import { newId } from '../../src/platform/database/ids';
import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { createEmptyDatabase, tableChecksums } from './backup-fixtures';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

interface Finding {
  kind: string;
  schoolId: string | null;
  subjectId: string;
  target: string | null;
  file: string | null;
  problem: string;
}

describe('integrity control of archive items, backup copies and audit chains (R-ARC-06, R-AUD-02)', () => {
  let t: TestApp;
  let dir: string;
  let school: { id: string };
  let operator: { auth: { Authorization: string } };
  let storage: FileStorage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otm-integrity-'));
    t = await createTestApp({ DATA_DIR: dir });
    school = await t.make.school();
    operator = await t.make.staff(school.id, ['operator']);
    const year = await t.make.year(school.id);
    const cls = await t.make.schoolClass(school.id, year);
    for (const n of ['Иванов', 'Петров', 'Сидоров']) await t.make.student(school.id, cls, { lastName: n });
    storage = t.app.get<FileStorage>(FILE_STORAGE);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const run = async () => {
    const res = await t.http.post('/api/v1/archive/integrity/run').set(operator.auth).send({ schoolId: school.id });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; status: string; findings: Finding[]; checked: Record<string, number> };
  };

  /** An archive item written the way the archive packages write one: files in the file storage, manifest and its address. */
  async function archiveItem(schoolId: string, files: Record<string, string>, over: { disposed?: boolean } = {}) {
    const id = newId();
    const prefix = `${schoolId}/archive/${id}`;
    const manifest = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, text]) =>
      ({ name, sha256: sha(Buffer.from(text)), size: Buffer.byteLength(text), contentType: 'text/plain' }));
    for (const [name, text] of Object.entries(files)) await storage.put(`${prefix}/${name}`, Buffer.from(text));
    await t.db.query(
      `INSERT INTO archive_items (id, school_id, kind, title, storage_prefix, manifest, manifest_sha256, retention_until, disposed_at)
       VALUES ($1, $2, 'journal_package', $3, $4, $5::jsonb, $6, '2100-08-31', $7)`,
      [id, schoolId, `Журнал ${id.slice(-4)}`, prefix, JSON.stringify(manifest), sha(JSON.stringify(manifest)), over.disposed ? '2026-01-01' : null]);
    return { id, prefix };
  }

  it('R-ARC-06 a byte altered in copy A is reported for exactly that file of copy A; copy B stays restorable, copy A is refused', async () => {
    const made = await t.http.post('/api/v1/archive/backups').set(operator.auth).send({ schoolId: school.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const b = made.body;
    expect(b.status).toBe('done');

    const clean = await run();
    expect(clean).toMatchObject({ status: 'ok', findings: [] });
    expect(clean.checked).toMatchObject({ backups: 1, backupCopies: 2, backupFiles: 2 * b.tableCount });
    expect(clean.checked.auditChains).toBeGreaterThan(0);

    // One byte in the middle of copy A's students file.
    const copyA = join(dir, 'backups', 'a', b.name);
    const manifest = JSON.parse(await readFile(join(copyA, 'manifest.json'), 'utf8'));
    const file: string = manifest.tables.find((x: { name: string }) => x.name === 'students').file;
    const bytes = await readFile(join(copyA, file));
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    await writeFile(join(copyA, file), bytes);

    const report = await run();
    expect(report.status).toBe('problems');
    expect(report.findings).toEqual([{ kind: 'backup_file', schoolId: null, subjectId: b.id, subjectName: b.name, target: 'a', file,
      problem: 'altered', detail: expect.stringContaining('sha256') }]);

    // The register shows the check on each copy; the reports are listed newest first and readable one by one.
    const list = await t.http.get('/api/v1/archive/backups').query({ schoolId: school.id }).set(operator.auth);
    const targets = list.body.items[0].targets;
    expect(targets.map((x: { key: string; lastCheck: { ok: boolean; reportId: string; problems: number } }) => [x.key, x.lastCheck]))
      .toEqual([['a', expect.objectContaining({ ok: false, problems: 1, reportId: report.id })], ['b', expect.objectContaining({ ok: true, problems: 0 })]]);
    const reports = await t.http.get('/api/v1/archive/integrity/reports').query({ schoolId: school.id }).set(operator.auth);
    expect(reports.status).toBe(200);
    expect(reports.body.items.map((r: { id: string; status: string; findingCount: number }) => [r.id, r.status, r.findingCount]))
      .toEqual([[report.id, 'problems', 1], [clean.id, 'ok', 0]]);
    expect(reports.body.items[0].findings).toBeUndefined();
    const one = await t.http.get(`/api/v1/archive/integrity/reports/${report.id}`).query({ schoolId: school.id }).set(operator.auth);
    expect(one.body).toMatchObject({ id: report.id, findings: report.findings });
    expect((await auditRows(t.db, school.id, 'integrity.run')).map((r) => r.entity_id)).toEqual([clean.id, report.id]);

    // Restoring from B works and gives the same rows as in the register; restoring from A is refused before touching the database.
    const fromB = await createEmptyDatabase();
    const fromA = await createEmptyDatabase();
    try {
      const result = await restoreBackup(join(dir, 'backups', 'b', b.name), fromB.url);
      expect(result.rows).toBe(b.rowCount);
      const restored = await tableChecksums(fromB.url);
      expect(restored.students.rows).toBe(3);
      // Checked against the register's checksum too: a copy whose manifest does not match it is refused.
      await expect(restoreBackup(join(dir, 'backups', 'b', b.name), fromA.url, undefined, { manifestSha256: '0'.repeat(64) }))
        .rejects.toThrow(/manifest.json altered .*backup register/);
      await expect(restoreBackup(copyA, fromA.url, undefined, { manifestSha256: b.manifestSha256 })).rejects.toThrow(RestoreRefused);
      await expect(restoreBackup(copyA, fromA.url)).rejects.toThrow(new RegExp(`${file} altered`));
      const untouched = await tableChecksums(fromA.url);
      expect(Object.keys(untouched)).toEqual([]);
    } finally {
      await fromB.drop();
      await fromA.drop();
    }
  }, 120_000);

  it('R-ARC-06 an archive item whose file was altered or removed on disk is reported; disposed items and other schools\' findings are not shown', async () => {
    const item = await archiveItem(school.id, { 'data.json': '{"marks":[5,4,3]}', 'journal.pdf': '%PDF-1.7 журнал 5А' });
    const disposed = await archiveItem(school.id, { 'data.json': '{"old":true}' }, { disposed: true });
    const other = await t.make.school();
    const foreign = await archiveItem(other.id, { 'data.json': '{"x":1}' });
    const before = await run();
    expect(before.findings.filter((f) => f.kind.startsWith('archive'))).toEqual([]);
    expect(before.checked).toMatchObject({ archiveItems: 2, archiveFiles: 3 });

    await storage.put(`${item.prefix}/journal.pdf`, Buffer.from('%PDF-1.7 журнал 5Б'));
    await storage.delete(`${item.prefix}/data.json`);
    await storage.delete(`${disposed.prefix}/data.json`);
    await storage.put(`${foreign.prefix}/data.json`, Buffer.from('{"x":2}'));
    const report = await run();
    const archive = report.findings.filter((f) => f.kind.startsWith('archive'));
    expect(archive.map((f) => [f.kind, f.subjectId, f.file, f.problem]).sort()).toEqual([
      ['archive_file', item.id, 'data.json', 'missing'],
      ['archive_file', item.id, 'journal.pdf', 'altered'],
    ]);
    // The other school's finding is in the report, but only its own school sees it.
    const otherOperator = await t.make.staff(other.id, ['admin']);
    const seen = await t.http.get(`/api/v1/archive/integrity/reports/${report.id}`).query({ schoolId: other.id }).set(otherOperator.auth);
    expect(seen.status).toBe(200);
    expect(seen.body.findings.filter((f: Finding) => f.kind.startsWith('archive')).map((f: Finding) => [f.subjectId, f.file, f.problem]))
      .toEqual([[foreign.id, 'data.json', 'altered']]);

    // A manifest changed in the database no longer matches its content address.
    await t.db.query(`UPDATE archive_items SET manifest = jsonb_set(manifest, '{0,size}', '999') WHERE id = $1`, [item.id]);
    const third = await run();
    expect(third.findings.filter((f) => f.kind === 'archive_item').map((f) => [f.subjectId, f.problem])).toEqual([[item.id, 'altered']]);
  }, 60_000);

  it('R-AUD-02 an audit entry altered behind the application\'s back breaks its school\'s chain and is reported', async () => {
    const victim = await t.make.school();
    const admin = await t.make.staff(victim.id, ['admin']);
    await t.http.post('/api/v1/archive/integrity/run').set(admin.auth).send({ schoolId: victim.id }).expect(201);
    const [entry] = await t.db.query(`SELECT seq FROM audit_events WHERE school_key = $1 ORDER BY seq LIMIT 1`, [victim.id]);
    // The table refuses UPDATE; a superuser switching the trigger off is exactly what the chain must reveal.
    await t.db.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`);
    try {
      await t.db.query(`UPDATE audit_events SET reason = 'подделка' WHERE school_key = $1 AND seq = $2`, [victim.id, entry.seq]);
    } finally {
      await t.db.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`);
    }
    const res = await t.http.post('/api/v1/archive/integrity/run').set(admin.auth).send({ schoolId: victim.id });
    expect(res.status).toBe(201);
    expect(res.body.findings.filter((f: Finding) => f.kind === 'audit_chain')).toEqual([expect.objectContaining({
      kind: 'audit_chain', schoolId: victim.id, subjectId: victim.id, problem: 'broken', detail: expect.stringContaining(`entry ${entry.seq}`) })]);
    // The first school does not see another school's broken chain.
    const mine = await t.http.get(`/api/v1/archive/integrity/reports/${res.body.id}`).query({ schoolId: school.id }).set(operator.auth);
    expect(mine.body.findings.filter((f: Finding) => f.kind === 'audit_chain')).toEqual([]);
  }, 60_000);

  it('R-SEC-02 the director and the deputy read reports but do not run checks; teachers and other schools are refused', async () => {
    const director = await t.make.staff(school.id, ['director']);
    const deputy = await t.make.staff(school.id, ['deputy']);
    const teacher = await t.make.staff(school.id, ['teacher', 'class_teacher']);
    const stranger = await t.make.staff((await t.make.school()).id, ['operator']);
    const [{ id }] = await t.db.query(`SELECT id FROM integrity_reports ORDER BY started_at LIMIT 1`);
    for (const who of [director, deputy]) {
      expect((await t.http.get('/api/v1/archive/integrity/reports').query({ schoolId: school.id }).set(who.auth)).status).toBe(200);
      expect((await t.http.get(`/api/v1/archive/integrity/reports/${id}`).query({ schoolId: school.id }).set(who.auth)).status).toBe(200);
      expectProblem(await t.http.post('/api/v1/archive/integrity/run').set(who.auth).send({ schoolId: school.id }), 403);
    }
    expectProblem(await t.http.get('/api/v1/archive/integrity/reports').query({ schoolId: school.id }).set(teacher.auth), 403);
    expectProblem(await t.http.post('/api/v1/archive/integrity/run').set(teacher.auth).send({ schoolId: school.id }), 403);
    expectProblem(await t.http.get(`/api/v1/archive/integrity/reports/${id}`).query({ schoolId: school.id }).set(stranger.auth), 404);
    expectProblem(await t.http.post('/api/v1/archive/integrity/run').set(stranger.auth).send({ schoolId: school.id }), 404);
    expectProblem(await t.http.get(`/api/v1/archive/integrity/reports/${newId()}`).query({ schoolId: school.id }).set(operator.auth), 404);
    expectProblem(await t.http.get('/api/v1/archive/integrity/reports/42').query({ schoolId: school.id }).set(operator.auth), 400, 'id');
    expectProblem(await t.http.get('/api/v1/archive/integrity/reports').query({ schoolId: school.id, limit: '0' }).set(operator.auth), 400, 'limit');
  }, 60_000);
});
