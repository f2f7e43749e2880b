import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { restoreBackup, RestoreRefused } from '../../src/archive/backups/restore';
import { loadConfig } from '../../src/platform/config/config';
import { seedDemoIfEmpty } from '../../src/seed/demo-seed';
import { auditRows } from '../support/audit-rows';
import { createTestApp, expectProblem, type TestApp } from '../support/test-app';
import { TEST_ENV } from '../support/test-env';
import { createEmptyDatabase, tableChecksums, type TableSum } from './backup-fixtures';

describe('backups of the whole database and restore into an empty one (R-ARC-05)', () => {
  let t: TestApp;
  let dir: string;
  let schoolId: string;
  let operator: { Authorization: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otm-backup-'));
    t = await createTestApp({ DATA_DIR: dir });
    await seedDemoIfEmpty(t.url, loadConfig({ ...TEST_ENV }));
    [{ id: schoolId }] = await t.db.query(`SELECT id FROM schools`);
    const { token } = await t.make.signIn('operator', 'operator123');
    operator = { Authorization: `Bearer ${token}` };
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('R-ARC-05 backs up the demo school through the API to two targets and restores it into an empty database identical table by table', async () => {
    const before = await tableChecksums(t.url);
    expect(before.marks.rows).toBeGreaterThan(1000);
    const started = Date.now();
    const res = await t.http.post('/api/v1/archive/backups').set(operator).send({ schoolId, reason: 'Конец учебного года' });
    const backupMs = Date.now() - started;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const b = res.body;
    expect(b).toMatchObject({ trigger: 'manual', status: 'done', error: null, manifestSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(b.targets.map((x: { key: string; status: string; path: string }) => [x.key, x.status, x.path]))
      .toEqual([['a', 'ok', join(dir, 'backups', 'a', b.name)], ['b', 'ok', join(dir, 'backups', 'b', b.name)]]);
    const totalRows = Object.values(before).reduce((s: number, x: TableSum) => s + x.rows, 0);
    expect(b.rowCount).toBe(totalRows);
    expect(b.tableCount).toBe(Object.keys(before).length);
    expect(b.migrations).toContain('Backups1765200000000');

    // Each copy is complete and carries its own manifest with the same checksums; pg-boss's schema is not in it.
    for (const key of ['a', 'b']) {
      const copy = join(dir, 'backups', key, b.name);
      const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8'));
      expect((await readFile(join(copy, 'manifest.sha256'), 'utf8')).split(/\s+/)[0]).toBe(b.manifestSha256);
      expect(manifest.tables.map((x: { name: string }) => x.name).sort()).toEqual(Object.keys(before).sort());
      expect(manifest.tables.some((x: { name: string }) => x.name.startsWith('pgboss') || x.name === 'typeorm_migrations')).toBe(false);
      expect(Object.fromEntries(manifest.tables.map((x: { name: string; rows: number }) => [x.name, x.rows])))
        .toEqual(Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v.rows])));
      // Dependency order: schools before classes before students' enrolments, marks after lessons.
      const pos = (n: string) => manifest.tables.findIndex((x: { name: string }) => x.name === n);
      expect(pos('schools')).toBeLessThan(pos('classes'));
      expect(pos('classes')).toBeLessThan(pos('enrolments'));
      expect(pos('lessons')).toBeLessThan(pos('marks'));
      expect((await readdir(copy)).length).toBe(manifest.tables.length + 2);
    }

    // Listed in the register and audited in the school's chain.
    const list = await t.http.get('/api/v1/archive/backups').query({ schoolId }).set(operator);
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: b.id, status: 'done' });
    const audit = await auditRows(t.db, schoolId, 'backup.create');
    expect(audit.at(-1)).toMatchObject({ entity: 'backup', entity_id: b.id, actor_role: 'operator', reason: 'Конец учебного года' });

    // Restore copy B into a brand-new empty database: every table has the same rows and the same content.
    const target = await createEmptyDatabase();
    try {
      const restoreStarted = Date.now();
      const result = await restoreBackup(join(dir, 'backups', 'b', b.name), target.url);
      const restoreMs = Date.now() - restoreStarted;
      expect(result.rows).toBe(totalRows);
      const after = await tableChecksums(target.url);
      expect(after).toEqual(before);
      // The sequence of audit_events moved past the restored ids: the restored database takes new audit entries.
      const c = new Client({ connectionString: target.url });
      await c.connect();
      const seq = await c.query(`SELECT nextval(pg_get_serial_sequence('audit_events', 'id'))::bigint AS n, (SELECT max(id) FROM audit_events)::bigint AS m`);
      await c.end();
      expect(Number(seq.rows[0].n)).toBeGreaterThan(Number(seq.rows[0].m));
      console.log(`demo database: ${totalRows} rows in ${b.tableCount} tables, ${b.byteCount} bytes gzip'd; backup ${backupMs} ms, restore ${restoreMs} ms`);

      // A second restore into the now non-empty database is refused, and so is restoring into the live source.
      await expect(restoreBackup(join(dir, 'backups', 'a', b.name), target.url)).rejects.toThrow(RestoreRefused);
      await expect(restoreBackup(join(dir, 'backups', 'a', b.name), t.url)).rejects.toThrow(/not empty/);
    } finally {
      await target.drop();
    }
  }, 300_000);

  it('R-SEC-02 only the operator or the admin makes backups; the director reads the register; other schools and bad input are refused', async () => {
    const director = await t.make.signIn('director', 'director123');
    const teacher = await t.make.signIn('teacher', 'teacher123');
    const dAuth = { Authorization: `Bearer ${director.token}` };
    expectProblem(await t.http.post('/api/v1/archive/backups').set(dAuth).send({ schoolId }), 403);
    expectProblem(await t.http.post('/api/v1/archive/backups').set({ Authorization: `Bearer ${teacher.token}` }).send({ schoolId }), 403);
    expectProblem(await t.http.get('/api/v1/archive/backups').query({ schoolId }).set({ Authorization: `Bearer ${teacher.token}` }), 403);
    expect((await t.http.get('/api/v1/archive/backups').query({ schoolId }).set(dAuth)).status).toBe(200);
    const other = await t.make.school();
    const stranger = await t.make.staff(other.id, ['admin']);
    expectProblem(await t.http.post('/api/v1/archive/backups').set(stranger.auth).send({ schoolId }), 404);
    expectProblem(await t.http.get('/api/v1/archive/backups').query({ schoolId }).set(stranger.auth), 404);
    expectProblem(await t.http.post('/api/v1/archive/backups').set(operator).send({ schoolId: 'nope' }), 400, 'schoolId');
    expectProblem(await t.http.get('/api/v1/archive/backups').set(operator), 400, 'schoolId');
    expectProblem(await t.http.post('/api/v1/archive/backups').send({ schoolId }), 401);
  }, 60_000);
});
