import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface Visit {
  userId: string;
  personId: string;
  schoolId: string;
  role: string;
  /** The school-local day. */
  day: string;
}

/**
 * R-DIA-10: one row per account and day in `diary_visits`. A process remembers whom it has counted today, so a family's
 * many requests cost one upsert a day (per API process), not one per request.
 */
@Injectable()
export class VisitRecorder {
  /** Accounts counted per school-local day; schools in other time zones may be on another day. */
  private readonly seen = new Map<string, Set<string>>();
  private readonly logger = new Logger('DiaryVisits');

  constructor(private readonly db: DataSource) {}

  async touch(v: Visit): Promise<void> {
    let today = this.seen.get(v.day);
    if (!today) {
      // Forget days that no time zone is on any more.
      for (const day of this.seen.keys()) if (day < v.day) this.seen.delete(day);
      today = new Set();
      this.seen.set(v.day, today);
    }
    if (today.has(v.userId)) return;
    try {
      await this.db.query(
        `INSERT INTO diary_visits (user_id, day, school_id, person_id, role) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id, day) DO NOTHING`,
        [v.userId, v.day, v.schoolId, v.personId, v.role]);
      today.add(v.userId);
    } catch (e) {
      // A statistic must never keep a family from its diary: the next request tries again.
      this.logger.warn({ userId: v.userId, msg: 'could not count a diary visit', err: String(e) });
    }
  }
}
