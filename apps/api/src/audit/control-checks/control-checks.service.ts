import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type Actor, hasRole, requireRole, rolesIn, type SchoolActor } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, Forbidden, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { AuditService } from '../log/audit.service';
import type {
  ControlCheckPage, ControlCheckView, ControlReportView, CreateControlCheckDto, DecideControlRemarkDto, FixControlRemarkDto, ControlRemarkEventView, ControlRemarkView,
  ControlTeacherRow,
} from './control-checks.dto';
import { CONTROL_READERS, CONTROL_TEACHERS, CONTROL_WRITERS, type RemarkStatus } from './control-checks.roles';

/** "Смирнова А. П." from persons p. */
export const SHORT_NAME = (p: string) =>
  `(${p}.last_name || ' ' || left(${p}.first_name, 1) || '.' || coalesce(' ' || left(${p}.middle_name, 1) || '.', ''))`;

/** The school's calendar date of an instant. */
export function schoolDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

const CHECK_SQL = `
  SELECT ch.id, ch.school_id AS "schoolId", ch.teacher_id AS "teacherId", ${SHORT_NAME('tp')} AS "teacherName",
         ch.class_id AS "classId", c.grade || c.letter AS "className", ch.subject_id AS "subjectId", s.name AS "subjectName",
         ch.checked_on::text AS "checkedOn", ch.kind, ch.summary, ch.created_by AS "createdBy", ${SHORT_NAME('cp')} AS "createdByName",
         ch.created_at AS "createdAt"
    FROM control_checks ch
    JOIN persons tp ON tp.id = ch.teacher_id
    JOIN classes c ON c.id = ch.class_id
    JOIN subjects s ON s.id = ch.subject_id
    JOIN users cu ON cu.id = ch.created_by
    JOIN persons cp ON cp.id = cu.person_id`;

const REMARK_SQL = `
  SELECT r.id, r.check_id AS "checkId", r.school_id AS "schoolId", r.teacher_id AS "teacherId", ${SHORT_NAME('tp')} AS "teacherName",
         ch.class_id AS "classId", c.grade || c.letter AS "className", ch.subject_id AS "subjectId", s.name AS "subjectName",
         ch.checked_on::text AS "checkedOn", ch.kind, r.position, r.text, r.due_on::text AS "dueOn", r.status, r.fixed_at AS "fixedAt",
         r.fixed_comment AS "fixedComment", r.accepted_at AS "acceptedAt", r.version
    FROM control_remarks r
    JOIN control_checks ch ON ch.id = r.check_id
    JOIN persons tp ON tp.id = r.teacher_id
    JOIN classes c ON c.id = ch.class_id
    JOIN subjects s ON s.id = ch.subject_id`;

type RemarkRow = Omit<ControlRemarkView, 'overdue' | 'events'>;
type CheckRow = Omit<ControlCheckView, 'remarks' | 'state'>;
const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

export interface CheckQuery {
  schoolId: string;
  teacherId?: string;
  classId?: string;
  subjectId?: string;
  status?: 'open' | 'closed' | 'overdue';
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/**
 * R-AUD-05 (001 "Проверка заполнения"; 002 §3.3.15, §3.4.7): the deputy checks a teacher's journal of a class and subject and records
 * remarks with due dates; the teacher marks each fixed with a comment; the deputy accepts it or reopens it. Every change of state is kept in
 * control_remark_events and in the audit log, in the same transaction; remarks carry an optimistic version.
 */
@Injectable()
export class ControlChecksService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly clock: Clock) {}

  async create(actor: Actor, dto: CreateControlCheckDto): Promise<ControlCheckView> {
    const [cls] = await this.db.query(
      `SELECT c.id, c.school_id, c.academic_year_id, c.grade || c.letter AS name, y.starts_on::text AS starts_on, y.ends_on::text AS ends_on
         FROM classes c JOIN academic_years y ON y.id = c.academic_year_id WHERE c.id = $1`, [dto.classId]);
    if (!cls || rolesIn(actor.principal, cls.school_id).length === 0) throw new NotFound('No such class');
    const a = requireRole(actor, cls.school_id, CONTROL_WRITERS);
    const schoolId: string = cls.school_id;
    const [subject] = await this.db.query(`SELECT id, name FROM subjects WHERE id = $1 AND school_id = $2`, [dto.subjectId, schoolId]);
    if (!subject) throw new InvalidField('subjectId', 'no such subject in the school of the class');
    const [staff] = await this.db.query(
      `SELECT 1 FROM employments WHERE school_id = $1 AND person_id = $2 AND dismissed_at IS NULL AND roles && ARRAY['teacher','class_teacher']::text[]`,
      [schoolId, dto.teacherId]);
    if (!staff) throw new InvalidField('teacherId', 'is not a teacher of the school');
    const [teaches] = await this.db.query(
      `SELECT 1 FROM teacher_loads WHERE teacher_id = $1 AND class_id = $2 AND subject_id = $3
        UNION ALL SELECT 1 FROM lessons WHERE class_id = $2 AND subject_id = $3 AND (teacher_id = $1 OR substitute_teacher_id = $1) LIMIT 1`,
      [dto.teacherId, dto.classId, dto.subjectId]);
    if (!teaches) throw new InvalidField('teacherId', `does not teach ${subject.name} in ${cls.name}`);
    const today = await this.today(schoolId);
    if (dto.checkedOn > today) throw new InvalidField('checkedOn', `the check cannot be dated after today (${today})`);
    if (dto.checkedOn < cls.starts_on || dto.checkedOn > cls.ends_on) {
      throw new InvalidField('checkedOn', `must lie in the class's academic year (${cls.starts_on}..${cls.ends_on})`);
    }
    dto.remarks.forEach((r, i) => {
      if (r.dueOn < dto.checkedOn) throw new InvalidField(`remarks[${i}].dueOn`, 'the due date cannot be before the date of the check');
    });
    const id = newId();
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO control_checks (id, school_id, academic_year_id, teacher_id, class_id, subject_id, checked_on, kind, summary, created_by, created_at)
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [id, schoolId, cls.academic_year_id, dto.teacherId, dto.classId, dto.subjectId, dto.checkedOn, dto.kind, dto.summary.trim(), actor.principal.userId, now]);
      for (const [i, r] of dto.remarks.entries()) {
        const rid = newId();
        await tx.query(`INSERT INTO control_remarks (id, school_id, check_id, teacher_id, position, text, due_on, created_at, updated_at)
          VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8)`, [rid, schoolId, id, dto.teacherId, i + 1, r.text.trim(), r.dueOn, now]);
        await this.event(tx, a, rid, 'created', null, 'open', null, now);
      }
      const view = await this.checkView(tx, id, today);
      await this.audit.record(tx, { schoolId, actor, role: a.role, action: 'control_check.create', entity: 'control_check', entityId: id,
        after: { teacherId: view.teacherId, classId: view.classId, subjectId: view.subjectId, checkedOn: view.checkedOn, kind: view.kind,
          summary: view.summary, remarks: view.remarks.map((r) => ({ id: r.id, text: r.text, dueOn: r.dueOn })) } });
      return view;
    });
  }

  async list(actor: Actor, q: CheckQuery): Promise<ControlCheckPage> {
    let teacherId = q.teacherId;
    if (!hasRole(actor, q.schoolId, CONTROL_READERS)) {
      requireRole(actor, q.schoolId, CONTROL_TEACHERS);
      // A teacher sees the checks of their own journals only.
      teacherId = actor.principal.personId ?? '00000000-0000-0000-0000-000000000000';
      if (q.teacherId && q.teacherId !== teacherId) return { items: [], total: 0 };
    }
    const today = await this.today(q.schoolId);
    const where = [`ch.school_id = $1`];
    const args: unknown[] = [q.schoolId];
    const add = (sql: string, v: unknown) => {
      args.push(v);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (teacherId) add(`ch.teacher_id = ?`, teacherId);
    if (q.classId) add(`ch.class_id = ?`, q.classId);
    if (q.subjectId) add(`ch.subject_id = ?`, q.subjectId);
    if (q.from) add(`ch.checked_on >= ?::date`, q.from);
    if (q.to) add(`ch.checked_on <= ?::date`, q.to);
    if (q.status === 'open') where.push(`EXISTS (SELECT 1 FROM control_remarks r WHERE r.check_id = ch.id AND r.status <> 'accepted')`);
    if (q.status === 'closed') where.push(`NOT EXISTS (SELECT 1 FROM control_remarks r WHERE r.check_id = ch.id AND r.status <> 'accepted')`);
    if (q.status === 'overdue') add(`EXISTS (SELECT 1 FROM control_remarks r WHERE r.check_id = ch.id AND r.status <> 'accepted' AND r.due_on < ?::date)`, today);
    const cond = where.join(' AND ');
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM control_checks ch WHERE ${cond}`, args);
    const ids: { id: string }[] = await this.db.query(
      `SELECT ch.id FROM control_checks ch WHERE ${cond} ORDER BY ch.checked_on DESC, ch.created_at DESC, ch.id LIMIT ${q.limit} OFFSET ${q.offset}`, args);
    const items = await this.checkViews(this.db.manager, ids.map((r) => r.id), today);
    return { items, total: n };
  }

  async get(actor: Actor, id: string): Promise<ControlCheckView> {
    const [row] = await this.db.query(`SELECT school_id, teacher_id FROM control_checks WHERE id = $1`, [id]);
    if (!row || rolesIn(actor.principal, row.school_id).length === 0) throw new NotFound('No such control check');
    if (!hasRole(actor, row.school_id, CONTROL_READERS)) {
      requireRole(actor, row.school_id, CONTROL_TEACHERS);
      if (row.teacher_id !== actor.principal.personId) throw new NotFound('No such control check');
    }
    return this.checkView(this.db.manager, id, await this.today(row.school_id));
  }

  /** The teacher's remarks: not yet accepted by default (open and fixed), or all of them. */
  async mine(actor: Actor, schoolId: string, all: boolean): Promise<{ items: ControlRemarkView[] }> {
    requireRole(actor, schoolId, CONTROL_TEACHERS);
    const personId = actor.principal.personId;
    if (!personId) return { items: [] };
    const rows: RemarkRow[] = await this.db.query(
      `${REMARK_SQL} WHERE r.school_id = $1 AND r.teacher_id = $2 ${all ? '' : `AND r.status <> 'accepted'`}
       ORDER BY r.due_on, ch.checked_on, r.position`, [schoolId, personId]);
    return { items: await this.withEvents(this.db.manager, rows, await this.today(schoolId)) };
  }

  /** 002 §3.3.15: the teacher marks their remark fixed, with a comment. */
  async fix(actor: Actor, remarkId: string, dto: FixControlRemarkDto): Promise<ControlRemarkView> {
    const r = await this.visibleRemark(actor, remarkId);
    const roles = rolesIn(actor.principal, r.schoolId);
    const owner = roles.some((x) => CONTROL_TEACHERS.includes(x)) && r.teacherId === actor.principal.personId;
    if (!owner) {
      if (hasRole(actor, r.schoolId, CONTROL_READERS)) throw new Forbidden('Only the teacher the remark is addressed to marks it fixed');
      throw new NotFound('No such remark');
    }
    const a = requireRole(actor, r.schoolId, CONTROL_TEACHERS);
    return this.transition(a, remarkId, dto.version, ['open'], 'fixed', 'fixed', dto.comment.trim());
  }

  /** 002 §3.4.7: the deputy accepts a fixed remark (closes it). */
  async accept(actor: Actor, remarkId: string, dto: DecideControlRemarkDto): Promise<ControlRemarkView> {
    const r = await this.visibleRemark(actor, remarkId);
    const a = requireRole(actor, r.schoolId, CONTROL_WRITERS);
    return this.transition(a, remarkId, dto.version, ['fixed'], 'accepted', 'accepted', dto.comment?.trim() ?? null);
  }

  /** The deputy reopens a fixed or accepted remark, saying why. */
  async reopen(actor: Actor, remarkId: string, dto: DecideControlRemarkDto): Promise<ControlRemarkView> {
    const r = await this.visibleRemark(actor, remarkId);
    const a = requireRole(actor, r.schoolId, CONTROL_WRITERS);
    if (!dto.comment?.trim()) throw new InvalidField('comment', 'say why the remark is reopened');
    return this.transition(a, remarkId, dto.version, ['fixed', 'accepted'], 'open', 'reopened', dto.comment.trim());
  }

  /** Open and overdue remarks per teacher, of the checks dated in [from, to]. */
  async report(actor: Actor, schoolId: string, from?: string, to?: string): Promise<ControlReportView> {
    requireRole(actor, schoolId, CONTROL_READERS);
    if (from && to && from > to) throw new InvalidField('to', 'to must not be before from');
    const today = await this.today(schoolId);
    const rows: (ControlTeacherRow & { checks: number })[] = await this.db.query(
      `SELECT ch.teacher_id AS "teacherId", ${SHORT_NAME('p')} AS "teacherName", count(DISTINCT ch.id)::int AS checks, count(r.id)::int AS remarks,
              count(*) FILTER (WHERE r.status = 'open')::int AS open, count(*) FILTER (WHERE r.status = 'fixed')::int AS fixed,
              count(*) FILTER (WHERE r.status = 'accepted')::int AS accepted,
              count(*) FILTER (WHERE r.status <> 'accepted' AND r.due_on < $4::date)::int AS overdue
         FROM control_checks ch JOIN persons p ON p.id = ch.teacher_id LEFT JOIN control_remarks r ON r.check_id = ch.id
        WHERE ch.school_id = $1 AND ($2::date IS NULL OR ch.checked_on >= $2::date) AND ($3::date IS NULL OR ch.checked_on <= $3::date)
        GROUP BY ch.teacher_id, p.last_name, p.first_name, p.middle_name`, [schoolId, from ?? null, to ?? null, today]);
    rows.sort((x, y) => y.overdue - x.overdue || (y.open + y.fixed) - (x.open + x.fixed) || x.teacherName.localeCompare(y.teacherName, 'ru'));
    const sum = (k: keyof ControlTeacherRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
    return { schoolId, from: from ?? null, to: to ?? null, today, teachers: rows,
      total: { teacherId: '', teacherName: '', checks: sum('checks'), remarks: sum('remarks'), open: sum('open'), fixed: sum('fixed'),
        accepted: sum('accepted'), overdue: sum('overdue') } };
  }

  private async transition(a: SchoolActor, remarkId: string, version: number, from: RemarkStatus[], to: RemarkStatus,
    action: 'fixed' | 'accepted' | 'reopened', comment: string | null): Promise<ControlRemarkView> {
    const now = this.clock.now();
    const today = await this.today(a.schoolId);
    return this.db.transaction(async (tx) => {
      const [cur] = await tx.query(`SELECT status, version, fixed_comment FROM control_remarks WHERE id = $1 FOR UPDATE`, [remarkId]);
      assertVersion(cur.version, version);
      if (!from.includes(cur.status)) throw new Conflict(`The remark is ${cur.status}; it can be ${action} only when ${from.join(' or ')}`);
      if (to === 'fixed') {
        await tx.query(`UPDATE control_remarks SET status = 'fixed', fixed_at = $2, fixed_comment = $3, accepted_at = NULL, updated_at = $2,
          version = version + 1 WHERE id = $1`, [remarkId, now, comment]);
      } else if (to === 'accepted') {
        await tx.query(`UPDATE control_remarks SET status = 'accepted', accepted_at = $2, updated_at = $2, version = version + 1 WHERE id = $1`, [remarkId, now]);
      } else {
        await tx.query(`UPDATE control_remarks SET status = 'open', accepted_at = NULL, updated_at = $2, version = version + 1 WHERE id = $1`, [remarkId, now]);
      }
      await this.event(tx, a, remarkId, action, cur.status, to, comment, now);
      await this.audit.record(tx, { schoolId: a.schoolId, actor: a, role: a.role, action: `control_remark.${action === 'fixed' ? 'fix' : action === 'accepted' ? 'accept' : 'reopen'}`,
        entity: 'control_remark', entityId: remarkId, before: { status: cur.status, version: cur.version, fixedComment: cur.fixed_comment },
        after: { status: to, version: cur.version + 1, ...(to === 'fixed' ? { fixedComment: comment } : {}) }, reason: comment });
      const [row]: RemarkRow[] = await tx.query(`${REMARK_SQL} WHERE r.id = $1`, [remarkId]);
      return (await this.withEvents(tx, [row], today))[0];
    });
  }

  /** Loads a remark's school; no membership there answers 404. */
  private async visibleRemark(actor: Actor, id: string): Promise<{ schoolId: string; teacherId: string }> {
    const [r] = await this.db.query(`SELECT school_id AS "schoolId", teacher_id AS "teacherId" FROM control_remarks WHERE id = $1`, [id]);
    if (!r || rolesIn(actor.principal, r.schoolId).length === 0) throw new NotFound('No such remark');
    return r;
  }

  private event(tx: EntityManager, a: SchoolActor, remarkId: string, action: string, from: string | null, to: string, comment: string | null, at: Date) {
    return tx.query(`INSERT INTO control_remark_events (id, school_id, remark_id, action, from_status, to_status, comment, actor_user_id, actor_role, at)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, [newId(), a.schoolId, remarkId, action, from, to, comment, a.principal.userId, a.role, at]);
  }

  private async today(schoolId: string): Promise<string> {
    const [s] = await this.db.query(`SELECT time_zone FROM schools WHERE id = $1`, [schoolId]);
    return schoolDate(this.clock.now(), s?.time_zone ?? 'Europe/Moscow');
  }

  private async checkView(tx: EntityManager, id: string, today: string): Promise<ControlCheckView> {
    const [v] = await this.checkViews(tx, [id], today);
    if (!v) throw new NotFound('No such control check');
    return v;
  }

  private async checkViews(tx: EntityManager, ids: string[], today: string): Promise<ControlCheckView[]> {
    if (ids.length === 0) return [];
    const checks: CheckRow[] = await tx.query(`${CHECK_SQL} WHERE ch.id = ANY($1::uuid[])`, [ids]);
    const remarks: RemarkRow[] = await tx.query(`${REMARK_SQL} WHERE r.check_id = ANY($1::uuid[]) ORDER BY r.position`, [ids]);
    const views = await this.withEvents(tx, remarks, today);
    const byId = new Map(checks.map((c) => [c.id, c]));
    return ids.flatMap((id) => {
      const c = byId.get(id);
      if (!c) return [];
      const rs = views.filter((r) => r.checkId === id);
      return [{ ...c, createdAt: iso(c.createdAt) as string, state: rs.every((r) => r.status === 'accepted') ? 'closed' as const : 'open' as const, remarks: rs }];
    });
  }

  private async withEvents(tx: EntityManager, rows: RemarkRow[], today: string): Promise<ControlRemarkView[]> {
    if (rows.length === 0) return [];
    const events: (ControlRemarkEventView & { remarkId: string })[] = await tx.query(
      `SELECT e.remark_id AS "remarkId", e.action, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.comment, e.actor_user_id AS "actorUserId",
              ${SHORT_NAME('p')} AS "actorName", e.actor_role AS "actorRole", e.at
         FROM control_remark_events e JOIN users u ON u.id = e.actor_user_id JOIN persons p ON p.id = u.person_id
        WHERE e.remark_id = ANY($1::uuid[]) ORDER BY e.at, e.id`, [rows.map((r) => r.id)]);
    return rows.map((r) => ({
      ...r, fixedAt: iso(r.fixedAt), acceptedAt: iso(r.acceptedAt), overdue: r.status !== 'accepted' && r.dueOn < today,
      events: events.filter((e) => e.remarkId === r.id).map(({ remarkId: _r, ...e }) => ({ ...e, at: iso(e.at) as string })),
    }));
  }
}
