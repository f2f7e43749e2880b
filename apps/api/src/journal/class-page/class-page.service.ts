import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TeacherLoadsService } from '../../curriculum/loads/teacher-loads.service';
import { type Actor, hasRole } from '../../platform/auth/principal';
import { Clock } from '../../platform/clock';
import { Forbidden } from '../../platform/errors/domain-errors';
import { type Decision, decideLessonEdit } from '../edit-policy/edit-policy';
import { CLASS_PAGE_READERS, JOURNAL_READ_ALL, LESSON_WRITERS } from '../journal.roles';
import { proposeMark } from '../marks/averages';
import type { ClassJournalCellView, ClassJournalStudentView, ClassJournalView } from './class-page.dto';
import { type ClassPageRows, loadClassPageRows } from './class-page.query';
import { isClassTeacherOf, type JournalContext, loadJournalContext } from './journal-context';

export interface ClassJournalQuery {
  classId: string;
  subjectId: string;
  periodId: string;
  subgroupId?: string;
}

type PageContext = JournalContext & { subject: NonNullable<JournalContext['subject']>; period: NonNullable<JournalContext['period']> };

/** R-JRN-12: the class journal page — students × lessons of one subject (or subgroup) and period, read in one snapshot. */
@Injectable()
export class ClassPageService {
  constructor(private readonly db: DataSource, private readonly loads: TeacherLoadsService, private readonly clock: Clock) {}

  async page(actor: Actor, q: ClassJournalQuery): Promise<ClassJournalView> {
    // One snapshot for all statements, so the page (and its ETag) never mixes two states of the journal.
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const ctx = (await loadJournalContext(tx, actor, q, CLASS_PAGE_READERS)) as PageContext;
      const access = await this.access(tx, actor, ctx);
      const rows = await loadClassPageRows(tx, ctx);
      return assemblePage(ctx, rows, access, this.clock.now());
    });
  }

  /**
   * R-SEC-02: a teacher with a load for the class (or the subgroup) and subject writes; the administration and the class teacher of
   * the class read; any other teacher gets 403.
   */
  private async access(tx: EntityManager, actor: Actor, ctx: PageContext): Promise<'write' | 'read'> {
    const personId = actor.principal.personId;
    if (personId && hasRole(actor, ctx.schoolId, LESSON_WRITERS) && await this.loads.teaches(tx, { teacherId: personId, classId: ctx.cls.id,
      subgroupId: ctx.subgroup?.id ?? null, subjectId: ctx.subject.id, academicYearId: ctx.cls.academicYearId })) return 'write';
    if (actor.principal.kind === 'integration' || hasRole(actor, ctx.schoolId, JOURNAL_READ_ALL) || isClassTeacherOf(actor, ctx)) return 'read';
    throw new Forbidden(`Only the teachers of ${ctx.cls.name} in this subject${ctx.subgroup ? ' and group' : ''}, its class teacher and the school's `
      + 'administration see this journal (a group\'s teacher asks for the group\'s page with subgroupId)');
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Shapes the rows into the page: edit windows per lesson column (R-JRN-05), cells by lesson, proposals (R-JRN-08). */
export function assemblePage(ctx: PageContext, rows: ClassPageRows, access: 'write' | 'read', now: Date): ClassJournalView {
  const periodClosed = ctx.period.status === 'closed';
  // Lessons of one day with the same entry state share a decision (time-zone arithmetic is the costly part of a 60-column page).
  const decisions = new Map<string, Decision>();
  const lessons = rows.lessons.map((l) => {
    // R-JRN-05: the column greys out when the window for marks and attendance is closed, in the school's time zone.
    const key = `${l.date}|${l.entered}|${l.enteredLate}`;
    let d = decisions.get(key);
    if (!d) decisions.set(key, d = decideLessonEdit(ctx.windows, 'mark', { date: l.date, alreadyEntered: l.entered, enteredLate: l.enteredLate,
      periodClosed, yearClosed: ctx.yearClosed }, now, ctx.timeZone));
    return { id: l.id, date: l.date, lessonNumber: l.lessonNumber, topic: l.topic, held: l.held, workTypes: l.workTypes, subgroupId: l.subgroupId,
      teacherId: l.teacherId, substituteTeacherId: l.substituteTeacherId, homework: l.homework, homeworkDueDate: l.homeworkDueDate,
      editable: d.allowed, editableUntil: d.editableUntil, editReason: d.reason };
  });
  const students: ClassJournalStudentView[] = rows.students.map((s) => ({
    id: s.id, fullName: s.fullName, enrolledFrom: s.enrolledFrom, enrolledTo: s.enrolledTo, cells: {}, externalMarks: [],
    weightedAverage: s.weightedAverage, proposedPeriodMark: proposeMark(s.weightedAverage, ctx.roundingThreshold),
    periodMark: s.periodMarkId ? { id: s.periodMarkId, value: s.periodMark as string, version: s.periodMarkVersion as number } : null,
  }));
  const byId = new Map(students.map((s) => [s.id, s]));
  let marksCount = 0;
  for (const c of rows.cells) {
    const s = byId.get(c.studentId);
    if (!s) continue;
    if (c.kind === 'external') {
      s.externalMarks.push({ id: c.id as string, date: c.date as string, value: c.value, workType: c.workType as string, weight: c.weight as number,
        institution: c.institution as string });
      continue;
    }
    const cell: ClassJournalCellView = (s.cells[c.lessonId as string] ??= { marks: [] });
    if (c.kind === 'attendance') cell.attendance = c.value;
    else {
      // Left out when empty: a 35 × 60 page carries thousands of marks.
      cell.marks.push(c.comment === null
        ? { id: c.id as string, value: c.value, workType: c.workType as string, weight: c.weight as number }
        : { id: c.id as string, value: c.value, workType: c.workType as string, weight: c.weight as number, comment: c.comment });
      marksCount++;
    }
  }
  const averages = students.map((s) => s.weightedAverage).filter((a): a is number => a !== null);
  return {
    class: { id: ctx.cls.id, name: ctx.cls.name, classTeacherId: ctx.cls.classTeacherId, classTeacherName: ctx.cls.classTeacherName },
    subject: { id: ctx.subject.id, name: ctx.subject.name },
    subgroup: ctx.subgroup,
    period: ctx.period,
    teachers: rows.teachers,
    access,
    roundingThreshold: ctx.roundingThreshold,
    timeZone: ctx.timeZone,
    workTypes: ctx.workTypes,
    lessons,
    students,
    summary: { classAverage: averages.length ? round2(averages.reduce((a, b) => a + b, 0) / averages.length) : null, marksCount },
  };
}
