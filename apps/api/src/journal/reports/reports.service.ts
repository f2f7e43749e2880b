import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, hasRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { Forbidden, InvalidField } from '../../platform/errors/domain-errors';
import { isClassTeacherOf, type JournalContext, loadJournalContext } from '../class-page/journal-context';
import { CLASS_REPORT_READERS, JOURNAL_READ_ALL } from '../journal.roles';
import { attendanceSummary, classTotals, meanOf, studentSummary, subjectResult, subjectTotals } from './progress';
import type { AttendanceReportView, ClassProgressView, ReportSubjectRef } from './reports.dto';
import { loadAttendanceRows, loadProgressRows, type ResultRow } from './reports.query';

/** What the file renderers need beside the view. */
export interface ReportHeading { schoolName: string; yearName: string }

const MAX_RANGE_DAYS = 366;

/** R-JRN-13 (002 §2.1.6–7, 004 App.4 §4.5): progress and attendance reports of a class, for its class teacher and the administration. */
@Injectable()
export class ReportsService {
  constructor(private readonly db: DataSource, private readonly clock: Clock) {}

  async classProgress(actor: Actor, q: { classId: string; periodId: string }): Promise<{ view: ClassProgressView; heading: ReportHeading }> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const ctx = await loadJournalContext(tx, actor, q, CLASS_REPORT_READERS);
      this.assertScope(actor, ctx);
      const period = ctx.period as NonNullable<JournalContext['period']>;
      const rows = await loadProgressRows(tx, { classId: ctx.cls.id, periodId: period.id, from: period.startsOn, to: period.endsOn });

      const subjects: ReportSubjectRef[] = [];
      const results = new Map<string, ResultRow>();
      for (const r of rows.results) {
        if (subjects[subjects.length - 1]?.id !== r.subjectId) subjects.push({ id: r.subjectId, name: r.subjectName, shortName: r.subjectShortName });
        if (r.studentId) results.set(`${r.studentId}:${r.subjectId}`, r);
      }
      const absences = groupBy(rows.absences, (a) => a.studentId);
      const listed = new Set(rows.students.map((s) => s.id));
      const students = rows.students.map((s) => {
        const perSubject = subjects.map((sub) => subjectResult(sub.id, results.get(`${s.id}:${sub.id}`), ctx.roundingThreshold));
        return { ...s, subjects: perSubject, summary: studentSummary(perSubject), attendance: attendanceSummary(absences.get(s.id) ?? []) };
      });
      const view: ClassProgressView = {
        class: this.classRef(ctx), period, generatedAt: this.clock.now().toISOString(), roundingThreshold: ctx.roundingThreshold,
        subjects: subjects.map((sub, i) => ({ ...sub, totals: subjectTotals(students.map((s) => s.subjects[i])),
          averageOfAverages: meanOf(students.map((s) => s.subjects[i].weightedAverage)) })),
        students,
        totals: classTotals(students.map((s) => s.subjects)),
        attendance: attendanceSummary(rows.absences.filter((a) => listed.has(a.studentId))),
      };
      return { view, heading: { schoolName: ctx.schoolName, yearName: ctx.yearName } };
    });
  }

  async attendance(actor: Actor, q: { classId: string; from: string; to: string }): Promise<{ view: AttendanceReportView; heading: ReportHeading }> {
    if (q.to < q.from) throw new InvalidField('to', 'to must not be before from');
    if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_RANGE_DAYS) throw new InvalidField('to', `the range must not exceed ${MAX_RANGE_DAYS} days`);
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const ctx = await loadJournalContext(tx, actor, { classId: q.classId }, CLASS_REPORT_READERS);
      this.assertScope(actor, ctx);
      const rows = await loadAttendanceRows(tx, { classId: ctx.cls.id, from: q.from, to: q.to });
      const listed = new Set(rows.students.map((s) => s.id));
      const absences = rows.absences.filter((a) => listed.has(a.studentId));
      const byStudent = groupBy(absences, (a) => a.studentId);
      const bySubject = groupBy(absences, (a) => a.subjectId);
      const view: AttendanceReportView = {
        class: this.classRef(ctx), from: q.from, to: q.to, generatedAt: this.clock.now().toISOString(),
        subjects: rows.subjects.map((s) => ({ id: s.subjectId, name: s.subjectName, shortName: s.subjectShortName, lessons: s.lessons,
          attendance: attendanceSummary(bySubject.get(s.subjectId) ?? []) })),
        students: rows.students.map((s) => {
          const own = byStudent.get(s.id) ?? [];
          return { ...s, attendance: attendanceSummary(own), bySubject: rows.subjects.map((sub) => attendanceSummary(own.filter((a) => a.subjectId === sub.subjectId))) };
        }),
        totals: attendanceSummary(absences),
      };
      return { view, heading: { schoolName: ctx.schoolName, yearName: ctx.yearName } };
    });
  }

  /** R-SEC-02: the administration reads every class's reports; a class teacher only their class's; subject teachers none (403). */
  private assertScope(actor: Actor, ctx: JournalContext): void {
    if (actor.principal.kind === 'integration' || hasRole(actor, ctx.schoolId, JOURNAL_READ_ALL) || isClassTeacherOf(actor, ctx)) return;
    throw new Forbidden(`Only the class teacher of ${ctx.cls.name} and the school's administration see its reports`);
  }

  private classRef(ctx: JournalContext) {
    return { id: ctx.cls.id, name: ctx.cls.name, classTeacherId: ctx.cls.classTeacherId, classTeacherName: ctx.cls.classTeacherName };
  }
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
