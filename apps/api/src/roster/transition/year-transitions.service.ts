import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { SchoolClass } from '../classes/school-class.entity';
import { StaffService } from '../staff/staff.service';
import { ROSTER_WRITE } from '../roster.roles';
import { type FromClass, planTransition, type PlanInput, type ToClass, type TransitionPlan } from './year-transition.plan';
import {
  ExecuteYearTransitionDto, TransitionYearView, YearTransitionPlanView, YearTransitionPreviewDto, YearTransitionResultView,
} from './year-transition.dto';

/** The reason recorded on the movement of a student who repeats the year (R-ROS-09). */
export const HELD_BACK_REASON = 'оставлен на повторное обучение';

type YearRow = TransitionYearView & { schoolId: string };
type Loaded = { from: YearRow; to: YearRow; plan: TransitionPlan; enrolmentOf: Map<string, { enrolmentId: string; classId: string }>;
  stored: { id: string; summary: YearTransitionResultView } | null };

const FULL_NAME = `concat_ws(' ', p.last_name, p.first_name, p.middle_name)`;

/**
 * R-ROS-09: year transition. Preview plans the promotion of every class (5А → 6А), graduates (grade 11) and students
 * held back; execute applies the plan in one transaction and is idempotent per (school, from-year, to-year).
 *
 * When it may run: the year being finished must have been opened (a planned year has no students); it may already be
 * closed, because closing a year does not end class memberships and a closed year cannot be reopened — the transition
 * then only ends them at the year's last day, which changes no journal data. The next year must not be closed, and
 * once it is open with students in it the transition is refused (409): it has to be done before the new year opens
 * (000 §9.1). An open but still empty next year is accepted with a warning.
 */
@Injectable()
export class YearTransitionsService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly staff: StaffService) {}

  async preview(actor: Actor, dto: YearTransitionPreviewDto): Promise<YearTransitionPlanView> {
    requireRole(actor, dto.schoolId, ROSTER_WRITE);
    const loaded = await this.load(this.db.manager, dto, false);
    assertHeldBackKnown(loaded.plan);
    return this.view(dto.schoolId, loaded);
  }

  async execute(actor: Actor, dto: ExecuteYearTransitionDto): Promise<YearTransitionResultView> {
    const a = requireRole(actor, dto.schoolId, ROSTER_WRITE);
    return this.db.transaction(async (tx) => {
      const loaded = await this.load(tx, dto, true);
      // Idempotent: a second execution answers what the first one did and changes nothing.
      if (loaded.stored) return { ...loaded.stored.summary, repeated: true };
      const { from, to, plan } = loaded;
      assertHeldBackKnown(plan);
      if (dto.date < from.startsOn || dto.date > to.startsOn) {
        throw new InvalidField('date', `the order date must lie between ${from.startsOn} and ${to.startsOn}`);
      }
      const blocking = plan.warnings.filter((w) => w.blocking);
      if (blocking.length) throw new Conflict(blocking.map((w) => w.message).join('; '), { warnings: blocking });

      const reason = `Приказ ${dto.orderNumber}: переход ${from.name} → ${to.name}`;
      const created = new Map<string, string>();
      for (const c of plan.classesToCreate) {
        const cls = tx.create(SchoolClass, { id: newId(), schoolId: dto.schoolId, academicYearId: to.id, grade: c.grade, letter: c.letter,
          classTeacherId: c.classTeacherId });
        await tx.insert(SchoolClass, cls);
        created.set(c.name, cls.id);
        await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'class.create', entity: 'class', entityId: cls.id,
          after: { id: cls.id, schoolId: dto.schoolId, academicYearId: to.id, grade: c.grade, letter: c.letter, name: c.name,
            classTeacherId: c.classTeacherId }, reason });
      }
      for (const c of plan.classes) {
        for (const t of [c.target, c.heldBackTarget]) if (t && !t.exists) t.classId = created.get(t.name)!;
      }

      const closing: string[] = [];
      const opening: { id: string; studentId: string; classId: string }[] = [];
      const moves: { id: string; studentId: string; kind: string; fromClassId: string; toClassId: string | null; reason: string | null }[] = [];
      const graduates: string[] = [];
      for (const c of plan.classes) {
        for (const s of c.students) {
          closing.push(loaded.enrolmentOf.get(s.studentId)!.enrolmentId);
          if (c.outcome === 'graduate') {
            graduates.push(s.studentId);
            moves.push({ id: newId(), studentId: s.studentId, kind: 'graduate', fromClassId: c.fromClassId, toClassId: null, reason: null });
          } else {
            opening.push({ id: newId(), studentId: s.studentId, classId: c.target!.classId! });
            moves.push({ id: newId(), studentId: s.studentId, kind: 'promote', fromClassId: c.fromClassId, toClassId: c.target!.classId, reason: null });
          }
        }
        for (const s of c.heldBack) {
          closing.push(loaded.enrolmentOf.get(s.studentId)!.enrolmentId);
          opening.push({ id: newId(), studentId: s.studentId, classId: c.heldBackTarget!.classId! });
          // Not a promotion: the movement book shows a move into the same grade with the reason.
          moves.push({ id: newId(), studentId: s.studentId, kind: 'transfer_within', fromClassId: c.fromClassId,
            toClassId: c.heldBackTarget!.classId, reason: HELD_BACK_REASON });
        }
      }
      // Memberships end on the last day of the year being finished and start on the first day of the next one; movements carry the order date.
      await tx.query(`UPDATE enrolments SET ends_on = GREATEST(starts_on, $2::date) WHERE id = ANY($1::uuid[]) AND ends_on IS NULL`, [closing, from.endsOn]);
      await tx.query(
        `INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on)
         SELECT u.id, $1, u.student_id, u.class_id, $2::date FROM unnest($3::uuid[], $4::uuid[], $5::uuid[]) AS u(id, student_id, class_id)`,
        [dto.schoolId, to.startsOn, opening.map((o) => o.id), opening.map((o) => o.studentId), opening.map((o) => o.classId)]);
      await tx.query(`UPDATE students SET status = 'graduated', version = version + 1 WHERE id = ANY($1::uuid[])`, [graduates]);
      await tx.query(
        `INSERT INTO movements (id, school_id, student_id, kind, occurred_on, order_number, from_class_id, to_class_id, reason, created_by)
         SELECT u.id, $1, u.student_id, u.kind, $2::date, $3, u.from_class_id, u.to_class_id, u.reason, $4
           FROM unnest($5::uuid[], $6::uuid[], $7::text[], $8::uuid[], $9::uuid[], $10::text[]) AS u(id, student_id, kind, from_class_id, to_class_id, reason)`,
        [dto.schoolId, dto.date, dto.orderNumber, actor.principal.userId, moves.map((m) => m.id), moves.map((m) => m.studentId),
          moves.map((m) => m.kind), moves.map((m) => m.fromClassId), moves.map((m) => m.toClassId), moves.map((m) => m.reason)]);

      for (const c of plan.classes) {
        if (!c.students.length && !c.heldBack.length) continue;
        const ids = (list: { studentId: string }[]) => list.map((s) => s.studentId);
        await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'year_transition.class', entity: 'class', entityId: c.fromClassId,
          before: { classId: c.fromClassId, className: c.fromClassName, studentIds: [...ids(c.students), ...ids(c.heldBack)] },
          after: { outcome: c.outcome, toClassId: c.target?.classId ?? null, toClassName: c.target?.name ?? null,
            [c.outcome === 'graduate' ? 'graduatedStudentIds' : 'promotedStudentIds']: ids(c.students),
            heldBack: c.heldBack.map((s) => ({ studentId: s.studentId, toClassId: c.heldBackTarget!.classId })) },
          reason });
      }

      const id = newId();
      const executedAt = new Date().toISOString();
      const result: YearTransitionResultView = { ...this.view(dto.schoolId, loaded), id, orderNumber: dto.orderNumber, date: dto.date, executedAt,
        executedBy: actor.principal.userId, repeated: false };
      await tx.query(
        `INSERT INTO year_transitions (id, school_id, from_year_id, to_year_id, order_number, executed_at, executed_by, summary)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, dto.schoolId, from.id, to.id, dto.orderNumber, executedAt, actor.principal.userId, JSON.stringify(result)]);
      await this.audit.record(tx, { schoolId: dto.schoolId, actor, role: a.role, action: 'year_transition.execute', entity: 'year_transition', entityId: id,
        after: { fromYearId: from.id, toYearId: to.id, orderNumber: dto.orderNumber, date: dto.date, totals: plan.totals,
          createdClassIds: [...created.values()], heldBackStudentIds: dto.heldBackStudentIds ?? [] }, reason });
      return result;
    });
  }

  private view(schoolId: string, l: Loaded): YearTransitionPlanView {
    const { unknownHeldBack: _u, ...plan } = l.plan;
    const year = ({ schoolId: _s, ...y }: YearRow): TransitionYearView => y;
    return { schoolId, fromYear: year(l.from), toYear: year(l.to), ...plan };
  }

  /** Loads everything the plan needs; `lock` serialises executions (and the opening of either year) on the two year rows. */
  private async load(tx: EntityManager, dto: YearTransitionPreviewDto, lock: boolean): Promise<Loaded> {
    if (dto.fromYearId === dto.toYearId) throw new InvalidField('toYearId', 'toYearId must differ from fromYearId');
    const years: YearRow[] = await tx.query(
      `SELECT id, school_id AS "schoolId", name, status, starts_on::text AS "startsOn", ends_on::text AS "endsOn"
         FROM academic_years WHERE id = ANY($1::uuid[]) ORDER BY id ${lock ? 'FOR UPDATE' : ''}`, [[dto.fromYearId, dto.toYearId]]);
    const from = years.find((y) => y.id === dto.fromYearId && y.schoolId === dto.schoolId);
    const to = years.find((y) => y.id === dto.toYearId && y.schoolId === dto.schoolId);
    if (!from) throw new NotFound('No such academic year (fromYearId) in this school');
    if (!to) throw new NotFound('No such academic year (toYearId) in this school');
    if (to.startsOn <= from.endsOn) throw new InvalidField('toYearId', `the next year must start after ${from.name} ends (${from.endsOn})`);

    // One connection serves the transaction: the queries run one after another.
    const storedRows: { id: string; summary: YearTransitionResultView }[] = await tx.query(
      `SELECT id, summary FROM year_transitions WHERE school_id = $1 AND from_year_id = $2 AND to_year_id = $3`, [dto.schoolId, from.id, to.id]);
    const classRows: Omit<FromClass, 'classTeacherActive'>[] = await tx.query(
      `SELECT c.id, c.grade, c.letter, c.class_teacher_id AS "classTeacherId",
              CASE WHEN p.id IS NULL THEN NULL ELSE ${FULL_NAME} END AS "classTeacherName"
         FROM classes c LEFT JOIN persons p ON p.id = c.class_teacher_id
        WHERE c.school_id = $1 AND c.academic_year_id = $2`, [dto.schoolId, from.id]);
    const toClasses: ToClass[] = await tx.query(
      `SELECT c.id, c.grade, c.letter, c.class_teacher_id AS "classTeacherId",
              CASE WHEN p.id IS NULL THEN NULL ELSE ${FULL_NAME} END AS "classTeacherName",
              (SELECT count(*)::int FROM enrolments e WHERE e.class_id = c.id AND e.ends_on IS NULL) AS "studentCount"
         FROM classes c LEFT JOIN persons p ON p.id = c.class_teacher_id
        WHERE c.school_id = $1 AND c.academic_year_id = $2`, [dto.schoolId, to.id]);
    const enrolled: (PlanInput['enrolled'][number] & { enrolmentId: string })[] = await tx.query(
      `SELECT s.id AS "studentId", ${FULL_NAME} AS "fullName", e.class_id AS "classId", e.id AS "enrolmentId"
         FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
        WHERE c.school_id = $1 AND c.academic_year_id = $2 AND e.ends_on IS NULL AND s.status = 'studying'
        ORDER BY p.last_name, p.first_name, p.middle_name`, [dto.schoolId, from.id]);
    const unplaced: PlanInput['unplaced'] = await tx.query(
      `SELECT s.id AS "studentId", ${FULL_NAME} AS "fullName" FROM students s JOIN persons p ON p.id = s.person_id
        WHERE s.school_id = $1 AND s.status = 'studying' AND NOT EXISTS (
          SELECT 1 FROM enrolments e JOIN classes c ON c.id = e.class_id
           WHERE e.student_id = s.id AND e.ends_on IS NULL AND c.academic_year_id IN ($2, $3))
        ORDER BY p.last_name, p.first_name`, [dto.schoolId, from.id, to.id]);
    const toEnrolments: { has: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM enrolments e JOIN classes c ON c.id = e.class_id WHERE c.academic_year_id = $1) AS has`, [to.id]);
    const fromClasses: FromClass[] = [];
    for (const c of classRows) {
      const classTeacherActive = !!c.classTeacherId && (await this.staff.isActiveWithRole(tx, dto.schoolId, c.classTeacherId, ['class_teacher']));
      fromClasses.push({ ...c, classTeacherActive });
    }
    const stored = storedRows[0] ?? null;
    const plan = planTransition({
      fromYear: from as { status: 'planned' | 'open' | 'closed' }, toYear: { status: to.status as 'planned' | 'open' | 'closed', hasEnrolments: toEnrolments[0].has },
      fromClasses, toClasses, enrolled, unplaced, heldBackStudentIds: dto.heldBackStudentIds ?? [],
      executedAt: stored ? stored.summary.executedAt : null,
    });
    const enrolmentOf = new Map(enrolled.map((e) => [e.studentId, { enrolmentId: e.enrolmentId, classId: e.classId }]));
    return { from, to, plan, enrolmentOf, stored };
  }
}

function assertHeldBackKnown(plan: TransitionPlan): void {
  const i = plan.unknownHeldBack[0];
  if (i !== undefined) throw new InvalidField(`heldBackStudentIds[${i}]`, 'not a studying student of a class of the year being finished');
}
