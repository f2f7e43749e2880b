import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type LessonSource = 'timetable' | 'extra';

/**
 * R-JRN-01/02: a dated lesson, generated from the effective timetable (or an extra one added by the deputy). On a substitution
 * `teacherId` stays the teacher of record and `substituteTeacherId` is who gave it: the substitution is recorded, not overwritten.
 * `version` is the concurrency token of the whole lesson page (content, homework, attendance, marks, remarks).
 */
@Entity('lessons')
export class Lesson {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('date') date: string;
  @Column('int') lessonNumber: number;
  @Column('uuid') classId: string;
  @Column({ type: 'uuid', nullable: true }) subgroupId: string | null;
  @Column('uuid') subjectId: string;
  @Column('uuid') teacherId: string;
  @Column({ type: 'uuid', nullable: true }) substituteTeacherId: string | null;
  @Column({ type: 'uuid', nullable: true }) roomId: string | null;
  @Column({ type: 'uuid', nullable: true }) timetableEntryId: string | null;
  @Column('text') source: LessonSource;
  @Column() cancelled: boolean;
  @Column() held: boolean;
  @Column({ type: 'text', nullable: true }) topic: string | null;
  @Column('text', { array: true }) workTypes: string[];
  /** R-JRN-07: when the lesson content was first entered (server time) and whether that was late. */
  @Column({ type: 'timestamptz', nullable: true }) firstEnteredAt: Date | null;
  @Column() enteredLate: boolean;
  @Column({ type: 'timestamptz', nullable: true }) contentUpdatedAt: Date | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

/** R-JRN-02: the homework set on a lesson (one per lesson), with the date it is due. */
@Entity('homework')
export class Homework {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') lessonId: string;
  @Column() text: string;
  @Column({ type: 'date', nullable: true }) dueDate: string | null;
  /** R-JRN-05/07: stamped by the server; late after the homework deadline that follows the day's classes. */
  @Column('timestamptz') enteredAt: Date;
  @Column() enteredLate: boolean;
  @Column('timestamptz') updatedAt: Date;
}

/** R-JRN-10: a remark to a student on a lesson. */
@Entity('remarks')
export class Remark {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') lessonId: string;
  @Column('uuid') studentId: string;
  @Column() text: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column('timestamptz') createdAt: Date;
}

/** R-API-03: the stored answer of a journal write sent with an Idempotency-Key, replayed on a retry. */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn('uuid') userId: string;
  @PrimaryColumn('text') key: string;
  @Column('uuid') schoolId: string;
  @Column() requestHash: string;
  @Column('int') status: number;
  @Column('jsonb') response: unknown;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}
