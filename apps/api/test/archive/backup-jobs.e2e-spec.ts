import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKUP_QUEUE, BackupJobs, INTEGRITY_QUEUE } from '../../src/archive/backups/backups.jobs';
import { createTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scheduled backups and integrity checks through pg-boss (R-ARC-05, R-ARC-06)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'otm-jobs-'));
    t = await createTestApp({ DATA_DIR: dir, JOBS_ENABLED: 'true', BACKUP_CRON: '15 1 * * *', INTEGRITY_CRON: '45 3 * * 6' });
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('jobs stay off in ordinary tests (no pg-boss schema); R-ARC-05 a target that cannot be written leaves a partial backup with the other copy', async () => {
    const other = await createTestApp({ DATA_DIR: dir, BACKUP_TARGET_B: '/dev/null/otm-backups' });
    try {
      expect(other.app.get(BackupJobs).running).toBe(false);
      expect(await other.db.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'pgboss'`)).toEqual([]);
      const school = await other.make.school();
      const admin = await other.make.staff(school.id, ['admin']);
      const res = await other.http.post('/api/v1/archive/backups').set(admin.auth).send({ schoolId: school.id });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ status: 'partial', error: expect.stringMatching(/^b: /) });
      expect(res.body.targets.map((x: { key: string; status: string }) => [x.key, x.status])).toEqual([['a', 'ok'], ['b', 'failed']]);
      const manifest = JSON.parse(await readFile(join(dir, 'backups', 'a', res.body.name, 'manifest.json'), 'utf8'));
      expect(manifest.totals.rows).toBe(res.body.rowCount);
    } finally {
      await other.close();
    }
  });

  it('R-ARC-05 schedules both jobs from the configured cron, runs a queued backup and integrity check, and leaves pg-boss out of the backup', async () => {
    const jobs = t.app.get(BackupJobs);
    expect(jobs.running).toBe(true);
    const schedules = await t.db.query(`SELECT name, cron FROM pgboss.schedule ORDER BY name`);
    expect(schedules).toEqual([{ name: BACKUP_QUEUE, cron: '15 1 * * *' }, { name: INTEGRITY_QUEUE, cron: '45 3 * * 6' }]);

    await jobs.sendNow(BACKUP_QUEUE);
    let backup: { id: string; name: string; status: string; trigger: string } | undefined;
    for (let i = 0; i < 60 && backup?.status !== 'done'; i++) {
      await sleep(500);
      [backup] = await t.db.query(`SELECT id, name, status, trigger FROM backups`);
    }
    expect(backup).toMatchObject({ trigger: 'scheduled', status: 'done' });
    const manifest = JSON.parse(await readFile(join(dir, 'backups', 'b', backup!.name, 'manifest.json'), 'utf8'));
    expect(manifest.tables.map((x: { name: string }) => x.name)).not.toContain('job');
    expect(manifest.tables.map((x: { name: string }) => x.name)).toContain('backups');
    // Audited in the platform's own chain (no school, no person).
    const [event] = await t.db.query(`SELECT school_key, actor_user_id, action FROM audit_events WHERE entity_id = $1`, [backup!.id]);
    expect(event).toEqual({ school_key: 'global', actor_user_id: null, action: 'backup.create' });

    await jobs.sendNow(INTEGRITY_QUEUE);
    let report: { status: string; trigger: string } | undefined;
    for (let i = 0; i < 60 && (!report || report.status === 'running'); i++) {
      await sleep(500);
      [report] = await t.db.query(`SELECT status, trigger FROM integrity_reports`);
    }
    expect(report).toEqual({ status: 'ok', trigger: 'scheduled' });
  }, 90_000);
});
