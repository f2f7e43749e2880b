import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { InvalidField, NotFound } from '../../platform/errors/domain-errors';
import type { ChangeHistoryItemView, ChangeHistoryView } from './control-checks.dto';
import { HISTORY_READERS, type HistoryEntity } from './control-checks.roles';

export interface HistoryQuery {
  schoolId: string;
  entity: HistoryEntity;
  /** mark id, lesson id, period mark id, or `lessonId:studentId` for attendance. */
  id?: string;
  lessonId?: string;
  studentId?: string;
}

type Json = Record<string, unknown>;
interface EventRow {
  seq: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: Json | null;
  after: Json | null;
  reason: string | null;
  request_id: string | null;
}
type Item = Omit<ChangeHistoryItemView, 'actorName' | 'changeRequestNumber'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLS = `seq, occurred_at, actor_user_id, actor_role, action, entity, entity_id, before, after, reason, request_id`;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' ? (v as Json) : null);
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * R-AUD-03: who changed a mark, a lesson, an attendance entry or a period mark, when, from what to what, why and under which change
 * request. Lesson saves log the whole lesson (marks keyed by id, attendance by student); change requests, reason corrections and period
 * marks log the record itself — this view gathers both and cuts out the slice of the record asked for.
 */
@Injectable()
export class HistoryService {
  constructor(private readonly db: DataSource) {}

  async history(actor: Actor, q: HistoryQuery): Promise<ChangeHistoryView> {
    requireRole(actor, q.schoolId, HISTORY_READERS);
    let items: Item[];
    let id: string;
    switch (q.entity) {
      case 'lesson': {
        id = this.uuid('id', q.id);
        await this.lessonOf(q.schoolId, id);
        items = (await this.events(q.schoolId, 'lesson', [id])).map((e) => {
          const b = obj(e.before);
          const a = obj(e.after);
          const topic = (x: Json | null) => str(obj(x?.content)?.topic ?? x?.topic);
          return this.item(e, 'lesson', id, b, a, topic(b), topic(a));
        });
        break;
      }
      case 'period_mark': {
        id = this.uuid('id', q.id);
        const events = await this.events(q.schoolId, 'period_mark', [id]);
        const [row] = await this.db.query(`SELECT 1 FROM period_marks WHERE id = $1 AND school_id = $2`, [id, q.schoolId]);
        if (!row && events.length === 0) throw new NotFound('No such period mark');
        items = events.map((e) => this.item(e, 'period_mark', id, obj(e.before), obj(e.after), str(e.before?.value), str(e.after?.value)));
        break;
      }
      case 'attendance': {
        const key = this.lessonStudent(q);
        id = `${key.lessonId}:${key.studentId}`;
        await this.lessonOf(q.schoolId, key.lessonId);
        const own = await this.events(q.schoolId, 'attendance', [id]);
        const lessonEvents = await this.events(q.schoolId, 'lesson', [key.lessonId]);
        items = [
          ...own.map((e) => this.item(e, 'attendance', id, obj(e.before), obj(e.after), str(e.before?.code), str(e.after?.code))),
          ...lessonEvents.flatMap((e) => {
            const b = obj(e.before?.attendance);
            const a = obj(e.after?.attendance);
            if (!(b && key.studentId in b) && !(a && key.studentId in a)) return [];
            const sb = obj(b?.[key.studentId]);
            const sa = obj(a?.[key.studentId]);
            return [this.item(e, 'attendance', id, sb, sa, str(sb?.code), str(sa?.code))];
          }),
        ];
        break;
      }
      case 'mark': {
        let lessonId: string;
        let markIds: string[];
        if (q.id) {
          id = this.uuid('id', q.id);
          lessonId = await this.lessonOfMark(q.schoolId, id);
          markIds = [id];
        } else {
          const key = this.lessonStudent(q);
          id = `${key.lessonId}:${key.studentId}`;
          lessonId = key.lessonId;
          await this.lessonOf(q.schoolId, lessonId);
          markIds = await this.marksOf(q.schoolId, key.lessonId, key.studentId);
        }
        const ids = new Set(markIds);
        const own = await this.events(q.schoolId, 'mark', markIds);
        const lessonEvents = await this.events(q.schoolId, 'lesson', [lessonId]);
        items = [
          ...own.map((e) => this.item(e, 'mark', e.entity_id, obj(e.before), obj(e.after), str(e.before?.value), str(e.after?.value))),
          ...lessonEvents.flatMap((e) => {
            const b = obj(e.before?.marks);
            const a = obj(e.after?.marks);
            return [...ids].filter((m) => (b && m in b) || (a && m in a)).map((m) => {
              const mb = obj(b?.[m]);
              const ma = obj(a?.[m]);
              return this.item(e, 'mark', m, mb, ma, str(mb?.value), str(ma?.value));
            });
          }),
        ];
        break;
      }
    }
    items.sort((x, y) => x.seq - y.seq);
    return { entity: q.entity, id, items: await this.named(q.schoolId, items) };
  }

  private uuid(field: string, v: string | undefined): string {
    if (!v) throw new InvalidField(field, `${field} is required`);
    if (!UUID.test(v)) throw new InvalidField(field, `${field} must be a UUID`);
    return v;
  }

  /** `id=lessonId:studentId`, or `lessonId=` and `studentId=`. */
  private lessonStudent(q: HistoryQuery): { lessonId: string; studentId: string } {
    if (q.id) {
      const [l, s, rest] = q.id.split(':');
      if (rest !== undefined || !l || !s || !UUID.test(l) || !UUID.test(s)) {
        throw new InvalidField('id', `${q.entity} id must be lessonId:studentId (or pass lessonId and studentId)`);
      }
      return { lessonId: l, studentId: s };
    }
    return { lessonId: this.uuid('lessonId', q.lessonId), studentId: this.uuid('studentId', q.studentId) };
  }

  private async lessonOf(schoolId: string, lessonId: string): Promise<void> {
    const [l] = await this.db.query(`SELECT 1 FROM lessons WHERE id = $1 AND school_id = $2`, [lessonId, schoolId]);
    if (!l) throw new NotFound('No such lesson');
  }

  /** The lesson of a mark: the live row, else the log (a deleted mark). */
  private async lessonOfMark(schoolId: string, markId: string): Promise<string> {
    const [m] = await this.db.query(`SELECT lesson_id FROM marks WHERE id = $1 AND school_id = $2`, [markId, schoolId]);
    if (m) return m.lesson_id;
    const [e] = await this.db.query(
      `SELECT coalesce(after->>'lessonId', before->>'lessonId') AS lesson_id FROM audit_events
        WHERE school_key = $1 AND entity = 'mark' AND entity_id = $2 ORDER BY seq LIMIT 1`, [schoolId, markId]);
    if (e?.lesson_id) return e.lesson_id;
    const [l] = await this.db.query(
      `SELECT entity_id FROM audit_events WHERE school_key = $1 AND entity = 'lesson' AND action = 'lesson.save'
          AND ((before->'marks') ? $2 OR (after->'marks') ? $2) ORDER BY seq LIMIT 1`, [schoolId, markId]);
    if (l) return l.entity_id;
    throw new NotFound('No such mark');
  }

  /** Every mark a student has or had on a lesson. */
  private async marksOf(schoolId: string, lessonId: string, studentId: string): Promise<string[]> {
    const live: { id: string }[] = await this.db.query(`SELECT id FROM marks WHERE lesson_id = $1 AND student_id = $2 AND school_id = $3`,
      [lessonId, studentId, schoolId]);
    const logged: { id: string }[] = await this.db.query(
      `SELECT DISTINCT k.key AS id FROM audit_events e,
              LATERAL (SELECT key, value FROM jsonb_each(coalesce(e.before->'marks', '{}'::jsonb))
                       UNION ALL SELECT key, value FROM jsonb_each(coalesce(e.after->'marks', '{}'::jsonb))) k
        WHERE e.school_key = $1 AND e.entity = 'lesson' AND e.entity_id = $2 AND k.value->>'studentId' = $3
       UNION SELECT entity_id FROM audit_events WHERE school_key = $1 AND entity = 'mark'
          AND coalesce(after->>'lessonId', before->>'lessonId') = $2 AND coalesce(after->>'studentId', before->>'studentId') = $3`,
      [schoolId, lessonId, studentId]);
    return [...new Set([...live, ...logged].map((r) => r.id))];
  }

  private async events(schoolId: string, entity: string, ids: string[]): Promise<EventRow[]> {
    if (ids.length === 0) return [];
    return this.db.query(`SELECT ${COLS} FROM audit_events WHERE school_key = $1 AND entity = $2 AND entity_id = ANY($3::text[]) ORDER BY seq`,
      [schoolId, entity, ids]);
  }

  private item(e: EventRow, entity: HistoryEntity, entityId: string, before: Json | null, after: Json | null, oldValue: string | null,
    newValue: string | null): Item {
    const cr = str(e.after?.changeRequestId);
    return {
      seq: Number(e.seq), occurredAt: new Date(e.occurred_at).toISOString(), actorUserId: e.actor_user_id, actorRole: e.actor_role, action: e.action,
      entity, entityId, oldValue, newValue, before, after: after && 'deleted' in after && Object.keys(after).length <= 2 ? null : after,
      reason: e.reason ?? str(after?.note) ?? null, changeRequestId: cr && UUID.test(cr) ? cr : null, requestId: e.request_id,
    };
  }

  /** Adds the actors' names and the change requests' registration numbers. */
  private async named(schoolId: string, items: Item[]): Promise<ChangeHistoryItemView[]> {
    const users = [...new Set(items.map((i) => i.actorUserId).filter((u): u is string => !!u))];
    const crs = [...new Set(items.map((i) => i.changeRequestId).filter((c): c is string => !!c))];
    const [names, numbers]: [{ id: string; name: string }[], { id: string; number: string }[]] = await Promise.all([
      users.length ? this.db.query(`SELECT u.id, trim(p.last_name || ' ' || p.first_name || ' ' || coalesce(p.middle_name, '')) AS name
        FROM users u JOIN persons p ON p.id = u.person_id WHERE u.id = ANY($1::uuid[])`, [users]) : [],
      crs.length ? this.db.query(`SELECT id, registration_number AS number FROM change_requests WHERE id = ANY($1::uuid[]) AND school_id = $2`,
        [crs, schoolId]) : [],
    ]);
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const numberOf = new Map(numbers.map((n) => [n.id, n.number]));
    return items.map((i) => ({ ...i, actorName: i.actorUserId ? nameOf.get(i.actorUserId) ?? null : null,
      changeRequestNumber: i.changeRequestId ? numberOf.get(i.changeRequestId) ?? null : null }));
  }
}
