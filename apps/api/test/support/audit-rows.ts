import type { DataSource } from 'typeorm';

/** An audit_events row as the e2e tests read it (R-AUD-01). */
export interface AuditRow {
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  request_id: string | null;
}

/** A school's audit entries in chain order, optionally of one action. */
export const auditRows = (db: DataSource, schoolId: string, action?: string): Promise<AuditRow[]> =>
  db.query(`SELECT * FROM audit_events WHERE school_key = $1 AND ($2::text IS NULL OR action = $2) ORDER BY seq`, [schoolId, action ?? null]);
