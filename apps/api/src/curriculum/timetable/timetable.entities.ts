import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-CUR-08: a weekly template entry valid from a date (until validTo). */
@Entity('timetable_entries')
export class TimetableEntry {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('int') weekday: number;
  @Column('int') lessonNumber: number;
  @Column('uuid') classId: string;
  @Column({ type: 'uuid', nullable: true }) subgroupId: string | null;
  @Column('uuid') subjectId: string;
  @Column('uuid') teacherId: string;
  @Column({ type: 'uuid', nullable: true }) roomId: string | null;
  @Column('date') validFrom: string;
  @Column({ type: 'date', nullable: true }) validTo: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

/** R-CUR-08: a one-off change of an entry on a date (cancel, move, substitute) made by the deputy. */
@Entity('timetable_changes')
export class TimetableChange {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') entryId: string;
  @Column('date') date: string;
  @Column('text') kind: 'cancel' | 'move' | 'substitute';
  @Column({ type: 'int', nullable: true }) newLessonNumber: number | null;
  @Column({ type: 'date', nullable: true }) newDate: string | null;
  @Column({ type: 'uuid', nullable: true }) newRoomId: string | null;
  @Column({ type: 'uuid', nullable: true }) substituteTeacherId: string | null;
  @Column() reason: string;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}
