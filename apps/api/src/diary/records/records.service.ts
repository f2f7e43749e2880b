import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../platform/auth/principal';
import { NotFound } from '../../platform/errors/domain-errors';
import { DiaryScopeService, type StudentInScope } from '../scope/diary-scope.service';
import {
  absencesBetween, classInYear, finalMarks, lessonsPerSubject, marksBetween, periodMarksOfYear, periodOfSchool, periodsOf, type PeriodRow,
  personName, subjectsTaught, teachersOf, yearOfSchool,
} from './records.query';
import { attendanceSummary, currentPeriod, marksBySubject } from './summaries';
import type {
  DiaryPeriodView, DiaryAttendanceSummaryView, StudentFinalsView, StudentMarksView, StudentPeriodMarksView, StudentTeachersView, SubjectPeriodMarksView,
} from './records.dto';

const periodView = (p: PeriodRow): DiaryPeriodView => ({ id: p.id, name: p.name, number: p.number, kind: p.kind, startsOn: p.startsOn, endsOn: p.endsOn });

interface Span {
  period: PeriodRow | null;
  periods: PeriodRow[];
  from: string;
  to: string;
}

/** R-DIA-02..06: a student's marks, period and final marks, attendance and teachers, each through the scope policy. */
@Injectable()
export class DiaryRecordsService {
  constructor(private readonly db: DataSource, private readonly scope: DiaryScopeService) {}

  /** R-DIA-04: marks by subject in a period (the current one by default) with weighted averages. */
  async marks(actor: Actor, studentId: string, periodId?: string): Promise<StudentMarksView> {
    const s = await this.scope.student(actor, studentId, 'marks');
    const span = await this.span(s, periodId);
    const [marks, taught] = await Promise.all([
      marksBetween(this.db.manager, s.studentId, span.from, span.to),
      subjectsTaught(this.db.manager, s.studentId, span.from, span.to),
    ]);
    return { studentId: s.studentId, period: span.period && periodView(span.period), periods: span.periods.map(periodView), from: span.from, to: span.to,
      subjects: marksBySubject(marks, taught) };
  }

  /** R-DIA-05: period, annual, exam and final marks of a year (the current one by default). */
  async periodMarks(actor: Actor, studentId: string, academicYearId?: string): Promise<StudentPeriodMarksView> {
    const s = await this.scope.student(actor, studentId, 'period_marks');
    const yearId = academicYearId ?? s.academicYearId;
    const year = yearId ? await yearOfSchool(this.db.manager, s.schoolId, yearId) : undefined;
    if (academicYearId && !year) throw new NotFound('No such academic year');
    if (!year) return { studentId: s.studentId, academicYearId: null, academicYearName: null, className: null, periods: [], subjects: [] };
    const cls = await classInYear(this.db.manager, s.studentId, year.id);
    const [periods, rows] = await Promise.all([
      cls ? periodsOf(this.db.manager, year.id, cls.grade) : Promise.resolve([]),
      periodMarksOfYear(this.db.manager, s.studentId, year.id),
    ]);
    const subjects = new Map<string, SubjectPeriodMarksView>();
    for (const r of rows) {
      const subject = subjects.get(r.subjectId) ?? { subjectId: r.subjectId, subjectName: r.subjectName, periods: [], annual: null, exam: null, final: null };
      if (r.kind === 'period' && r.periodId) subject.periods.push({ periodId: r.periodId, value: r.value });
      else if (r.kind !== 'period') subject[r.kind] = r.value;
      subjects.set(r.subjectId, subject);
    }
    const order = new Map(periods.map((p, i) => [p.id, i]));
    for (const subject of subjects.values()) subject.periods.sort((a, b) => (order.get(a.periodId) ?? 99) - (order.get(b.periodId) ?? 99));
    return { studentId: s.studentId, academicYearId: year.id, academicYearName: year.name, className: cls?.className ?? null,
      periods: periods.map(periodView), subjects: [...subjects.values()] };
  }

  /** R-DIA-06: annual, exam and final marks of past years. */
  async finals(actor: Actor, studentId: string): Promise<StudentFinalsView> {
    const s = await this.scope.student(actor, studentId, 'finals');
    const rows = await finalMarks(this.db.manager, s.studentId, s.academicYearId);
    const years: StudentFinalsView['years'] = [];
    for (const r of rows) {
      let year = years.find((y) => y.academicYearId === r.academicYearId);
      if (!year) years.push(year = { academicYearId: r.academicYearId, academicYearName: r.academicYearName, className: r.className, subjects: [] });
      let subject = year.subjects.find((x) => x.subjectId === r.subjectId);
      if (!subject) year.subjects.push(subject = { subjectId: r.subjectId, subjectName: r.subjectName, annual: null, exam: null, final: null });
      if (r.kind !== 'period') subject[r.kind] = r.value;
    }
    return { studentId: s.studentId, years };
  }

  /** R-DIA-02: absences by reason and subject in a period, and lesson by lesson. */
  async attendance(actor: Actor, studentId: string, periodId?: string): Promise<DiaryAttendanceSummaryView> {
    const s = await this.scope.student(actor, studentId, 'attendance');
    const span = await this.span(s, periodId);
    // Lessons count up to today: future lessons of the period are not missed yet.
    const until = span.to < s.today ? span.to : s.today;
    const [rows, lessons] = await Promise.all([
      absencesBetween(this.db.manager, s.studentId, span.from, span.to),
      until >= span.from ? lessonsPerSubject(this.db.manager, s.studentId, span.from, until) : Promise.resolve([]),
    ]);
    return { studentId: s.studentId, period: span.period && periodView(span.period), periods: span.periods.map(periodView), from: span.from, to: span.to,
      ...attendanceSummary(rows, lessons) };
  }

  /** R-DIA-03: the student's teachers by subject, and the class teacher. */
  async teachers(actor: Actor, studentId: string): Promise<StudentTeachersView> {
    const s = await this.scope.student(actor, studentId, 'teachers');
    if (!s.classId) return { studentId: s.studentId, className: null, classTeacher: null, subjects: [] };
    const [rows, classTeacherName] = await Promise.all([
      teachersOf(this.db.manager, s.studentId, s.classId),
      s.classTeacherId ? personName(this.db.manager, s.classTeacherId) : Promise.resolve(null),
    ]);
    const subjects: StudentTeachersView['subjects'] = [];
    for (const r of rows) {
      let subject = subjects.find((x) => x.subjectId === r.subjectId);
      if (!subject) subjects.push(subject = { subjectId: r.subjectId, subjectName: r.subjectName, teachers: [] });
      subject.teachers.push({ personId: r.personId, fullName: r.fullName, subgroupName: r.subgroupName });
    }
    return { studentId: s.studentId, className: s.className,
      classTeacher: s.classTeacherId && classTeacherName ? { personId: s.classTeacherId, fullName: classTeacherName } : null, subjects };
  }

  /** The period asked for (of the student's school), or the current one of the student's year and grade. */
  private async span(s: StudentInScope, periodId?: string): Promise<Span> {
    const periods = s.academicYearId && s.grade ? await periodsOf(this.db.manager, s.academicYearId, s.grade) : [];
    let period: PeriodRow | null;
    if (periodId) {
      period = periods.find((p) => p.id === periodId) ?? (await periodOfSchool(this.db.manager, s.schoolId, periodId)) ?? null;
      if (!period) throw new NotFound('No such study period');
    } else {
      period = currentPeriod(periods, s.today);
    }
    if (period) return { period, periods, from: period.startsOn, to: period.endsOn };
    const year = s.academicYearId ? await yearOfSchool(this.db.manager, s.schoolId, s.academicYearId) : undefined;
    return { period: null, periods, from: year?.startsOn ?? s.today, to: year?.endsOn ?? s.today };
  }
}
