import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { NUMBER } from './journal.columns';
import { JournalSettings } from './settings/journal-settings.entity';
import { WorkType } from './settings/work-type.entity';
import { Homework, IdempotencyKey, Lesson, Remark } from './lessons/lesson.entity';
import { HomeworkFile } from './files/homework-file.entity';
import { Attendance, ExternalMark, Mark } from './marks/mark.entity';

export { JournalSettings, WorkType, Lesson, Homework, Remark, IdempotencyKey, HomeworkFile, Mark, Attendance, ExternalMark };

export type PeriodMarkKind = 'period' | 'annual' | 'exam' | 'final';

/** R-JRN-08: a period, annual, exam or final mark; `periodId` only for kind 'period'. */
@Entity('period_marks')
export class PeriodMark {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('uuid') studentId: string;
  @Column('uuid') subjectId: string;
  @Column('uuid') classId: string;
  @Column('text') kind: PeriodMarkKind;
  @Column({ type: 'uuid', nullable: true }) periodId: string | null;
  @Column() value: string;
  @Column({ type: 'text', nullable: true }) proposedValue: string | null;
  @Column('numeric', { precision: 4, scale: 2, nullable: true, transformer: NUMBER }) weightedAverage: number | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'uuid', nullable: true }) setBy: string | null;
  @Column('timestamptz') setAt: Date;
  @VersionColumn() version: number;
}

export type ChangeRequestStatus = 'filed' | 'approved' | 'rejected' | 'applied';
export type ChangeReasonCategory = 'student_illness' | 'teacher_absence' | 'other_document';

/** R-JRN-06: a request to change journal data after its window, with a registration number and the director's decision. */
@Entity('change_requests')
export class ChangeRequest {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('int') number: number;
  @Column() registrationNumber: string;
  @Column('uuid') initiatorId: string;
  @Column() initiatorRole: string;
  @Column('text') status: ChangeRequestStatus;
  @Column('text') reasonCategory: ChangeReasonCategory;
  @Column() documentReference: string;
  @Column() explanation: string;
  @Column('jsonb') items: unknown;
  @Column({ type: 'uuid', nullable: true }) classId: string | null;
  @Column({ type: 'uuid', nullable: true }) subjectId: string | null;
  @Column({ type: 'uuid', nullable: true }) periodId: string | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) decisionNote: string | null;
  @Column({ type: 'uuid', nullable: true }) appliedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) appliedAt: Date | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

/** R-JRN-11: a control work planned for a class on a date. */
@Entity('control_works')
export class ControlWork {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('uuid') classId: string;
  @Column('uuid') subjectId: string;
  @Column('date') date: string;
  @Column() title: string;
  @Column() workType: string;
  @Column({ type: 'uuid', nullable: true }) lessonId: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

/** Every journal entity (registered in platform/database/entities.ts). */
export const JOURNAL_ENTITIES = [JournalSettings, WorkType, Lesson, Homework, Remark, HomeworkFile, Mark, Attendance, ExternalMark,
  PeriodMark, ChangeRequest, ControlWork, IdempotencyKey];
