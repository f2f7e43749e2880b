import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import type { Actor } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Conflict, InvalidField } from '../../platform/errors/domain-errors';
import { ValidationProblem } from '../../platform/errors/validation';
import { type DeniedItem, EditWindowClosed } from '../edit-policy/edit-window-closed';
import { WorkTypesService } from '../settings/work-types.service';
import { requireLessonWriter } from './lesson-access';
import { decideItem } from './lesson-edit';
import { StaleLesson } from './lesson-errors';
import { type LessonRow, loadLesson, loadLessonEntries, loadLessonStudents } from './lesson-page.query';
import { LessonPageService } from './lesson-page.service';
import { planSave, SaveInvalid, type SaveOp, type SaveRequest } from './lesson-save.plan';
import type { LessonPageView } from './lesson.dto';
import { LessonsService } from './lessons.service';
import { requestHash, storeAnswer, storedAnswer } from './idempotency';

export interface SaveOptions {
  /** The client's version: body `version`, else the If-Match header. */
  version?: number;
  ifMatch?: string;
  idempotencyKey?: string;
  /** Which route the request came through (part of the idempotency hash). */
  route: string;
}

/** `"3"`, `W/"3"` or `3` → 3. */
function versionFromIfMatch(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!m) throw new InvalidField('If-Match', 'If-Match must be the lesson version, e.g. "3"');
  return Number(m[1]);
}

type Json = Record<string, unknown>;

/**
 * R-JRN-02..05, R-JRN-07, R-API-03: the bulk save of a lesson — topic, held, work types, homework, attendance, marks and remarks of the
 * whole class in one request, validated as a unit, decided item by item by the edit policy, written in one transaction (all or nothing),
 * with optimistic concurrency on the lesson version and idempotent retries. Entry times come from the server, never from the client.
 */
@Injectable()
export class LessonSaveService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly lessons: LessonsService,
    private readonly pages: LessonPageService, private readonly workTypes: WorkTypesService) {}

  async save(actor: Actor, lessonId: string, req: SaveRequest, opts: SaveOptions): Promise<LessonPageView> {
    const found = await this.lessons.find(actor, lessonId);
    const a = requireLessonWriter(actor, found);
    const expected = opts.version ?? versionFromIfMatch(opts.ifMatch);
    if (expected === undefined) throw new InvalidField('version', 'version (or If-Match) is required');
    const userId = actor.principal.userId;
    const hash = requestHash({ route: opts.route, lessonId, version: expected, request: req });
    const key = opts.idempotencyKey;
    if (key) {
      const stored = await storedAnswer(this.db.manager, userId, key, hash);
      if (stored) return stored.response as LessonPageView;
    }
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT id FROM lessons WHERE id = $1 FOR UPDATE`, [lessonId]);
      // A retry that waited for the first attempt's lock finds its answer now.
      if (key) {
        const stored = await storedAnswer(tx, userId, key, hash);
        if (stored) return stored.response as LessonPageView;
      }
      const l = (await loadLesson(tx, lessonId)) as LessonRow;
      if (l.version !== expected) throw new StaleLesson(expected, await this.pages.page(tx, l));
      if (l.cancelled) throw new Conflict('The lesson is cancelled; nothing can be entered on it');
      const [ctx, students, entries, types] = await Promise.all([
        this.pages.editContext(tx, l), loadLessonStudents(tx, l), loadLessonEntries(tx, l.id), this.workTypes.forSchool(tx, l.schoolId, actor),
      ]);
      let ops: SaveOp[];
      try {
        ops = planSave(req, { date: l.date, topic: l.topic, held: l.held, workTypes: l.workTypes, firstEnteredAt: l.firstEnteredAt, enteredLate: l.enteredLate,
          studentIds: new Set(students.map((s) => s.studentId)), entries, workTypeTable: types });
      } catch (e) {
        if (e instanceof SaveInvalid) throw new ValidationProblem(e.errors);
        throw e;
      }
      // R-JRN-05: every item is decided; one refused item refuses the whole save.
      const decided = ops.map((op) => ({ op, d: decideItem(ctx, op.item, op.entered) }));
      const denied: DeniedItem[] = decided.flatMap(({ op, d }) => d.allowed ? []
        : [{ field: op.field, item: op.item, reason: d.reason, editableUntil: d.editableUntil, needsChangeRequest: d.needsChangeRequest }]);
      if (denied.length) throw new EditWindowClosed(denied);
      if (ops.length) {
        const now = ctx.now;
        const before: Json = { version: l.version };
        const after: Json = { version: l.version + 1 };
        const late: string[] = [];
        for (const { op, d } of decided) {
          const isLate = d.allowed && d.late && op.entered === null;
          if (isLate) late.push(op.field);
          await this.apply(tx, l, actor.principal.userId, op, now, isLate, before, after);
        }
        await tx.query(`UPDATE lessons SET version = version + 1 WHERE id = $1`, [l.id]);
        if (late.length) after.lateEntries = late;
        await this.audit.record(tx, { schoolId: l.schoolId, actor, role: a.role, action: 'lesson.save', entity: 'lesson', entityId: l.id, before, after });
      }
      const page = await this.pages.page(tx, (await loadLesson(tx, lessonId)) as LessonRow);
      if (key) await storeAnswer(tx, { userId, key, schoolId: l.schoolId, hash, status: 200, response: page });
      return page;
    });
  }

  /** Writes one change and notes it in the audit's before/after (marks and attendance keyed by id and student). */
  private async apply(tx: EntityManager, l: LessonRow, userId: string, op: SaveOp, now: Date, late: boolean, before: Json, after: Json): Promise<void> {
    const keyed = (k: string, id: string, b: unknown, a: unknown) => {
      ((before[k] ??= {}) as Json)[id] = b;
      ((after[k] ??= {}) as Json)[id] = a;
    };
    switch (op.kind) {
      case 'content': {
        // R-JRN-07: the first entry of content is stamped once, with its lateness; later edits only move content_updated_at.
        await tx.query(`UPDATE lessons SET topic = $2, held = $3, work_types = $4, content_updated_at = $5,
            entered_late = CASE WHEN first_entered_at IS NULL THEN $6 ELSE entered_late END, first_entered_at = coalesce(first_entered_at, $5)
          WHERE id = $1`, [l.id, op.after.topic, op.after.held, op.after.workTypes, now, late]);
        before.content = op.before;
        after.content = op.after;
        return;
      }
      case 'homework': {
        if (op.after === null) await tx.query(`DELETE FROM homework WHERE lesson_id = $1`, [l.id]);
        else if (op.before === null) {
          await tx.query(`INSERT INTO homework (id, school_id, lesson_id, text, due_date, entered_at, entered_late, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$6)`,
            [newId(), l.schoolId, l.id, op.after.text, op.after.dueDate, now, late]);
        } else {
          await tx.query(`UPDATE homework SET text = $2, due_date = $3, updated_at = $4 WHERE lesson_id = $1`, [l.id, op.after.text, op.after.dueDate, now]);
        }
        before.homework = op.before && { text: op.before.text, dueDate: op.before.dueDate, enteredLate: op.before.enteredLate };
        after.homework = op.after && { ...op.after, enteredLate: op.before ? op.before.enteredLate : late };
        return;
      }
      case 'attendance': {
        if (op.after === null) await tx.query(`DELETE FROM attendance WHERE lesson_id = $1 AND student_id = $2`, [l.id, op.studentId]);
        else if (op.before === null) {
          await tx.query(`INSERT INTO attendance (school_id, lesson_id, student_id, code, minutes_late, entered_at, entered_late, updated_at, updated_by)
            VALUES ($1,$2,$3,$4,$5,$6,$7,$6,$8)`, [l.schoolId, l.id, op.studentId, op.after.code, op.after.minutesLate, now, late, userId]);
        } else {
          await tx.query(`UPDATE attendance SET code = $3, minutes_late = $4, updated_at = $5, updated_by = $6 WHERE lesson_id = $1 AND student_id = $2`,
            [l.id, op.studentId, op.after.code, op.after.minutesLate, now, userId]);
        }
        keyed('attendance', op.studentId, op.before && { code: op.before.code, minutesLate: op.before.minutesLate },
          op.after && { ...op.after, enteredLate: op.before ? op.before.enteredLate : late });
        return;
      }
      case 'mark': {
        const markView = (m: { studentId: string; value: string; workType: string; weight: number; comment: string | null }, enteredLate: boolean) =>
          ({ studentId: m.studentId, value: m.value, workType: m.workType, weight: m.weight, comment: m.comment, enteredLate });
        if (op.after === null) {
          if (op.before === null) return;
          await tx.query(`DELETE FROM marks WHERE id = $1`, [op.before.id]);
          keyed('marks', op.before.id, markView(op.before, op.before.enteredLate), null);
        } else if (op.before === null) {
          const id = newId();
          await tx.query(`INSERT INTO marks (id, school_id, lesson_id, student_id, value, work_type, weight, comment, entered_at, entered_late, entered_by, updated_at)
            VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$9)`,
          [id, l.schoolId, l.id, op.after.studentId, op.after.value, op.after.workType, op.after.weight, op.after.comment, now, late, userId]);
          keyed('marks', id, null, markView(op.after, late));
        } else {
          await tx.query(`UPDATE marks SET value = $2, work_type = $3, weight = $4, comment = $5, updated_at = $6, version = version + 1 WHERE id = $1`,
            [op.before.id, op.after.value, op.after.workType, op.after.weight, op.after.comment, now]);
          keyed('marks', op.before.id, markView(op.before, op.before.enteredLate), markView(op.after, op.before.enteredLate));
        }
        return;
      }
      case 'remark': {
        const id = newId();
        await tx.query(`INSERT INTO remarks (id, school_id, lesson_id, student_id, text, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
          [id, l.schoolId, l.id, op.studentId, op.text, userId, now]);
        keyed('remarks', id, null, { studentId: op.studentId, text: op.text, enteredLate: late });
        return;
      }
    }
  }
}
