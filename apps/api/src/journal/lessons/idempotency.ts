import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { canonicalJson } from '../../audit/log/canonical-json';
import { InvalidField, Unprocessable } from '../../platform/errors/domain-errors';

/** R-API-03: idempotent retries of journal writes. The answer of a write sent with an `Idempotency-Key` is stored with it. */

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** A key is 1–200 visible ASCII characters (a UUID in practice). */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value) || !/^[\x21-\x7e]{1,200}$/.test(value)) {
    throw new InvalidField(IDEMPOTENCY_HEADER, 'Idempotency-Key must be 1–200 visible ASCII characters');
  }
  return value;
}

export const requestHash = (request: unknown): string => createHash('sha256').update(canonicalJson(request)).digest('hex');

export interface StoredAnswer {
  status: number;
  response: unknown;
}

/** The stored answer for the same user, key and request; a key reused for another request answers 422. */
export async function storedAnswer(tx: EntityManager, userId: string, key: string, hash: string): Promise<StoredAnswer | null> {
  const [row] = await tx.query(`SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key]);
  if (!row) return null;
  if (row.request_hash !== hash) {
    throw new Unprocessable('This Idempotency-Key was already used for another request; use a new key for a new request',
      { errors: [{ field: IDEMPOTENCY_HEADER, message: 'already used for another request' }] });
  }
  return { status: row.status, response: row.response };
}

export async function storeAnswer(tx: EntityManager, a: { userId: string; key: string; schoolId: string; hash: string } & StoredAnswer): Promise<void> {
  await tx.query(`INSERT INTO idempotency_keys (key, user_id, school_id, request_hash, status, response) VALUES ($1,$2,$3,$4,$5,$6)
    ON CONFLICT (user_id, key) DO NOTHING`, [a.key, a.userId, a.schoolId, a.hash, a.status, JSON.stringify(a.response)]);
}
