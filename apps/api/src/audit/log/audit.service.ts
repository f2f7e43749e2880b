import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/auth/principal';
import { NotFound } from '../../platform/errors/domain-errors';
import { chainHash, ChainedFields, GENESIS_HASH } from './audit-chain';

export interface AuditEntry {
  /** null for events that belong to no school (e.g. a regional operator's account). */
  schoolId: string | null;
  actor: Actor | null;
  role?: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditEventView {
  seq: number;
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
}

export interface ChainVerification {
  schoolId: string;
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  problem: string | null;
}

const schoolKeyOf = (schoolId: string | null) => schoolId ?? 'global';

/**
 * R-AUD-01/02: the audit log. `record` runs inside the caller's transaction, so the entry and the write it
 * records commit or roll back together; entries are hash-chained per school and the table refuses UPDATE/DELETE.
 */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  async record(tx: EntityManager, e: AuditEntry): Promise<void> {
    const schoolKey = schoolKeyOf(e.schoolId);
    await tx.query(
      `INSERT INTO audit_chain_heads (school_key, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT DO NOTHING`,
      [schoolKey, GENESIS_HASH],
    );
    // The head row lock serialises appends per school, so seq has no gaps and each entry links to the previous one.
    const [head]: { last_seq: string; last_hash: string }[] = await tx.query(
      `SELECT last_seq, last_hash FROM audit_chain_heads WHERE school_key = $1 FOR UPDATE`,
      [schoolKey],
    );
    const fields: ChainedFields = {
      schoolKey,
      seq: Number(head.last_seq) + 1,
      occurredAt: new Date().toISOString(),
      actorUserId: e.actor?.principal.userId ?? null,
      actorRole: e.role ?? null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      before: e.before === undefined ? null : JSON.parse(JSON.stringify(e.before)),
      after: e.after === undefined ? null : JSON.parse(JSON.stringify(e.after)),
      reason: e.reason ?? null,
      requestId: e.actor?.requestId ?? null,
    };
    const hash = chainHash(head.last_hash, fields);
    await tx.query(
      `INSERT INTO audit_events (school_key, seq, occurred_at, actor_user_id, actor_role, action, entity, entity_id,
         before, after, reason, request_id, prev_hash, hash)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
      [fields.schoolKey, fields.seq, fields.occurredAt, fields.actorUserId, fields.actorRole, fields.action, fields.entity,
        fields.entityId, fields.before === null ? null : JSON.stringify(fields.before),
        fields.after === null ? null : JSON.stringify(fields.after), fields.reason, fields.requestId, head.last_hash, hash],
    );
    await tx.query(`UPDATE audit_chain_heads SET last_seq = $2, last_hash = $3 WHERE school_key = $1`, [schoolKey, fields.seq, hash]);
  }

  /** Records outside any other write (e.g. R-AUD-06: reading a personal card). */
  async recordAlone(e: AuditEntry): Promise<void> {
    await this.db.transaction((tx) => this.record(tx, e));
  }

  /** R-AUD-03: an entity's history, oldest first. */
  async history(schoolId: string, entity: string, entityId: string, limit = 500): Promise<AuditEventView[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT seq, occurred_at, actor_user_id, actor_role, action, entity, entity_id, before, after, reason, request_id
         FROM audit_events WHERE school_key = $1 AND entity = $2 AND entity_id = $3 ORDER BY seq LIMIT $4`,
      [schoolKeyOf(schoolId), entity, entityId, limit],
    );
    return rows.map(toView);
  }

  /** Recent events of a school, newest first (admin screen). */
  async recent(schoolId: string, limit: number, offset: number): Promise<{ items: AuditEventView[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT seq, occurred_at, actor_user_id, actor_role, action, entity, entity_id, before, after, reason, request_id
           FROM audit_events WHERE school_key = $1 ORDER BY seq DESC LIMIT $2 OFFSET $3`,
        [schoolKeyOf(schoolId), limit, offset],
      ),
      this.db.query(`SELECT coalesce(max(last_seq), 0)::int AS n FROM audit_chain_heads WHERE school_key = $1`, [schoolKeyOf(schoolId)]),
    ]);
    return { items: (rows as Record<string, unknown>[]).map(toView), total: count[0].n };
  }

  /** R-AUD-02: recomputes the chain; reports the first altered, inserted or removed entry. */
  async verify(schoolId: string): Promise<ChainVerification> {
    const schoolKey = schoolKeyOf(schoolId);
    const [head]: { last_seq: string; last_hash: string }[] = await this.db.query(
      `SELECT last_seq, last_hash FROM audit_chain_heads WHERE school_key = $1`, [schoolKey]);
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    const batch = 2000;
    for (;;) {
      const rows: Record<string, unknown>[] = await this.db.query(
        `SELECT seq, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_iso, actor_user_id,
                actor_role, action, entity, entity_id, before, after, reason, request_id, prev_hash, hash
           FROM audit_events WHERE school_key = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
        [schoolKey, expectedSeq, batch],
      );
      for (const r of rows) {
        const seq = Number(r.seq);
        const broken = (problem: string): ChainVerification => ({ schoolId, ok: false, checked, firstBrokenSeq: seq, problem });
        if (seq !== expectedSeq) return { schoolId, ok: false, checked, firstBrokenSeq: expectedSeq, problem: 'entry missing' };
        if (r.prev_hash !== prevHash) return broken('link to the previous entry does not match');
        const hash = chainHash(prevHash, {
          schoolKey, seq, occurredAt: String(r.occurred_iso), actorUserId: (r.actor_user_id as string) ?? null,
          actorRole: (r.actor_role as string) ?? null, action: String(r.action), entity: String(r.entity),
          entityId: String(r.entity_id), before: r.before ?? null, after: r.after ?? null, reason: (r.reason as string) ?? null,
          requestId: (r.request_id as string) ?? null,
        });
        if (hash !== r.hash) return broken('entry content does not match its hash');
        prevHash = hash;
        expectedSeq++;
        checked++;
      }
      if (rows.length < batch) break;
    }
    if (head && (Number(head.last_seq) !== checked || head.last_hash !== prevHash)) {
      return { schoolId, ok: false, checked, firstBrokenSeq: checked + 1, problem: 'entries after this point were removed' };
    }
    return { schoolId, ok: true, checked, firstBrokenSeq: null, problem: null };
  }

  /** Guards that an entity id exists in the log at all for this school (404 otherwise). */
  async assertKnown(schoolId: string, entity: string, entityId: string): Promise<void> {
    const r = await this.db.query(`SELECT 1 FROM audit_events WHERE school_key = $1 AND entity = $2 AND entity_id = $3 LIMIT 1`,
      [schoolKeyOf(schoolId), entity, entityId]);
    if (r.length === 0) throw new NotFound('No history for this entity');
  }
}

function toView(r: Record<string, unknown>): AuditEventView {
  return {
    seq: Number(r.seq), occurredAt: new Date(r.occurred_at as string).toISOString(), actorUserId: (r.actor_user_id as string) ?? null,
    actorRole: (r.actor_role as string) ?? null, action: String(r.action), entity: String(r.entity), entityId: String(r.entity_id),
    before: r.before ?? null, after: r.after ?? null, reason: (r.reason as string) ?? null, requestId: (r.request_id as string) ?? null,
  };
}
