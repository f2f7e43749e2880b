import { Injectable } from '@nestjs/common';
import { STAFF_ROLES } from '@otmetka/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { NotFound } from '../../platform/errors/domain-errors';
import { localDate } from '../../journal/edit-policy/zoned-time';
import type {
  ActivityRoleView, MonitoringActivityView, MonitoringDetailsView, MonitoringFigures, MonitoringGroupView, MonitoringJournalView, MonitoringRowView,
  MonitoringVisitsView,
} from './monitoring.dto';
import { type JournalQuery, type JournalRow, loadActivityRows, loadJournalRows, loadLessonDetails, loadStudentDetails, type VisitsRow } from './monitoring.query';
import { MONITORING_READERS, MONITORING_SCOPE } from './monitoring.roles';
import { isStudentMetric, type Metric, monitoringRange, monthRange, pct } from './monitoring.rules';

export interface JournalFilter { schoolId: string; from?: string; to?: string; classId?: string; teacherId?: string; subjectId?: string }

const DETAILS_LIMIT = 2000;
const byRu = (a: string, b: string) => a.localeCompare(b, 'ru');
const byClass = (a: { grade: number; letter: string }, b: { grade: number; letter: string }) => a.grade - b.grade || byRu(a.letter, b.letter);

type Counts = Omit<MonitoringFigures, 'ktpCompletionPct' | 'topicPct' | 'homeworkPct' | 'studentsWithoutMarksPct' | 'studentsWithOneMarkPct' | 'studentsBelowNormPct'>;
const COUNT_KEYS = ['lessonsHeld', 'lessonsWithoutTopic', 'lessonsWithoutHomework', 'homeworkLate', 'lessonsFilledLate', 'marks', 'marksLate',
  'lessonsWithLateMarks', 'students', 'studentsWithoutMarks', 'studentsWithOneMark', 'studentsBelowNorm'] as const;

/** Adds the shares to a set of counts. */
export function withShares(c: Counts): MonitoringFigures {
  return {
    ...c,
    ktpCompletionPct: c.ktpDue === null || c.ktpCovered === null ? null : pct(c.ktpCovered, c.ktpDue),
    topicPct: pct(c.lessonsHeld - c.lessonsWithoutTopic, c.lessonsHeld),
    homeworkPct: pct(c.lessonsHeld - c.lessonsWithoutHomework, c.lessonsHeld),
    studentsWithoutMarksPct: pct(c.studentsWithoutMarks, c.students),
    studentsWithOneMarkPct: pct(c.studentsWithOneMark, c.students),
    studentsBelowNormPct: pct(c.studentsBelowNorm, c.students),
  };
}

/** Sums already aggregated rows (a few hundred per school) into a group's figures. */
export function sumFigures(rows: readonly Counts[]): MonitoringFigures {
  const out = Object.fromEntries(COUNT_KEYS.map((k) => [k, rows.reduce((s, r) => s + r[k], 0)])) as Record<(typeof COUNT_KEYS)[number], number>;
  const withKtp = rows.filter((r) => r.ktpHours !== null);
  const sum = (pick: (r: Counts) => number | null) => withKtp.reduce((s, r) => s + (pick(r) ?? 0), 0);
  return withShares({
    ...out,
    ktpHours: withKtp.length ? sum((r) => r.ktpHours) : null,
    ktpDue: withKtp.length ? sum((r) => r.ktpDue) : null,
    ktpCovered: withKtp.length ? sum((r) => r.ktpCovered) : null,
  });
}

function visitsView(v: Pick<VisitsRow, 'classId' | 'className' | 'students' | 'studentsVisited' | 'parents' | 'parentsVisited'>): MonitoringVisitsView {
  return { classId: v.classId, className: v.className, students: v.students, studentsVisited: v.studentsVisited,
    studentsVisitedPct: pct(v.studentsVisited, v.students), parents: v.parents, parentsVisited: v.parentsVisited, parentsVisitedPct: pct(v.parentsVisited, v.parents) };
}

/** R-AUD-04 (002 §3.4.8; 004 App.4 §3.5, §5): monitoring of journal keeping and the monthly activity report, computed in SQL. */
@Injectable()
export class MonitoringService {
  constructor(private readonly db: DataSource, private readonly clock: Clock) {}

  private async school(tx: EntityManager, actor: Actor, schoolId: string): Promise<{ name: string; today: string; timeZone: string }> {
    requireRole(actor, schoolId, MONITORING_READERS, MONITORING_SCOPE);
    const [s]: { name: string; time_zone: string }[] = await tx.query(`SELECT name, time_zone FROM schools WHERE id = $1`, [schoolId]);
    if (!s) throw new NotFound('No such school');
    return { name: s.name, timeZone: s.time_zone, today: localDate(this.clock.now(), s.time_zone) };
  }

  private query(f: JournalFilter, today: string): JournalQuery {
    const range = monitoringRange(f.from, f.to, today);
    return { schoolId: f.schoolId, from: range.from, to: range.to, effectiveTo: range.effectiveTo, today, classId: f.classId, teacherId: f.teacherId, subjectId: f.subjectId };
  }

  async journal(actor: Actor, f: JournalFilter): Promise<MonitoringJournalView> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const school = await this.school(tx, actor, f.schoolId);
      const q = this.query(f, school.today);
      const { rows, visits } = await loadJournalRows(tx, q);
      rows.sort((a, b) => byClass(a, b) || byRu(a.subjectName, b.subjectName) || byRu(a.teacherName, b.teacherName));
      visits.sort(byClass);
      const rowViews: MonitoringRowView[] = rows.map((r) => {
        const { grade: _g, letter: _l, ...rest } = r;
        return { ...rest, ...withShares(r) };
      });
      const group = (key: (r: JournalRow) => string, name: (r: JournalRow) => string): MonitoringGroupView[] => {
        const groups = new Map<string, JournalRow[]>();
        for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
        return [...groups.entries()].map(([id, rs]) => ({ id, name: name(rs[0]), ...sumFigures(rs) }));
      };
      const byTeacher = group((r) => r.teacherId, (r) => r.teacherName).sort((a, b) => byRu(a.name, b.name));
      const total = visits.reduce((s, v) => ({ students: s.students + v.students, studentsVisited: s.studentsVisited + v.studentsVisited,
        parents: s.parents + v.parents, parentsVisited: s.parentsVisited + v.parentsVisited }), { students: 0, studentsVisited: 0, parents: 0, parentsVisited: 0 });
      return {
        schoolId: f.schoolId, schoolName: school.name, from: q.from, to: q.to, effectiveTo: q.effectiveTo, generatedAt: this.clock.now().toISOString(),
        rows: rowViews,
        byClass: group((r) => r.classId, (r) => r.className),
        byTeacher,
        totals: sumFigures(rows),
        diaryVisits: visits.map(visitsView),
        diaryVisitsTotal: visitsView({ classId: '', className: '', ...total }),
      };
    });
  }

  async details(actor: Actor, f: JournalFilter, metric: Metric): Promise<MonitoringDetailsView> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const school = await this.school(tx, actor, f.schoolId);
      const q = this.query(f, school.today);
      const base = { metric, from: q.from, effectiveTo: q.effectiveTo };
      if (isStudentMetric(metric)) {
        const rows = await loadStudentDetails(tx, q, metric, DETAILS_LIMIT);
        rows.sort((a, b) => byClass(a, b) || byRu(a.fullName, b.fullName) || byRu(a.subjectName, b.subjectName));
        return { ...base, kind: 'students', total: rows[0]?.total ?? 0, lessons: [],
          students: rows.map(({ total: _t, lastName: _n, grade: _g, letter: _l, ...s }) => s) };
      }
      const rows = await loadLessonDetails(tx, q, metric, DETAILS_LIMIT);
      return { ...base, kind: 'lessons', total: rows[0]?.total ?? 0, students: [], lessons: rows.map(({ total: _t, ...l }) => l) };
    });
  }

  async activity(actor: Actor, schoolId: string, month: string | undefined): Promise<MonitoringActivityView> {
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const school = await this.school(tx, actor, schoolId);
      const m = monthRange(month);
      const { staff, families } = await loadActivityRows(tx, { schoolId, from: m.from, toExclusive: m.toExclusive });
      const staffViews = staff.map((s) => ({
        personId: s.personId, fullName: s.fullName, roles: STAFF_ROLES.filter((r) => s.roles.includes(r)), position: s.position,
        lessonsFilled: s.lessonsFilled, marksEntered: s.marksEntered, signIns: s.signIns, changes: s.changes,
        lastSignInAt: s.lastSignInAt ? new Date(s.lastSignInAt).toISOString() : null,
        active: s.signIns + s.lessonsFilled + s.marksEntered + s.changes > 0,
      })).sort((a, b) => byRu(a.fullName, b.fullName));
      const roles: ActivityRoleView[] = STAFF_ROLES.map((role) => {
        const holders = staffViews.filter((s) => s.roles.includes(role));
        const active = holders.filter((s) => s.active).length;
        return { role, users: holders.length, active, activePct: pct(active, holders.length), visitDays: null };
      }).filter((r) => r.users > 0);
      for (const role of ['student', 'parent', 'interested_person'] as const) {
        const f = families.find((x) => x.role === role) ?? { accounts: 0, visitors: 0, visitDays: 0 };
        roles.push({ role, users: f.accounts, active: f.visitors, activePct: pct(f.visitors, f.accounts), visitDays: f.visitDays });
      }
      return { schoolName: school.name, month: m.month, from: m.from, to: m.to, generatedAt: this.clock.now().toISOString(), staff: staffViews, roles };
    });
  }
}
