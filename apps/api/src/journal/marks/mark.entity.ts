import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { NUMBER } from '../journal.columns';

/** R-JRN-03: a mark of a student on a lesson with its work type and the type's weight; several per student per lesson. */
@Entity('marks')
export class Mark {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') lessonId: string;
  @Column('uuid') studentId: string;
  @Column() value: string;
  /** work_types.code of the school. */
  @Column() workType: string;
  @Column('numeric', { precision: 3, scale: 1, transformer: NUMBER }) weight: number;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  /** R-JRN-07: stamped by the server at the first entry, never from the client. */
  @Column('timestamptz') enteredAt: Date;
  @Column() enteredLate: boolean;
  @Column({ type: 'uuid', nullable: true }) enteredBy: string | null;
  @Column('timestamptz') updatedAt: Date;
  @VersionColumn() version: number;
}

/** R-JRN-04: an absence (Н, У, Б) or lateness (ОП) of a student on a lesson; no row = present. */
@Entity('attendance')
export class Attendance {
  @PrimaryColumn('uuid') lessonId: string;
  @PrimaryColumn('uuid') studentId: string;
  @Column('uuid') schoolId: string;
  @Column() code: string;
  @Column({ type: 'int', nullable: true }) minutesLate: number | null;
  /** R-JRN-07: stamped by the server at the first entry (migration JournalStamps). */
  @Column('timestamptz') enteredAt: Date;
  @Column() enteredLate: boolean;
  @Column('timestamptz') updatedAt: Date;
  @Column({ type: 'uuid', nullable: true }) updatedBy: string | null;
}

/** R-JRN-09: a mark transferred from another institution (a hospital school …) with the document it rests on. */
@Entity('external_marks')
export class ExternalMark {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') studentId: string;
  @Column('uuid') subjectId: string;
  @Column('date') date: string;
  @Column() value: string;
  @Column() workType: string;
  @Column('numeric', { precision: 3, scale: 1, transformer: NUMBER }) weight: number;
  @Column() institution: string;
  @Column() basisDocument: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column('timestamptz') createdAt: Date;
}
