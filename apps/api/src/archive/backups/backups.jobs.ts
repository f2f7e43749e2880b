import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config';
import { errText } from './backup-format';
import { BackupsService, databaseUrlOf } from './backups.service';
import { IntegrityService } from './integrity.service';

export const BACKUP_QUEUE = 'archive-backup';
export const INTEGRITY_QUEUE = 'archive-integrity';
/** pg-boss keeps its queues in its own schema, which backups skip (they dump `public` only). */
export const JOBS_SCHEMA = 'pgboss';

/**
 * DESIGN Jobs: pg-boss schedules the nightly backup (BACKUP_CRON) and the integrity check (INTEGRITY_CRON) when JOBS_ENABLED;
 * several API processes share the schedule (pg-boss runs each due job once). Stopped on shutdown so nothing keeps running.
 */
@Injectable()
export class BackupJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Jobs');
  private boss: PgBoss | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly backups: BackupsService,
    private readonly integrity: IntegrityService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get running(): boolean {
    return this.boss !== null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobsEnabled) return;
    const boss = new PgBoss({ connectionString: databaseUrlOf(this.db), schema: JOBS_SCHEMA, application_name: 'otmetka-jobs', max: 4 });
    boss.on('error', (e) => this.log.error(`pg-boss: ${errText(e)}`));
    await boss.start();
    this.boss = boss;
    await boss.createQueue(BACKUP_QUEUE);
    await boss.createQueue(INTEGRITY_QUEUE);
    await boss.schedule(BACKUP_QUEUE, this.config.backupCron);
    await boss.schedule(INTEGRITY_QUEUE, this.config.integrityCron);
    await boss.work(BACKUP_QUEUE, async () => {
      const b = await this.backups.run('scheduled', { actor: null, schoolId: null, role: null, reason: 'scheduled backup' });
      if (b.status === 'failed') throw new Error(`backup ${b.name} failed: ${b.error}`);
    });
    await boss.work(INTEGRITY_QUEUE, async () => {
      await this.integrity.run('scheduled', { actor: null, schoolId: null, role: null });
    });
    this.log.log(`jobs started: backup "${this.config.backupCron}", integrity "${this.config.integrityCron}"`);
  }

  /** Queues a job now (the same work as the schedule). */
  async sendNow(queue: typeof BACKUP_QUEUE | typeof INTEGRITY_QUEUE): Promise<string | null> {
    if (!this.boss) throw new Error('Jobs are not enabled');
    return this.boss.send(queue, {});
  }

  async onModuleDestroy(): Promise<void> {
    const boss = this.boss;
    this.boss = null;
    if (boss) await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
