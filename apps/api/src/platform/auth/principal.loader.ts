import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Role } from '@otmetka/contracts';
import type { Membership, Principal } from './principal';
import { sha256 } from './crypto';

/**
 * Loads the caller's live memberships on every request, so a dismissal (R-ROS-02), a revoked account,
 * a logout or an ended designation takes effect at the next request even with a valid access token.
 */
@Injectable()
export class PrincipalLoader {
  constructor(private readonly db: DataSource) {}

  async forUser(userId: string, sessionId: string): Promise<Principal | null> {
    const rows: { login: string; person_id: string; school_id: string | null; role: Role | null }[] = await this.db.query(
      `WITH u AS (
         SELECT u.id, u.login, u.person_id FROM users u
          WHERE u.id = $1 AND u.status = 'active'
            AND EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL)
       ), m AS (
         SELECT e.school_id, unnest(e.roles) AS role FROM employments e, u
          WHERE e.person_id = u.person_id AND e.dismissed_at IS NULL AND (e.ends_on IS NULL OR e.ends_on >= current_date)
         UNION SELECT s.school_id, 'student' FROM students s, u WHERE s.person_id = u.person_id AND s.status = 'studying'
         UNION SELECT g.school_id, 'parent' FROM guardians g, u
          WHERE g.person_id = u.person_id AND EXISTS (SELECT 1 FROM guardianships gs WHERE gs.guardian_id = g.id)
         UNION SELECT ip.school_id, 'interested_person' FROM interested_persons ip, u
          WHERE ip.person_id = u.person_id AND ip.revoked_at IS NULL AND (ip.valid_until IS NULL OR ip.valid_until >= current_date)
       )
       SELECT u.login, u.person_id, m.school_id, m.role FROM u LEFT JOIN m ON true`,
      [userId, sessionId],
    );
    if (rows.length === 0) return null;
    const memberships = new Map<string, Role[]>();
    for (const r of rows) {
      if (!r.school_id || !r.role) continue;
      const list = memberships.get(r.school_id) ?? [];
      if (!list.includes(r.role)) list.push(r.role);
      memberships.set(r.school_id, list);
    }
    return {
      kind: 'user',
      userId,
      personId: rows[0].person_id,
      login: rows[0].login,
      sessionId,
      memberships: [...memberships].map(([schoolId, roles]): Membership => ({ schoolId, roles })),
    };
  }

  async forIntegrationToken(token: string): Promise<Principal | null> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount], not with the rows alone.
    const [rows]: [{ id: string; school_id: string; name: string; scopes: string[] }[], number] = await this.db.query(
      `UPDATE integration_tokens SET last_used_at = now()
        WHERE token_hash = $1 AND revoked_at IS NULL RETURNING id, school_id, name, scopes`,
      [sha256(token)],
    );
    const t = rows[0];
    if (!t) return null;
    return {
      kind: 'integration',
      userId: t.id,
      personId: null,
      login: `integration:${t.name}`,
      memberships: [{ schoolId: t.school_id, roles: ['integration'] }],
      scopes: t.scopes,
    };
  }
}
