import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AccountLocked, InvalidField, NotFound, Unauthorized } from '../errors/domain-errors';
import { newId } from '../database/ids';
import { User } from '../../roster/people/user.entity';
import { hashPassword, verifyPassword } from './passwords';
import { sha256 } from './crypto';
import { IntegrationToken, RefreshToken } from './auth-tokens.entity';
import type { AccessClaims } from './jwt.strategy';
import { type Actor, requireRole } from './principal';
import { INTEGRATION_TOKEN_PREFIX } from './auth.guard';
import { AuditService } from '../../audit/log/audit.service';
import type { ChildView, MeView, TokenPairView } from './auth.dto';

/** R-SEC-01: after this many failed logins the account waits LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
// A fixed hash to verify against when the login is unknown, so both cases take the same time.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$T1/6nDH8lvpNTpFOQK8ymCZ2+5+Ek3rwBA6YDf7bhA4';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(login: string, password: string): Promise<TokenPairView> {
    const user = await this.db.getRepository(User).createQueryBuilder('u').where('lower(u.login) = lower(:login)', { login }).getOne();
    if (!user) {
      await verifyPassword(DUMMY_HASH, password);
      throw new Unauthorized('Wrong login or password');
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new AccountLocked(`Too many failed attempts; try again after ${user.lockedUntil.toISOString()}`, { lockedUntil: user.lockedUntil.toISOString() });
    }
    const ok = user.status === 'active' && (await verifyPassword(user.passwordHash, password));
    if (!ok) {
      // Counted in SQL so concurrent attempts cannot undercount.
      await this.db.query(
        `UPDATE users SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1`,
        [user.id, MAX_FAILED_LOGINS, LOCK_MINUTES],
      );
      throw new Unauthorized('Wrong login or password');
    }
    await this.db.query(`UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [user.id]);
    return this.issue(user.id, newId());
  }

  /** Rotation with reuse detection: a refresh token used twice revokes its whole family (R-SEC-01). */
  async refresh(refreshToken: string): Promise<TokenPairView> {
    const result = await this.db.transaction(async (tx) => {
      const token = await tx.getRepository(RefreshToken).createQueryBuilder('t')
        .setLock('pessimistic_write').where('t.tokenHash = :h', { h: sha256(refreshToken) }).getOne();
      if (!token) throw new Unauthorized('Unknown refresh token');
      if (token.usedAt || token.revokedAt) {
        // Returned, not thrown: a throw here would roll back the revocation of the family.
        await tx.query(`UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE family_id = $1`, [token.familyId]);
        return 'reused' as const;
      }
      if (token.expiresAt < new Date()) throw new Unauthorized('The session has expired; sign in again');
      const [user] = await tx.query(`SELECT status FROM users WHERE id = $1`, [token.userId]);
      if (!user || user.status !== 'active') throw new Unauthorized('The account is no longer active');
      await tx.update(RefreshToken, { id: token.id }, { usedAt: new Date() });
      return this.issue(token.userId, token.familyId, tx.query.bind(tx));
    });
    if (result === 'reused') throw new Unauthorized('This refresh token was already used; the session has been ended for safety');
    return result;
  }

  async logout(refreshToken: string | undefined, sessionId: string | undefined): Promise<void> {
    if (sessionId) await this.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [sessionId]);
    if (refreshToken) {
      await this.db.query(
        `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL`,
        [sha256(refreshToken)],
      );
    }
  }

  /** Ends every live session of a person (dismissal, revoked account; R-ROS-02). */
  async revokeSessionsOfPerson(query: (sql: string, p: unknown[]) => Promise<unknown>, personId: string): Promise<void> {
    await query(`UPDATE refresh_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND user_id IN (SELECT id FROM users WHERE person_id = $1)`, [personId]);
  }

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const user = await this.db.getRepository(User).findOneBy({ id: actor.principal.userId });
    if (!user || !(await verifyPassword(user.passwordHash, current))) throw new InvalidField('currentPassword', 'is wrong');
    await this.db.query(`UPDATE users SET password_hash = $2, must_change_password = false, version = version + 1 WHERE id = $1`,
      [user.id, await hashPassword(next)]);
    await this.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL`,
      [user.id, actor.principal.sessionId ?? newId()]);
  }

  private async issue(userId: string, familyId: string, query: (sql: string, p: unknown[]) => Promise<unknown> = this.db.query.bind(this.db)): Promise<TokenPairView> {
    const refreshToken = randomBytes(32).toString('base64url');
    await query(
      `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1,$2,$3,$4, now() + make_interval(days => $5))`,
      [newId(), userId, familyId, sha256(refreshToken), this.config.refreshTokenTtlDays],
    );
    const claims: AccessClaims = { sub: userId, sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.accessTokenTtlSeconds, issuer: 'otmetka', algorithm: 'HS256' });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds, refreshToken, tokenType: 'Bearer' };
  }

  async me(actor: Actor): Promise<MeView> {
    const p = actor.principal;
    const schoolIds = p.memberships.map((m) => m.schoolId);
    const schools: { id: string; name: string; time_zone: string }[] = schoolIds.length
      ? await this.db.query(`SELECT id, short_name AS name, time_zone FROM schools WHERE id = ANY($1)`, [schoolIds]) : [];
    const byId = new Map(schools.map((s) => [s.id, s]));
    let fullName = p.login;
    let children: ChildView[] = [];
    if (p.personId) {
      const [person] = await this.db.query(`SELECT last_name, first_name, middle_name FROM persons WHERE id = $1`, [p.personId]);
      if (person) fullName = [person.last_name, person.first_name, person.middle_name].filter(Boolean).join(' ');
      children = await this.db.query(
        `WITH kids AS (
           SELECT s.id, s.school_id, 'self' AS relation FROM students s WHERE s.person_id = $1 AND s.status = 'studying'
           UNION SELECT gs.student_id, gs.school_id, 'parent' FROM guardians g JOIN guardianships gs ON gs.guardian_id = g.id WHERE g.person_id = $1
           UNION SELECT ip.student_id, ip.school_id, 'interested_person' FROM interested_persons ip
            WHERE ip.person_id = $1 AND ip.revoked_at IS NULL AND (ip.valid_until IS NULL OR ip.valid_until >= current_date))
         SELECT k.id AS "studentId", k.school_id AS "schoolId", k.relation,
                pe.last_name || ' ' || pe.first_name AS name, c.grade || c.letter AS "className"
           FROM kids k JOIN students s ON s.id = k.id JOIN persons pe ON pe.id = s.person_id
           LEFT JOIN enrolments e ON e.student_id = s.id AND e.ends_on IS NULL LEFT JOIN classes c ON c.id = e.class_id
          ORDER BY name`,
        [p.personId],
      );
    }
    return {
      userId: p.userId, login: p.login, kind: p.kind, personId: p.personId, fullName,
      memberships: p.memberships.map((m) => ({ schoolId: m.schoolId, schoolName: byId.get(m.schoolId)?.name ?? '',
        timeZone: byId.get(m.schoolId)?.time_zone ?? 'Europe/Moscow', roles: m.roles })),
      children,
    };
  }

  // R-API-02: integration tokens — created by an admin, shown once, stored hashed, revocable, audited.
  async createIntegrationToken(actor: Actor, schoolId: string, name: string, scopes: string[]) {
    const a = requireRole(actor, schoolId, ['admin', 'operator']);
    const token = `${INTEGRATION_TOKEN_PREFIX}${randomBytes(30).toString('base64url')}`;
    return this.db.transaction(async (tx) => {
      const row = tx.create(IntegrationToken, { id: newId(), schoolId, name, scopes, tokenPrefix: token.slice(0, 8),
        tokenHash: sha256(token), createdBy: actor.principal.userId, lastUsedAt: null, revokedAt: null });
      await tx.insert(IntegrationToken, row);
      const saved = await tx.findOneByOrFail(IntegrationToken, { id: row.id });
      await this.audit.record(tx, { schoolId, actor, role: a.role, action: 'integration_token.create', entity: 'integration_token',
        entityId: row.id, after: { name, scopes, tokenPrefix: row.tokenPrefix } });
      return { ...tokenView(saved), token };
    });
  }

  async listIntegrationTokens(actor: Actor, schoolId: string) {
    requireRole(actor, schoolId, ['admin', 'operator', 'director']);
    const rows = await this.db.getRepository(IntegrationToken).find({ where: { schoolId }, order: { createdAt: 'DESC' } });
    return rows.map(tokenView);
  }

  async revokeIntegrationToken(actor: Actor, id: string) {
    const row = await this.db.getRepository(IntegrationToken).findOneBy({ id });
    if (!row) throw new NotFound('No such integration token');
    const a = requireRole(actor, row.schoolId, ['admin', 'operator']);
    return this.db.transaction(async (tx) => {
      if (!row.revokedAt) await tx.update(IntegrationToken, { id }, { revokedAt: new Date() });
      const after = await tx.findOneByOrFail(IntegrationToken, { id });
      await this.audit.record(tx, { schoolId: row.schoolId, actor, role: a.role, action: 'integration_token.revoke',
        entity: 'integration_token', entityId: id, before: { revokedAt: row.revokedAt }, after: { revokedAt: after.revokedAt } });
      return tokenView(after);
    });
  }
}

const tokenView = (t: IntegrationToken) => ({
  id: t.id, schoolId: t.schoolId, name: t.name, scopes: t.scopes, tokenPrefix: t.tokenPrefix,
  createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null,
});
