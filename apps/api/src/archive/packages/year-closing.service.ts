import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { newId } from '../../platform/database/ids';
import { assertVersion, Conflict, InvalidField } from '../../platform/errors/domain-errors';
import { YearsService } from '../../roster/years/years.service';
import type { AcademicYear } from '../../roster/years/academic-year.entity';
import { YEAR_CLOSE, YEAR_CLOSING_READ, YEAR_REOPEN } from '../archive.roles';
import type { BlockerView, CloseYearDto, PreflightView, ReopenYearDto, YearClosingEventView, YearClosingView } from './archive.dto';
import { ArchiveItemsService, updated } from './archive-items.service';

const SAMPLES = 20;
const FULL = (alias: string) => `concat_ws(' ', ${alias}.last_name, ${alias}.first_name, ${alias}.middle_name)`;

/** Subjects of each class of the year: the approved plan's lines for its grade (or the class) and its teacher loads. */
const CLASS_SUBJECTS = `
  cls AS (SELECT c.id, c.grade, c.grade || c.letter AS name FROM classes c WHERE c.academic_year_id = $1),
  csub AS (
    SELECT c.id AS class_id, pl.subject_id FROM cls c
      JOIN curriculum_plans cp ON cp.academic_year_id = $1 AND cp.status = 'approved'
      JOIN curriculum_plan_lines pl ON pl.plan_id = cp.id AND pl.grade = c.grade AND (pl.class_id IS NULL OR pl.class_id = c.id) AND pl.weekly_hours > 0
    UNION SELECT tl.class_id, tl.subject_id FROM teacher_loads tl WHERE tl.academic_year_id = $1)`;

/**
 * R-ARC-01 (002 §3.1.15, §4.5; 004 §6.4): closing the academic year. The preflight lists what stands in the way; closing closes every
 * study period, freezes the year (through the roster's YearsService) and builds the archive packages and summary sheets.
 *
 * Policy: open change requests always block (a filed correction must be decided and applied first, 002 §3.3.11); lessons without a
 * topic, missing period and annual marks and a year that has not ended yet block unless the administrator closes "by the director's
 * order" — `override` with that order as the reason (recorded and audited). Open periods do not block: closing closes them.
 */
@Injectable()
export class YearClosingService {
  private readonly log = new Logger('YearClosing');
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly clock: Clock,
    private readonly years: YearsService, private readonly items: ArchiveItemsService) {}

  async preflight(actor: Actor, yearId: string): Promise<PreflightView> {
    const y = await this.years.find(actor, yearId);
    requireRole(actor, y.schoolId, YEAR_CLOSING_READ);
    return this.preflightOf(y);
  }

  private async preflightOf(y: AcademicYear): Promise<PreflightView> {
    const blockers: BlockerView[] = [];
    const add = (code: string, severity: BlockerView['severity'], message: string, rows: (Record<string, unknown> & { total?: number })[]) => {
      const count = rows.length ? Number(rows[0].total) : 0;
      if (count > 0) blockers.push({ code, severity, count, message, samples: rows.map(({ total: _, ...r }) => r) });
    };
    if (y.status !== 'open') {
      blockers.push({ code: 'year_not_open', severity: 'hard', count: 1, message: `The year is ${y.status}; only an open year can be closed`, samples: [] });
    }
    const [today] = await this.db.query(`SELECT ($1::timestamptz AT TIME ZONE time_zone)::date::text AS d FROM schools WHERE id = $2`,
      [this.clock.now().toISOString(), y.schoolId]);
    if (today.d < y.endsOn) {
      blockers.push({ code: 'year_not_ended', severity: 'soft', count: 1, message: `The year ends on ${y.endsOn}; today is ${today.d}`, samples: [] });
    }
    const [crs, periods, topics, periodMarks, annual] = await Promise.all([
      this.db.query(
        `SELECT cr.id, cr.registration_number AS "registrationNumber", cr.status, cr.class_id AS "classId", cr.subject_id AS "subjectId",
                cr.created_at::date::text AS "filedOn", count(*) OVER ()::int AS total
           FROM change_requests cr
          WHERE cr.school_id = $2 AND cr.status IN ('filed','approved')
            AND (cr.class_id IN (SELECT id FROM classes WHERE academic_year_id = $1)
                 OR cr.period_id IN (SELECT id FROM study_periods WHERE academic_year_id = $1))
          ORDER BY cr.number LIMIT ${SAMPLES}`, [y.id, y.schoolId]),
      this.db.query(
        `SELECT id, name, grade_from AS "gradeFrom", grade_to AS "gradeTo", count(*) OVER ()::int AS total
           FROM study_periods WHERE academic_year_id = $1 AND status = 'open' ORDER BY grade_from, number LIMIT ${SAMPLES}`, [y.id]),
      this.db.query(
        `SELECT l.id AS "lessonId", l.date::text AS date, l.class_id AS "classId", c.grade || c.letter AS "className", l.subject_id AS "subjectId",
                sb.name AS "subjectName", ${FULL('p')} AS "teacherName", count(*) OVER ()::int AS total
           FROM lessons l JOIN classes c ON c.id = l.class_id JOIN subjects sb ON sb.id = l.subject_id
           JOIN persons p ON p.id = coalesce(l.substitute_teacher_id, l.teacher_id)
          WHERE l.academic_year_id = $1 AND l.held AND NOT l.cancelled AND coalesce(btrim(l.topic), '') = ''
          ORDER BY l.date, c.grade, c.letter, l.lesson_number LIMIT ${SAMPLES}`, [y.id]),
      this.db.query(
        `WITH ${CLASS_SUBJECTS},
         need AS (
           SELECT c.id AS class_id, c.name AS class_name, sp.id AS period_id, sp.name AS period_name, sp.number, e.student_id, cs.subject_id
             FROM cls c JOIN study_periods sp ON sp.academic_year_id = $1 AND c.grade BETWEEN sp.grade_from AND sp.grade_to
             JOIN enrolments e ON e.class_id = c.id AND e.starts_on <= sp.ends_on AND (e.ends_on IS NULL OR e.ends_on >= sp.ends_on)
             JOIN csub cs ON cs.class_id = c.id)
         SELECT n.class_id AS "classId", n.class_name AS "className", n.period_id AS "periodId", n.period_name AS "periodName",
                n.subject_id AS "subjectId", sb.name AS "subjectName", n.student_id AS "studentId", ${FULL('p')} AS "studentName",
                count(*) OVER ()::int AS total
           FROM need n JOIN subjects sb ON sb.id = n.subject_id JOIN students s ON s.id = n.student_id JOIN persons p ON p.id = s.person_id
          WHERE NOT EXISTS (SELECT 1 FROM period_marks pm WHERE pm.student_id = n.student_id AND pm.subject_id = n.subject_id
                              AND pm.kind = 'period' AND pm.period_id = n.period_id)
          ORDER BY n.number, n.class_name, sb.name, p.last_name, p.first_name LIMIT ${SAMPLES}`, [y.id]),
      this.db.query(
        `WITH ${CLASS_SUBJECTS},
         need AS (
           SELECT c.id AS class_id, c.name AS class_name, e.student_id, cs.subject_id
             FROM cls c JOIN enrolments e ON e.class_id = c.id AND e.starts_on <= $2::date AND (e.ends_on IS NULL OR e.ends_on >= $2::date)
             JOIN csub cs ON cs.class_id = c.id)
         SELECT n.class_id AS "classId", n.class_name AS "className", n.subject_id AS "subjectId", sb.name AS "subjectName",
                n.student_id AS "studentId", ${FULL('p')} AS "studentName", count(*) OVER ()::int AS total
           FROM need n JOIN subjects sb ON sb.id = n.subject_id JOIN students s ON s.id = n.student_id JOIN persons p ON p.id = s.person_id
          WHERE NOT EXISTS (SELECT 1 FROM period_marks pm WHERE pm.student_id = n.student_id AND pm.subject_id = n.subject_id
                              AND pm.kind = 'annual' AND pm.academic_year_id = $1)
          ORDER BY n.class_name, sb.name, p.last_name, p.first_name LIMIT ${SAMPLES}`, [y.id, y.endsOn]),
    ]);
    add('open_change_requests', 'hard', 'Change requests of the year are still filed or approved but not applied; decide and apply them first', crs);
    add('missing_topics', 'soft', 'Lessons held without a topic (002 §3.3.6)', topics);
    add('missing_period_marks', 'soft', 'Students without a period mark in a subject of the plan (002 §3.3.8)', periodMarks);
    add('missing_annual_marks', 'soft', 'Students without an annual mark in a subject of the plan (002 §3.3.8)', annual);
    add('open_periods', 'info', 'Study periods still open; closing the year closes them', periods);
    const hard = blockers.some((b) => b.severity === 'hard');
    return { academicYearId: y.id, schoolId: y.schoolId, yearName: y.name, status: y.status, version: y.version, canClose: !hard,
      clean: !blockers.some((b) => b.severity !== 'info'), blockers };
  }

  async close(actor: Actor, yearId: string, dto: CloseYearDto): Promise<YearClosingView> {
    const y = await this.years.find(actor, yearId);
    const a = requireRole(actor, y.schoolId, YEAR_CLOSE);
    assertVersion(y.version, dto.version);
    const pf = await this.preflightOf(y);
    const hard = pf.blockers.filter((b) => b.severity === 'hard');
    if (hard.length) throw new Conflict(`The year cannot be closed: ${hard.map((b) => `${b.code} (${b.count})`).join(', ')}`, { blockers: pf.blockers });
    const soft = pf.blockers.filter((b) => b.severity === 'soft');
    const reason = dto.reason?.trim() || null;
    if (soft.length && !dto.override) {
      throw new Conflict(`The year has open issues: ${soft.map((b) => `${b.code} (${b.count})`).join(', ')}; close with override and the director's order as reason`,
        { blockers: pf.blockers });
    }
    if (soft.length && !reason) throw new InvalidField('reason', 'Closing over open issues needs the director\'s order as reason');
    // The roster freezes the year (its own transaction, audited as academic_year.close).
    const closed = await this.years.close(actor, yearId, dto.version);
    const now = this.clock.now();
    const periodsClosed = await this.db.transaction(async (tx) => {
      const rows: { id: string; name: string; grade_from: number; grade_to: number }[] = updated(await tx.query(
        `UPDATE study_periods SET status = 'closed', closed_at = $2, closed_by = $3, version = version + 1
          WHERE academic_year_id = $1 AND status = 'open' RETURNING id, name, grade_from, grade_to`, [yearId, now, actor.principal.userId]));
      for (const p of rows) {
        await this.audit.record(tx, { schoolId: y.schoolId, actor, role: a.role, action: 'study_period.close', entity: 'study_period', entityId: p.id,
          before: { status: 'open' }, after: { status: 'closed', name: p.name, gradeFrom: p.grade_from, gradeTo: p.grade_to }, reason: 'academic year closed' });
      }
      const id = newId();
      const summary = pf.blockers.map(({ code, severity, count }) => ({ code, severity, count }));
      await tx.query(`INSERT INTO year_closings (id, school_id, academic_year_id, action, reason, overridden, blockers, periods_closed, actor_id, at)
        VALUES ($1,$2,$3,'close',$4,$5,$6::jsonb,$7,$8,$9)`,
      [id, y.schoolId, yearId, reason, soft.length > 0, JSON.stringify(summary), rows.length, actor.principal.userId, now]);
      await this.audit.record(tx, { schoolId: y.schoolId, actor, role: a.role, action: 'academic_year.closing', entity: 'academic_year', entityId: yearId,
        before: { status: 'open' }, after: { status: 'closed', periodsClosed: rows.length, overridden: soft.length > 0, blockers: summary }, reason });
      return rows.length;
    });
    if (dto.build === false) return { academicYearId: yearId, status: closed.status, version: closed.version, periodsClosed, build: null, packagesPending: false };
    const background = dto.packagesInBackground === true;
    const build = await this.items.buildYear(y.schoolId, yearId, { classId: null, kinds: background ? ['summary_sheet'] : ['summary_sheet', 'journal_package'] },
      actor, a.role);
    if (background) {
      // Idempotent: an interrupted build is completed by POST /archive/packages/build.
      void this.items.buildYear(y.schoolId, yearId, { classId: null, kinds: ['journal_package'] }, actor, a.role)
        .then((r) => this.log.log(`journal packages of ${y.name}: ${r.created} created, ${r.existing} existing`))
        .catch((e: unknown) => this.log.error(`journal packages of ${y.name} failed: ${e instanceof Error ? e.stack : String(e)}`));
    }
    return { academicYearId: yearId, status: closed.status, version: closed.version, periodsClosed, build, packagesPending: background };
  }

  /** The regional operator reopens a closed year with a reason; its periods stay closed (reopen those one by one if needed). */
  async reopen(actor: Actor, yearId: string, dto: ReopenYearDto): Promise<YearClosingView> {
    const found = await this.years.find(actor, yearId);
    const a = requireRole(actor, found.schoolId, YEAR_REOPEN);
    return this.db.transaction(async (tx) => {
      const [y] = await tx.query(`SELECT id, school_id, status, version, name FROM academic_years WHERE id = $1 FOR UPDATE`, [yearId]);
      assertVersion(y.version, dto.version);
      if (y.status !== 'closed') throw new Conflict(`Only a closed year can be reopened; this one is ${y.status}`);
      const [other] = await tx.query(`SELECT name FROM academic_years WHERE school_id = $1 AND status = 'open' AND id <> $2`, [y.school_id, yearId]);
      if (other) throw new Conflict(`The year ${other.name} is open; a school has one open year at a time`);
      const [after] = updated<{ status: string; version: number }>(
        await tx.query(`UPDATE academic_years SET status = 'open', version = version + 1 WHERE id = $1 RETURNING status, version`, [yearId]));
      const now = this.clock.now();
      await tx.query(`INSERT INTO year_closings (id, school_id, academic_year_id, action, reason, actor_id, at) VALUES ($1,$2,$3,'reopen',$4,$5,$6)`,
        [newId(), y.school_id, yearId, dto.reason.trim(), actor.principal.userId, now]);
      await this.audit.record(tx, { schoolId: y.school_id, actor, role: a.role, action: 'academic_year.reopen', entity: 'academic_year', entityId: yearId,
        before: { status: 'closed', version: y.version }, after: { status: 'open', version: after.version }, reason: dto.reason.trim() });
      return { academicYearId: yearId, status: after.status, version: after.version, periodsClosed: 0, build: null, packagesPending: false };
    });
  }

  async history(actor: Actor, yearId: string): Promise<YearClosingEventView[]> {
    const y = await this.years.find(actor, yearId);
    requireRole(actor, y.schoolId, YEAR_CLOSING_READ);
    return this.db.query(
      `SELECT yc.id, yc.action, yc.reason, yc.overridden, ${FULL('p')} AS "actorName",
              to_char(yc.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
         FROM year_closings yc LEFT JOIN users u ON u.id = yc.actor_id LEFT JOIN persons p ON p.id = u.person_id
        WHERE yc.academic_year_id = $1 ORDER BY yc.at, yc.id`, [yearId]);
  }
}
