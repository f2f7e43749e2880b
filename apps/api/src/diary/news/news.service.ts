import { Injectable } from '@nestjs/common';
import { FAMILY_ROLES, type Role } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/database/ids';
import { InvalidField, NotFound } from '../../platform/errors/domain-errors';
import type { CreateNewsDto, NewsView, UpdateNewsDto } from './news.dto';

/** R-DIA-13: who publishes, edits and archives news; who reads the full list (archived too) in the journal. */
export const NEWS_WRITERS: readonly Role[] = ['admin', 'operator'];
export const NEWS_STAFF_READERS: readonly Role[] = ['admin', 'operator', 'director', 'deputy'];
/** Families see the newest 20. */
export const NEWS_FEED_LIMIT = 20;

const VIEW_SQL = `SELECT n.id, n.school_id AS "schoolId", n.title, n.body, n.grade_from AS "gradeFrom", n.grade_to AS "gradeTo",
  CASE WHEN u.id IS NULL THEN NULL ELSE coalesce(nullif(concat_ws(' ', p.last_name, p.first_name, p.middle_name), ''), u.login) END AS "authorName",
  to_char(n.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt", n.archived
  FROM school_news n LEFT JOIN users u ON u.id = n.author_id LEFT JOIN persons p ON p.id = u.person_id`;

function checkGrades(from: number | null | undefined, to: number | null | undefined) {
  if (from != null && to != null && from > to) throw new InvalidField('gradeTo', 'gradeTo must not be less than gradeFrom');
}

/** R-DIA-13: school news — the admin publishes, families of the school read the newest; every write audited in its transaction. */
@Injectable()
export class NewsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly clock: Clock) {}

  /**
   * Anyone with a membership in the school (families included): the newest published, not archived posts. Staff see every post;
   * a family member sees the posts for the whole school and those whose grade range covers a grade of a child they may see
   * (their own class for a student, their children for a parent, the designated child while the designation lasts).
   */
  async feed(actor: Actor, schoolId: string): Promise<NewsView[]> {
    const membership = actor.principal.memberships.find((m) => m.schoolId === schoolId && m.roles.length > 0);
    if (!membership) throw new NotFound('No such school');
    const staff = membership.roles.some((r) => !(FAMILY_ROLES as readonly Role[]).includes(r));
    if (staff) {
      return this.db.query(`${VIEW_SQL} WHERE n.school_id = $1 AND NOT n.archived ORDER BY n.published_at DESC, n.id LIMIT ${NEWS_FEED_LIMIT}`, [schoolId]);
    }
    return this.db.query(`WITH today AS (SELECT ($3::timestamptz AT TIME ZONE sc.time_zone)::date AS d FROM schools sc WHERE sc.id = $1),
      children AS (
        SELECT s.id FROM students s WHERE s.school_id = $1 AND s.person_id = $2
        UNION SELECT gs.student_id FROM guardianships gs JOIN guardians g ON g.id = gs.guardian_id JOIN students s ON s.id = gs.student_id
               WHERE g.person_id = $2 AND s.school_id = $1
        UNION SELECT ip.student_id FROM interested_persons ip, today
               WHERE ip.school_id = $1 AND ip.person_id = $2 AND ip.revoked_at IS NULL AND (ip.valid_until IS NULL OR ip.valid_until >= today.d)),
      grades AS (
        -- The child's current class, chosen as the diary's scope chooses it.
        SELECT DISTINCT c.grade FROM children ch
          JOIN LATERAL (SELECT c.grade FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE e.student_id = ch.id
                         ORDER BY e.ends_on IS NULL DESC, e.starts_on DESC, e.created_at DESC LIMIT 1) c ON true)
      ${VIEW_SQL} WHERE n.school_id = $1 AND NOT n.archived
        AND ((n.grade_from IS NULL AND n.grade_to IS NULL)
             OR EXISTS (SELECT 1 FROM grades g WHERE g.grade BETWEEN coalesce(n.grade_from, 0) AND coalesce(n.grade_to, 12)))
      ORDER BY n.published_at DESC, n.id LIMIT ${NEWS_FEED_LIMIT}`, [schoolId, actor.principal.personId ?? null, this.clock.now()]);
  }

  /** The journal's list for the school's staff, archived included. */
  async list(actor: Actor, schoolId: string): Promise<NewsView[]> {
    requireRole(actor, schoolId, NEWS_STAFF_READERS);
    return this.db.query(`${VIEW_SQL} WHERE n.school_id = $1 ORDER BY n.published_at DESC, n.id LIMIT 500`, [schoolId]);
  }

  async create(actor: Actor, dto: CreateNewsDto): Promise<NewsView> {
    const a = requireRole(actor, dto.schoolId, NEWS_WRITERS);
    checkGrades(dto.gradeFrom, dto.gradeTo);
    return this.db.transaction(async (tx) => {
      const id = newId();
      const now = this.clock.now();
      await tx.query(`INSERT INTO school_news (id, school_id, title, body, grade_from, grade_to, author_id, published_at, created_at, updated_at)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8,$8)`,
      [id, dto.schoolId, dto.title.trim(), dto.body.trim(), dto.gradeFrom ?? null, dto.gradeTo ?? null, actor.principal.userId, now]);
      const after = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'news.publish', entity: 'school_news', entityId: id, after });
      return after;
    });
  }

  async update(actor: Actor, id: string, dto: UpdateNewsDto): Promise<NewsView> {
    const found = await this.staffVisible(actor, id);
    const a = requireRole(actor, found.schoolId, NEWS_WRITERS);
    const from = dto.gradeFrom === undefined ? found.gradeFrom : dto.gradeFrom;
    const to = dto.gradeTo === undefined ? found.gradeTo : dto.gradeTo;
    checkGrades(from, to);
    return this.db.transaction(async (tx) => {
      const before = await this.view(tx, id, true);
      await tx.query(`UPDATE school_news SET title = $2, body = $3, grade_from = $4, grade_to = $5, updated_at = $6 WHERE id = $1`,
        [id, dto.title?.trim() ?? before.title, dto.body?.trim() ?? before.body, from, to, this.clock.now()]);
      const after = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: before.schoolId, actor, role: a.role, action: 'news.edit', entity: 'school_news', entityId: id,
        before: snapshot(before), after });
      return after;
    });
  }

  /** Unpublish: the post is archived, never deleted. */
  async archive(actor: Actor, id: string): Promise<NewsView> {
    const found = await this.staffVisible(actor, id);
    const a = requireRole(actor, found.schoolId, NEWS_WRITERS);
    return this.db.transaction(async (tx) => {
      const before = await this.view(tx, id, true);
      await tx.query(`UPDATE school_news SET archived = true, updated_at = $2 WHERE id = $1`, [id, this.clock.now()]);
      const after = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: before.schoolId, actor, role: a.role, action: 'news.archive', entity: 'school_news', entityId: id,
        before: snapshot(before), after });
      return after;
    });
  }

  /** A post of another school is 404, like an unknown id. */
  private async staffVisible(actor: Actor, id: string): Promise<NewsView> {
    const [row]: NewsView[] = await this.db.query(`${VIEW_SQL} WHERE n.id = $1`, [id]);
    if (!row || !actor.principal.memberships.some((m) => m.schoolId === row.schoolId && m.roles.length > 0)) throw new NotFound('No such news post');
    return row;
  }

  private async view(tx: EntityManager, id: string, lock = false): Promise<NewsView> {
    if (lock) await tx.query(`SELECT 1 FROM school_news WHERE id = $1 FOR UPDATE`, [id]);
    const [row]: NewsView[] = await tx.query(`${VIEW_SQL} WHERE n.id = $1`, [id]);
    if (!row) throw new NotFound('No such news post');
    return row;
  }
}
