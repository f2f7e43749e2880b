import { Injectable } from '@nestjs/common';
import type { Role } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { TeacherLoadsService } from '../../curriculum/loads/teacher-loads.service';
import { PeriodsService } from '../../curriculum/periods/periods.service';
import { type Actor, hasRole, requireRole, rolesIn } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/database/ids';
import { Conflict, Forbidden, InvalidField, NotFound, StaleVersion } from '../../platform/errors/domain-errors';
import { localDate } from '../edit-policy/zoned-time';
import { Attendance, Lesson, Mark, PeriodMark } from '../journal.entities';
import type { ChangeRequestStatus } from '../journal.entities';
import { CHANGE_APPLIERS, CHANGE_DECIDERS, JOURNAL_CONTROL, JOURNAL_READ_ALL, LESSON_WRITERS } from '../journal.roles';
import { JournalSettingsService } from '../settings/journal-settings.service';
import { WorkTypesService } from '../settings/work-types.service';
import { resolveItem, type ResolvedItem, storedItem } from './change-items';
import {
  ApplyChangeRequestDto, type ChangeItemView, ChangeRequestView, DecideChangeRequestDto, FileChangeRequestDto,
} from './change-request.dto';
import { type RegisterSheet, renderRegister } from './register.pdf';

/** R-JRN-06 (003 §4): the initiator is a teacher (for lessons they teach or substitute) or the deputy. */
const FILERS: readonly Role[] = [...LESSON_WRITERS, ...JOURNAL_CONTROL];
const READERS: readonly Role[] = [...JOURNAL_READ_ALL, ...LESSON_WRITERS];
/** The class teacher applies when the school has configured it (003 §4 p. 4: "в случае его отсутствия … классный руководитель"). */
const APPLIERS: readonly Role[] = [...CHANGE_APPLIERS, 'class_teacher'];

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const name = (p: string, u: string) => `CASE WHEN ${u}.id IS NULL THEN NULL ELSE coalesce(nullif(concat_ws(' ', ${p}.last_name, ${p}.first_name, ${p}.middle_name), ''), ${u}.login) END`;

const VIEW_SQL = `SELECT cr.id, cr.school_id AS "schoolId", cr.registration_number AS "registrationNumber", cr.number, cr.status,
  cr.initiator_id AS "initiatorId", ${name('ip', 'iu')} AS "initiatorName", cr.initiator_role AS "initiatorRole",
  cr.reason_category AS "reasonCategory", cr.document_reference AS "documentReference", cr.explanation, cr.items,
  cr.class_id AS "classId", CASE WHEN c.id IS NULL THEN NULL ELSE c.grade || c.letter END AS "className",
  cr.subject_id AS "subjectId", s.name AS "subjectName", cr.period_id AS "periodId", sp.name AS "periodName",
  cr.decided_by AS "decidedBy", ${name('dp', 'du')} AS "decidedByName", ${iso('cr.decided_at')} AS "decidedAt", cr.decision_note AS "decisionNote",
  cr.applied_by AS "appliedBy", ${name('ap', 'au')} AS "appliedByName", ${iso('cr.applied_at')} AS "appliedAt",
  ${iso('cr.created_at')} AS "createdAt", cr.version
  FROM change_requests cr
  LEFT JOIN users iu ON iu.id = cr.initiator_id LEFT JOIN persons ip ON ip.id = iu.person_id
  LEFT JOIN classes c ON c.id = cr.class_id LEFT JOIN subjects s ON s.id = cr.subject_id LEFT JOIN study_periods sp ON sp.id = cr.period_id
  LEFT JOIN users du ON du.id = cr.decided_by LEFT JOIN persons dp ON dp.id = du.person_id
  LEFT JOIN users au ON au.id = cr.applied_by LEFT JOIN persons ap ON ap.id = au.person_id`;

const REASON_RU: Record<string, string> = {
  student_illness: 'Болезнь обучающегося (документ)', teacher_absence: 'Отсутствие учителя (документ)', other_document: 'Иная уважительная причина (документ)',
};

export interface ListQuery {
  schoolId: string;
  status?: ChangeRequestStatus;
  periodId?: string;
}

/**
 * R-JRN-06 (003 §4): a change to the journal after its edit window. A teacher or the deputy files a request (registered with a
 * number per school and year), the director approves or rejects it, and the admin — or the class teacher when the school says so —
 * applies every item in one transaction, bypassing the edit windows (not a closed year). Every write is audited with the request id.
 */
@Injectable()
export class ChangeRequestsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly clock: Clock,
    private readonly settings: JournalSettingsService, private readonly workTypes: WorkTypesService, private readonly loads: TeacherLoadsService,
    private readonly periods: PeriodsService) {}

  async file(actor: Actor, dto: FileChangeRequestDto): Promise<ChangeRequestView> {
    return this.db.transaction(async (tx) => {
      const items: ResolvedItem[] = [];
      for (const [i, item] of dto.items.entries()) items.push(await resolveItem(tx, actor, item, i, (s) => this.workTypeCodes(tx, s, actor)));
      const scope = items[0].scope;
      const a = requireRole(actor, scope.schoolId, FILERS);
      const keys = items.map(itemKey);
      items.forEach((it, i) => {
        if (it.scope.schoolId !== scope.schoolId || it.scope.classId !== scope.classId || it.scope.subjectId !== scope.subjectId) {
          throw new InvalidField(`items[${i}]`, 'all items of a request must be of one class and subject');
        }
        const same = keys.indexOf(keys[i]);
        if (keys[i] !== null && same !== i) throw new InvalidField(`items[${i}]`, `changes the same thing as items[${same}]`);
      });
      // A teacher asks only for lessons they gave (or substituted) and period marks of what they teach; the deputy for any (003 §4 p. 1).
      const deputy = hasRole(actor, scope.schoolId, JOURNAL_CONTROL);
      if (!deputy) await this.assertTeacherOf(tx, actor, items);
      await this.assertYearOpen(tx, scope.academicYearId);
      const { number, registrationNumber } = await this.nextNumber(tx, scope.schoolId, scope.academicYearId);
      const periodId = await this.periodOf(tx, items);
      const id = newId();
      const role = deputy ? 'deputy' : a.role;
      await tx.query(
        `INSERT INTO change_requests (id, school_id, number, registration_number, initiator_id, initiator_role, status, reason_category,
           document_reference, explanation, items, class_id, subject_id, period_id, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,'filed',$7,$8,$9,$10,$11,$12,$13,$14)`,
        [id, scope.schoolId, number, registrationNumber, actor.principal.userId, role, dto.reasonCategory, dto.documentReference.trim(),
          dto.explanation.trim(), JSON.stringify(items.map(storedItem)), scope.classId, scope.subjectId, periodId, this.clock.now()]);
      const view = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: scope.schoolId, actor, role, action: 'change_request.file', entity: 'change_request', entityId: id,
        after: view, reason: `${registrationNumber}: ${view.explanation}` });
      return view;
    });
  }

  /** A teacher sees the requests they filed and those of the class they are class teacher of; the school's readers see all. */
  async list(actor: Actor, q: ListQuery): Promise<ChangeRequestView[]> {
    requireRole(actor, q.schoolId, READERS);
    const all = hasRole(actor, q.schoolId, JOURNAL_READ_ALL);
    return this.db.query(
      `${VIEW_SQL} WHERE cr.school_id = $1 AND ($2::text IS NULL OR cr.status = $2) AND ($3::uuid IS NULL OR cr.period_id = $3)
          AND ($4 OR cr.initiator_id = $5 OR c.class_teacher_id = $6)
        ORDER BY cr.created_at DESC, cr.registration_number DESC LIMIT 1000`,
      [q.schoolId, q.status ?? null, q.periodId ?? null, all, actor.principal.userId, actor.principal.personId]);
  }

  async get(actor: Actor, id: string): Promise<ChangeRequestView> {
    return this.visible(actor, id);
  }

  /** R-JRN-06: the director approves or rejects a filed request. */
  async decide(actor: Actor, id: string, dto: DecideChangeRequestDto): Promise<ChangeRequestView> {
    const found = await this.visible(actor, id);
    const a = requireRole(actor, found.schoolId, CHANGE_DECIDERS);
    if (dto.decision === 'reject' && !dto.note) throw new InvalidField('note', 'note (the reason) is required to reject a request');
    return this.db.transaction(async (tx) => {
      const before = await this.lock(tx, id, dto.version);
      if (before.status !== 'filed') throw new Conflict(`Request ${before.registrationNumber} is ${before.status}; only a filed request is decided`);
      const status = dto.decision === 'approve' ? 'approved' : 'rejected';
      await tx.query(`UPDATE change_requests SET status = $2, decided_by = $3, decided_at = $4, decision_note = $5, version = version + 1 WHERE id = $1`,
        [id, status, actor.principal.userId, this.clock.now(), dto.note ?? null]);
      const after = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: before.schoolId, actor, role: a.role, action: `change_request.${dto.decision}`, entity: 'change_request',
        entityId: id, before: snapshot(before), after, reason: dto.note ?? null });
      return after;
    });
  }

  /**
   * R-JRN-06: applies every item of an approved request in one transaction — all or nothing. The edit windows do not apply (the
   * director allowed the change); a closed year does. An item whose value changed since filing stops the whole request (409).
   */
  async apply(actor: Actor, id: string, dto: ApplyChangeRequestDto): Promise<ChangeRequestView> {
    const found = await this.visible(actor, id);
    const a = requireRole(actor, found.schoolId, APPLIERS);
    return this.db.transaction(async (tx) => {
      const before = await this.lock(tx, id, dto.version);
      if (!hasRole(actor, before.schoolId, CHANGE_APPLIERS)) await this.assertClassTeacherApplies(tx, actor, before);
      if (before.status !== 'approved') {
        throw new Conflict(`Request ${before.registrationNumber} is ${before.status}; only an approved request is applied`, { requestStatus: before.status });
      }
      const stored = before.items;
      const items: ResolvedItem[] = [];
      for (const [i, item] of stored.entries()) {
        // Re-read against the journal now: a value that changed meanwhile (or a target gone) stops the whole request.
        const now = await resolveItem(tx, actor, item, i, (s) => this.workTypeCodes(tx, s, actor)).catch((e: unknown) => {
          if (e instanceof InvalidField || e instanceof NotFound) return null;
          throw e;
        });
        if (!now || now.currentValue !== item.currentValue) {
          throw new Conflict(`items[${i}]: the journal changed since request ${before.registrationNumber} was filed (the value was ${item.currentValue ?? 'empty'}`
            + `${now ? `, now ${now.currentValue ?? 'empty'}` : ''}); nothing was applied`, { item: i });
        }
        items.push(now);
      }
      await this.assertYearOpen(tx, items[0].scope.academicYearId);
      const at = this.clock.now();
      const reason = `Заявление ${before.registrationNumber}: ${before.documentReference}`;
      const ctx = { actor, role: a.role, at, reason, requestId: id, registrationNumber: before.registrationNumber, explanation: before.explanation };
      for (const item of items) await this.applyItem(tx, item, ctx);
      // The lesson's version is the concurrency token of its page: an open page must reload after the change.
      const lessons = [...new Set(items.filter((i) => i.kind === 'mark' || i.kind === 'attendance').map((i) => i.lessonId as string))];
      if (lessons.length) await tx.query(`UPDATE lessons SET version = version + 1 WHERE id = ANY($1)`, [lessons]);
      await tx.query(`UPDATE change_requests SET status = 'applied', applied_by = $2, applied_at = $3, version = version + 1 WHERE id = $1`,
        [id, actor.principal.userId, at]);
      const after = await this.view(tx, id);
      await this.audit.record(tx, { schoolId: before.schoolId, actor, role: a.role, action: 'change_request.apply', entity: 'change_request',
        entityId: id, before: snapshot(before), after, reason });
      return after;
    });
  }

  /** R-JRN-06 (003 §4 p. 3): the register of changes of a period (or dates) as a printable PDF. */
  async register(actor: Actor, q: { schoolId: string; periodId?: string; from?: string; to?: string }): Promise<{ pdf: Buffer; fileName: string }> {
    requireRole(actor, q.schoolId, JOURNAL_READ_ALL);
    if (!q.periodId && !(q.from && q.to)) throw new InvalidField('periodId', 'periodId, or from and to, is required');
    if (q.from && q.to && q.to < q.from) throw new InvalidField('to', 'to must not be before from');
    const [school] = await this.db.query(`SELECT name, time_zone FROM schools WHERE id = $1`, [q.schoolId]);
    let title: string;
    let rows: ChangeRequestView[];
    if (q.periodId) {
      const [p] = await this.db.query(
        `SELECT sp.name, sp.grade_from, sp.grade_to, y.name AS year FROM study_periods sp JOIN academic_years y ON y.id = sp.academic_year_id
          WHERE sp.id = $1 AND sp.school_id = $2`, [q.periodId, q.schoolId]);
      if (!p) throw new NotFound('No such study period in this school');
      title = `${p.name} ${p.year} учебного года (${p.grade_from === p.grade_to ? `${p.grade_from}` : `${p.grade_from}–${p.grade_to}`} классы)`;
      rows = await this.db.query(`${VIEW_SQL} WHERE cr.school_id = $1 AND cr.period_id = $2 ORDER BY cr.created_at, cr.registration_number`,
        [q.schoolId, q.periodId]);
    } else {
      title = `с ${ruDate(q.from as string)} по ${ruDate(q.to as string)}`;
      rows = await this.db.query(
        `${VIEW_SQL} WHERE cr.school_id = $1 AND (cr.created_at AT TIME ZONE $4)::date BETWEEN $2 AND $3 ORDER BY cr.created_at, cr.registration_number`,
        [q.schoolId, q.from, q.to, school.time_zone]);
    }
    const sheet: RegisterSheet = {
      schoolName: school.name, title, printedOn: localDate(this.clock.now(), school.time_zone),
      rows: rows.map((r) => ({
        registrationNumber: r.registrationNumber, filedOn: localDate(new Date(r.createdAt), school.time_zone), initiator: r.initiatorName,
        className: r.className ?? '', subjectName: r.subjectName ?? '',
        items: r.items.map((it) => ({ what: describeItem(it), change: `было ${shown(it.currentValue)}, стало ${shown(it.newValue)}` })),
        reason: `${REASON_RU[r.reasonCategory]}: ${r.documentReference}. ${r.explanation}`,
        decision: r.status === 'filed' ? 'На рассмотрении' : r.decidedAt
          ? `${r.status === 'rejected' ? 'Отклонено' : 'Разрешено'} ${ruDate(localDate(new Date(r.decidedAt), school.time_zone))}, ${r.decidedByName ?? ''}${r.decisionNote ? `. ${r.decisionNote}` : ''}`
          : '',
        applied: r.appliedAt ? `${r.appliedByName ?? ''}, ${ruDateTime(new Date(r.appliedAt), school.time_zone)}` : '',
      })),
    };
    return { pdf: await renderRegister(sheet), fileName: `change-register-${sheet.printedOn}.pdf` };
  }

  private async applyItem(tx: EntityManager, item: ResolvedItem, c: { actor: Actor; role: Role; at: Date; reason: string; requestId: string;
    registrationNumber: string; explanation: string }): Promise<void> {
    const { schoolId } = item.scope;
    const record = (action: string, entity: string, entityId: string, before: object | null, after: object | null) =>
      this.audit.record(tx, { schoolId, actor: c.actor, role: c.role, action, entity, entityId, before: snapshot(before),
        after: { ...(after ? snapshot(after) : { deleted: true }), changeRequestId: c.requestId }, reason: c.reason });
    switch (item.kind) {
      case 'mark': {
        if (!item.targetId) {
          const weight = (await this.workTypes.forSchool(tx, schoolId, c.actor)).find((w) => w.code === item.workType)?.weight as number;
          const mark = tx.create(Mark, { id: newId(), schoolId, lessonId: item.lessonId as string, studentId: item.studentId as string,
            value: item.newValue as string, workType: item.workType as string, weight, comment: null, enteredAt: c.at, enteredLate: true,
            enteredBy: c.actor.principal.userId, updatedAt: c.at });
          await tx.insert(Mark, mark);
          return record('mark.create', 'mark', mark.id, null, await tx.findOneByOrFail(Mark, { id: mark.id }));
        }
        const before = await tx.findOneOrFail(Mark, { where: { id: item.targetId }, lock: { mode: 'pessimistic_write' } });
        if (item.newValue === null) {
          await tx.delete(Mark, { id: before.id });
          return record('mark.delete', 'mark', before.id, before, null);
        }
        await tx.update(Mark, { id: before.id }, { value: item.newValue, updatedAt: c.at });
        return record('mark.update', 'mark', before.id, before, await tx.findOneByOrFail(Mark, { id: before.id }));
      }
      case 'attendance': {
        const key = { lessonId: item.lessonId as string, studentId: item.studentId as string };
        const entityId = `${key.lessonId}:${key.studentId}`;
        const before = await tx.findOne(Attendance, { where: key, lock: { mode: 'pessimistic_write' } });
        if (item.newValue === null) {
          await tx.delete(Attendance, key);
          return record('attendance.delete', 'attendance', entityId, before, null);
        }
        if (before) await tx.update(Attendance, key, { code: item.newValue, updatedAt: c.at, updatedBy: c.actor.principal.userId });
        else await tx.insert(Attendance, { ...key, schoolId, code: item.newValue, minutesLate: null, enteredAt: c.at, enteredLate: true,
          updatedAt: c.at, updatedBy: c.actor.principal.userId });
        return record(before ? 'attendance.update' : 'attendance.create', 'attendance', entityId, before, await tx.findOneByOrFail(Attendance, key));
      }
      case 'lesson_content': {
        const before = await tx.findOneOrFail(Lesson, { where: { id: item.lessonId as string }, lock: { mode: 'pessimistic_write' } });
        await tx.update(Lesson, { id: before.id }, { topic: item.newValue, contentUpdatedAt: c.at });
        return record('lesson.update', 'lesson', before.id, before, await tx.findOneByOrFail(Lesson, { id: before.id }));
      }
      case 'period_mark': {
        const before = await tx.findOneOrFail(PeriodMark, { where: { id: item.targetId as string }, lock: { mode: 'pessimistic_write' } });
        // R-JRN-08: the explanatory note of a period mark changed after the lock is the request itself.
        await tx.update(PeriodMark, { id: before.id }, { value: item.newValue as string, setBy: c.actor.principal.userId, setAt: c.at,
          note: `${c.registrationNumber}: ${c.explanation}`.slice(0, 1000) });
        return record('period_mark.update', 'period_mark', before.id, before, await tx.findOneByOrFail(PeriodMark, { id: before.id }));
      }
    }
  }

  /** Loads a request the caller may see, or answers 404 (R-SEC-02: another teacher's request is out of scope). */
  private async visible(actor: Actor, id: string): Promise<ChangeRequestView> {
    const view = await this.view(this.db.manager, id).catch(() => undefined);
    if (!view || rolesIn(actor.principal, view.schoolId).length === 0) throw new NotFound('No such change request');
    requireRole(actor, view.schoolId, [...READERS, ...CHANGE_DECIDERS, ...APPLIERS]);
    if (hasRole(actor, view.schoolId, JOURNAL_READ_ALL) || view.initiatorId === actor.principal.userId) return view;
    const [cls] = await this.db.query(`SELECT class_teacher_id FROM classes WHERE id = $1`, [view.classId]);
    if (cls && actor.principal.personId && cls.class_teacher_id === actor.principal.personId) return view;
    throw new NotFound('No such change request');
  }

  private async view(tx: EntityManager, id: string): Promise<ChangeRequestView> {
    const [row] = await tx.query(`${VIEW_SQL} WHERE cr.id = $1`, [id]);
    if (!row) throw new NotFound('No such change request');
    return row;
  }

  private async lock(tx: EntityManager, id: string, version: number | undefined): Promise<ChangeRequestView> {
    await tx.query(`SELECT id FROM change_requests WHERE id = $1 FOR UPDATE`, [id]);
    const view = await this.view(tx, id);
    if (version !== undefined && view.version !== version) {
      throw new StaleVersion(`The request changed: current version is ${view.version}, yours is ${version}`, { currentVersion: view.version });
    }
    return view;
  }

  /**
   * R-JRN-06: the registration number, per school and academic year: the counter row's lock serialises concurrent filings, so two
   * requests never share a number and a rolled-back filing gives its number back.
   */
  private async nextNumber(tx: EntityManager, schoolId: string, academicYearId: string): Promise<{ number: number; registrationNumber: string }> {
    const [{ last_number: number }] = await tx.query(
      `INSERT INTO change_request_counters (school_id, academic_year_id, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (school_id, academic_year_id) DO UPDATE SET last_number = change_request_counters.last_number + 1 RETURNING last_number`,
      [schoolId, academicYearId]);
    const [{ year }] = await tx.query(`SELECT extract(year FROM starts_on)::int AS year FROM academic_years WHERE id = $1`, [academicYearId]);
    return { number, registrationNumber: `ИЗ-${year}/${String(number).padStart(4, '0')}` };
  }

  /** The study period the request belongs to (003 §4 p. 5: requests are filed with the period they concern): the earliest item's. */
  private async periodOf(tx: EntityManager, items: ResolvedItem[]): Promise<string | null> {
    const own = items.find((i) => i.scope.periodId)?.scope.periodId;
    if (own) return own;
    const first = [...items].sort((x, y) => x.date.localeCompare(y.date))[0];
    const p = await this.periods.periodFor(tx, first.scope.schoolId, first.scope.academicYearId, first.scope.grade, first.date);
    return p?.id ?? null;
  }

  private async assertTeacherOf(tx: EntityManager, actor: Actor, items: ResolvedItem[]): Promise<void> {
    const personId = actor.principal.personId;
    for (const [i, it] of items.entries()) {
      const ok = !!personId && (it.kind === 'period_mark'
        ? await this.loads.teaches(tx, { teacherId: personId, classId: it.scope.classId, subjectId: it.scope.subjectId, academicYearId: it.scope.academicYearId })
        : it.scope.lessonTeachers.includes(personId));
      if (!ok) throw new Forbidden(`items[${i}]: a teacher files change requests only for lessons they teach or substitute (R-JRN-06)`);
    }
  }

  private async assertClassTeacherApplies(tx: EntityManager, actor: Actor, r: ChangeRequestView): Promise<void> {
    const settings = await this.settings.get(r.schoolId, tx);
    if (!settings.classTeacherAppliesChanges) throw new Forbidden('The school\'s journal administrator applies change requests');
    const [cls] = await tx.query(`SELECT class_teacher_id FROM classes WHERE id = $1`, [r.classId]);
    if (!cls || !actor.principal.personId || cls.class_teacher_id !== actor.principal.personId) {
      throw new Forbidden('Only the class teacher of the request\'s class applies it');
    }
  }

  private async assertYearOpen(tx: EntityManager, academicYearId: string): Promise<void> {
    const [y] = await tx.query(`SELECT status FROM academic_years WHERE id = $1`, [academicYearId]);
    if (y?.status === 'closed') throw new Conflict('The academic year is closed and read-only (R-ARC-01)');
  }

  private async workTypeCodes(tx: EntityManager, schoolId: string, actor: Actor): Promise<string[]> {
    return (await this.workTypes.forSchool(tx, schoolId, actor)).filter((w) => !w.archived).map((w) => w.code);
  }
}

const ruDate = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;
const ruDateTime = (at: Date, tz: string) =>
  new Intl.DateTimeFormat('ru-RU', { timeZone: tz, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
// Roboto of pdfmake has no arrow glyph: the register says «было …, стало …».
const shown = (v: string | null) => (v === null || v === '' ? '—' : `«${v}»`);

const KIND_RU: Record<string, string> = { mark: 'отметка', attendance: 'посещаемость', lesson_content: 'тема урока', period_mark: 'итоговая отметка' };

/** Items that change the same thing; adding marks never clashes (several marks per lesson are allowed). */
function itemKey(it: ResolvedItem): string | null {
  if (it.kind === 'mark') return it.targetId ? `mark:${it.targetId}` : null;
  if (it.kind === 'attendance') return `attendance:${it.lessonId}:${it.studentId}`;
  if (it.kind === 'lesson_content') return `lesson:${it.lessonId}`;
  return `period_mark:${it.targetId}`;
}

function describeItem(it: ChangeItemView): string {
  const when = it.lessonNumber ? `${ruDate(it.date)}, ${it.lessonNumber} урок` : ruDate(it.date);
  const what = it.kind === 'mark' && it.targetId === null ? 'новая отметка' : KIND_RU[it.kind];
  return [it.studentName, when, what].filter(Boolean).join('; ');
}
