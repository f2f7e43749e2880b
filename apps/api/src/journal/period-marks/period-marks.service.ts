import { Injectable } from '@nestjs/common';
import type { Role } from '@otmetka/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { TeacherLoadsService } from '../../curriculum/loads/teacher-loads.service';
import { type Actor, hasRole, requireRole, rolesIn } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/database/ids';
import { Conflict, Forbidden, InvalidField, NotFound, StaleVersion } from '../../platform/errors/domain-errors';
import { ClassesService } from '../../roster/classes/classes.service';
import { decidePeriodMarkEdit } from '../edit-policy/edit-policy';
import { EditWindowClosed } from '../edit-policy/edit-window-closed';
import { localDate } from '../edit-policy/zoned-time';
import { PeriodMark, type PeriodMarkKind } from '../journal.entities';
import { JOURNAL_CONTROL, JOURNAL_READ_ALL, LESSON_WRITERS } from '../journal.roles';
import { JournalSettingsService, type SchoolEditContext } from '../settings/journal-settings.service';
import {
  PeriodMarkEditView, PeriodMarkHistoryView, PeriodMarkRowView, PeriodMarkSheetView, PeriodMarkView, SavePeriodMarksDto,
} from './period-mark.dto';
import { componentMarks, PERIOD_MARK_SQL, periodMarksOf, studentsWithMarks } from './period-marks.query';
import { annualProposal, finalProposal, periodProposal, type Proposal } from './proposal';

/** Who sets period marks: the teacher of the class and subject, and the deputy (after the window only the deputy, R-JRN-08). */
const PERIOD_MARK_WRITERS: readonly Role[] = [...LESSON_WRITERS, ...JOURNAL_CONTROL];
const PERIOD_MARK_READERS: readonly Role[] = [...JOURNAL_READ_ALL, ...LESSON_WRITERS];

export interface SheetQuery {
  classId: string;
  subjectId: string;
  kind: PeriodMarkKind;
  periodId?: string;
  academicYearId?: string;
  subgroupId?: string;
}

interface SheetContext {
  schoolId: string;
  cls: { id: string; name: string; grade: number; academicYearId: string; classTeacherId: string | null };
  subject: { id: string; name: string };
  subgroupId: string | null;
  kind: PeriodMarkKind;
  period: { id: string; name: string; status: 'open' | 'closed' } | null;
  year: { id: string; status: string };
  from: string;
  to: string;
  policy: SchoolEditContext;
}

interface Writer {
  teacher: boolean;
  deputy: boolean;
}

/**
 * R-JRN-08: period, annual, exam and final marks. The system proposes one from the weighted average (the school's rounding
 * threshold); the teacher of the class and subject confirms or overrides it within the window; after it only the deputy, with an
 * explanatory note per changed mark (002 §3.3.11, §3.4.6), kept with the mark and in the audit entry.
 */
@Injectable()
export class PeriodMarksService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly classes: ClassesService,
    private readonly loads: TeacherLoadsService, private readonly settings: JournalSettingsService, private readonly clock: Clock) {}

  async sheet(actor: Actor, q: SheetQuery): Promise<PeriodMarkSheetView> {
    const cls = await this.classes.find(actor, q.classId);
    requireRole(actor, cls.school_id, PERIOD_MARK_READERS);
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const ctx = await this.context(tx, actor, q);
      const who = await this.writer(tx, actor, ctx);
      // A teacher reads the period marks of what they teach, and the class teacher those of their class.
      if (!hasRole(actor, ctx.schoolId, JOURNAL_READ_ALL) && !who.teacher && ctx.cls.classTeacherId !== actor.principal.personId) {
        throw new Forbidden('A teacher sees the period marks of the classes and subjects they teach');
      }
      return this.build(tx, ctx, this.edit(ctx, who));
    });
  }

  async save(actor: Actor, dto: SavePeriodMarksDto): Promise<PeriodMarkSheetView> {
    const cls = await this.classes.find(actor, dto.classId);
    const a = requireRole(actor, cls.school_id, PERIOD_MARK_WRITERS);
    if (dto.kind !== 'period' && dto.periodId !== undefined) throw new InvalidField('periodId', 'periodId is only for kind period');
    dto.marks.forEach((m, i) => {
      if (dto.marks.findIndex((x) => x.studentId === m.studentId) !== i) throw new InvalidField(`marks[${i}].studentId`, 'the student appears twice');
    });
    return this.db.transaction(async (tx) => {
      const ctx = await this.context(tx, actor, dto);
      const who = await this.writer(tx, actor, ctx);
      if (!who.teacher && !who.deputy) {
        throw new Forbidden('Only the teacher of this class and subject, or the deputy, sets its period marks (R-JRN-08)');
      }
      const edit = this.edit(ctx, who);
      if (!edit.allowed) {
        if (edit.reason === 'year_closed') throw new Conflict('The academic year is closed and read-only');
        // After the window only the deputy changes a period mark, with a note (R-JRN-08); the teacher asks the deputy or files a change request.
        throw new EditWindowClosed(dto.marks.map((m, i) => ({ field: `marks[${i}]`, item: 'period_mark', reason: edit.reason,
          editableUntil: edit.editableUntil, needsChangeRequest: true })));
      }
      const sheet = await this.build(tx, ctx, edit);
      const rows = new Map(sheet.students.map((r) => [r.studentId, r]));
      dto.marks.forEach((m, i) => {
        if (!rows.has(m.studentId)) {
          throw new InvalidField(`marks[${i}].studentId`, `is not a student of ${ctx.cls.name}${ctx.subgroupId ? ' (subgroup)' : ''} on ${ctx.to}`);
        }
      });
      const scope = { subjectId: ctx.subject.id, academicYearId: ctx.year.id, kind: ctx.kind, periodId: ctx.period?.id ?? null };
      const existing = new Map((await periodMarksOf(tx, { ...scope, studentIds: dto.marks.map((m) => m.studentId) }, true)).map((m) => [m.studentId, m]));
      // After the window the deputy acts (R-JRN-08); the audit records the role the change was made in (a teacher role comes first in a.role).
      const role = edit.requiresNote || !who.teacher ? 'deputy' : a.role;
      const now = this.clock.now();
      const teacherName = edit.requiresNote ? await this.teacherNames(tx, ctx) : null;
      for (const [i, m] of dto.marks.entries()) {
        const before = existing.get(m.studentId);
        if (m.version !== undefined && before && before.version !== m.version) {
          throw new StaleVersion(`The period mark of marks[${i}] changed: current version is ${before.version}, yours is ${m.version}`,
            { currentVersion: before.version, studentId: m.studentId });
        }
        const valueChanged = !before || before.value !== m.value;
        const noteChanged = m.note !== undefined && m.note !== before?.note;
        if (!valueChanged && !noteChanged) continue;
        if (edit.requiresNote && valueChanged && !m.note) {
          throw new InvalidField(`marks[${i}].note`, 'an explanatory note is required to change a period mark after the window (R-JRN-08)');
        }
        const row = rows.get(m.studentId) as PeriodMarkRowView;
        const fields = { value: m.value, proposedValue: row.proposal, weightedAverage: row.average, classId: ctx.cls.id,
          note: m.note ?? (valueChanged ? null : before?.note ?? null), setBy: actor.principal.userId, setAt: now };
        const id = before?.id ?? newId();
        if (before) await tx.update(PeriodMark, { id }, fields);
        else await tx.insert(PeriodMark, { id, schoolId: ctx.schoolId, studentId: m.studentId, ...scope, ...fields });
        const [after] = await tx.query(`${PERIOD_MARK_SQL} WHERE pm.id = $1`, [id]);
        // R-JRN-08 (002 §3.3.11): the explanatory note names the teacher, class, date, subject, the change and its reason.
        const explanation = edit.requiresNote ? { explanation: { teacher: teacherName, className: ctx.cls.name, date: ctx.to,
          changedOn: localDate(now, ctx.policy.timeZone), subject: ctx.subject.name, student: row.fullName,
          change: `${before?.value ?? '—'} → ${m.value}`, reason: m.note ?? null } } : {};
        await this.audit.record(tx, { schoolId: ctx.schoolId, actor, role, action: before ? 'period_mark.update' : 'period_mark.create',
          entity: 'period_mark', entityId: id, before: snapshot(before), after: { ...after, ...explanation }, reason: m.note ?? null });
      }
      return this.build(tx, ctx, edit);
    });
  }

  /** R-AUD-03: the history of a period mark for the deputy and the director. */
  async history(actor: Actor, id: string): Promise<PeriodMarkHistoryView> {
    const [mark]: PeriodMarkView[] = await this.db.query(`${PERIOD_MARK_SQL} WHERE pm.id = $1`, [id]);
    if (!mark || rolesIn(actor.principal, mark.schoolId).length === 0) throw new NotFound('No such period mark');
    requireRole(actor, mark.schoolId, JOURNAL_READ_ALL);
    return { mark, items: await this.audit.history(mark.schoolId, 'period_mark', id) };
  }

  private async context(tx: EntityManager, actor: Actor, q: SheetQuery): Promise<SheetContext> {
    const c = await this.classes.find(actor, q.classId, tx);
    const schoolId = c.school_id;
    const [subject] = await tx.query(`SELECT id, name FROM subjects WHERE id = $1 AND school_id = $2`, [q.subjectId, schoolId]);
    if (!subject) throw new NotFound('No such subject in this school');
    if (q.academicYearId && q.academicYearId !== c.academic_year_id) throw new InvalidField('academicYearId', 'the class belongs to another academic year');
    const [year] = await tx.query(`SELECT id, starts_on::text AS "startsOn", ends_on::text AS "endsOn", status FROM academic_years WHERE id = $1`,
      [c.academic_year_id]);
    if (q.subgroupId) {
      const [g] = await tx.query(`SELECT class_id FROM subgroups WHERE id = $1`, [q.subgroupId]);
      if (!g || g.class_id !== c.id) throw new InvalidField('subgroupId', 'the subgroup does not belong to the class');
    }
    let period: SheetContext['period'] = null;
    let from = year.startsOn as string;
    let to = year.endsOn as string;
    if (q.kind === 'period') {
      if (!q.periodId) throw new InvalidField('periodId', 'periodId is required for kind period');
      const [p] = await tx.query(
        `SELECT id, name, status, academic_year_id, grade_from, grade_to, starts_on::text AS "startsOn", ends_on::text AS "endsOn"
           FROM study_periods WHERE id = $1 AND school_id = $2`, [q.periodId, schoolId]);
      if (!p) throw new NotFound('No such study period in this school');
      if (p.academic_year_id !== c.academic_year_id || c.grade < p.grade_from || c.grade > p.grade_to) {
        throw new InvalidField('periodId', `not a study period of grade ${c.grade} in the class's academic year`);
      }
      period = { id: p.id, name: p.name, status: p.status };
      from = p.startsOn;
      to = p.endsOn;
    }
    return {
      schoolId, subject, subgroupId: q.subgroupId ?? null, kind: q.kind, period, year: { id: year.id, status: year.status }, from, to,
      cls: { id: c.id, name: `${c.grade}${c.letter}`, grade: c.grade, academicYearId: c.academic_year_id, classTeacherId: c.class_teacher_id },
      policy: await this.settings.editContext(schoolId, tx),
    };
  }

  private async writer(tx: EntityManager, actor: Actor, ctx: SheetContext): Promise<Writer> {
    const deputy = hasRole(actor, ctx.schoolId, JOURNAL_CONTROL);
    const personId = actor.principal.personId;
    const teacher = !!personId && hasRole(actor, ctx.schoolId, LESSON_WRITERS) && await this.loads.teaches(tx, {
      teacherId: personId, classId: ctx.cls.id, subgroupId: ctx.subgroupId, subjectId: ctx.subject.id, academicYearId: ctx.year.id });
    return { teacher, deputy };
  }

  /** R-JRN-05/08 from the edit policy: the window after the period (or the year) ends, for this caller. */
  private edit(ctx: SheetContext, who: Writer): PeriodMarkEditView {
    const d = decidePeriodMarkEdit(ctx.policy.windows, { periodEndsOn: ctx.to, periodClosed: ctx.period?.status === 'closed',
      yearClosed: ctx.year.status === 'closed' }, who.deputy, this.clock.now(), ctx.policy.timeZone);
    if (!who.teacher && !who.deputy) return { allowed: false, editableUntil: d.editableUntil, reason: 'read_only', requiresNote: false };
    return { allowed: d.allowed, editableUntil: d.editableUntil, reason: d.reason, requiresNote: d.allowed && d.requiresNote === true };
  }

  private async build(tx: EntityManager, ctx: SheetContext, edit: PeriodMarkEditView): Promise<PeriodMarkSheetView> {
    const threshold = ctx.policy.settings.roundingThreshold;
    const students = await studentsWithMarks(tx, { schoolId: ctx.schoolId, classId: ctx.cls.id, subgroupId: ctx.subgroupId,
      subjectId: ctx.subject.id, academicYearId: ctx.year.id, from: ctx.from, to: ctx.to });
    const studentIds = students.map((s) => s.studentId);
    const scope = { subjectId: ctx.subject.id, academicYearId: ctx.year.id, studentIds };
    const [marks, components] = await Promise.all([
      periodMarksOf(tx, { ...scope, kind: ctx.kind, periodId: ctx.period?.id ?? null }),
      ctx.kind === 'annual' || ctx.kind === 'final'
        ? componentMarks(tx, { ...scope, kinds: ctx.kind === 'annual' ? ['period'] : ['annual', 'exam'] }) : Promise.resolve([]),
    ]);
    const markOf = new Map(marks.map((m) => [m.studentId, m]));
    const rows: PeriodMarkRowView[] = students.map((s) => {
      const own = components.filter((c) => c.studentId === s.studentId).map(({ kind, periodId, periodName, value }) => ({ kind, periodId, periodName, value }));
      let p: Proposal;
      if (ctx.kind === 'period') p = periodProposal(s.marks, threshold);
      else if (ctx.kind === 'annual') p = annualProposal(own.map((c) => c.value), threshold);
      else if (ctx.kind === 'final') p = finalProposal(own.find((c) => c.kind === 'annual')?.value ?? null, own.find((c) => c.kind === 'exam')?.value ?? null);
      else p = { average: null, proposal: null };
      return { studentId: s.studentId, fullName: s.fullName, markCount: ctx.kind === 'period' ? s.marks.length : own.length,
        average: p.average, proposal: p.proposal, components: own, mark: markOf.get(s.studentId) ?? null, edit };
    });
    return {
      schoolId: ctx.schoolId, academicYearId: ctx.year.id, classId: ctx.cls.id, className: ctx.cls.name, subgroupId: ctx.subgroupId,
      subjectId: ctx.subject.id, subjectName: ctx.subject.name, kind: ctx.kind, periodId: ctx.period?.id ?? null, periodName: ctx.period?.name ?? null,
      from: ctx.from, to: ctx.to, roundingThreshold: threshold, edit, students: rows,
    };
  }

  /** The teachers of the class (or subgroup) and subject by their loads, for the explanatory note. */
  private async teacherNames(tx: EntityManager, ctx: SheetContext): Promise<string | null> {
    const [row] = await tx.query(
      `SELECT string_agg(DISTINCT concat_ws(' ', p.last_name, p.first_name, p.middle_name), ', ') AS names
         FROM teacher_loads l JOIN persons p ON p.id = l.teacher_id
        WHERE l.academic_year_id = $1 AND l.class_id = $2 AND l.subject_id = $3 AND ($4::uuid IS NULL OR l.subgroup_id IS NULL OR l.subgroup_id = $4)`,
      [ctx.year.id, ctx.cls.id, ctx.subject.id, ctx.subgroupId]);
    return row?.names ?? null;
  }
}
