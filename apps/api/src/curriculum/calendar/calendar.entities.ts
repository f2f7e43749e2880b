import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-CUR-07: 5- or 6-day week for a grade range. */
@Entity('working_modes')
export class WorkingMode {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('int') gradeFrom: number;
  @Column('int') gradeTo: number;
  @Column('int') daysPerWeek: 5 | 6;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

/** R-CUR-07: a bell schedule for some weekdays (a shorter day gets its own). */
@Entity('bell_schedules')
export class BellSchedule {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column() name: string;
  @Column('int', { array: true }) weekdays: number[];
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

@Entity('bell_slots')
export class BellSlot {
  @PrimaryColumn('uuid') scheduleId: string;
  @PrimaryColumn('int') lessonNumber: number;
  @Column('uuid') schoolId: string;
  @Column('time') startsAt: string;
  @Column('time') endsAt: string;
}

/** R-CUR-07: a public holiday or a vacation, possibly only for some grades (extra vacation of grade 1). */
@Entity('holidays')
export class Holiday {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('text') kind: 'holiday' | 'vacation';
  @Column() name: string;
  @Column('date') startsOn: string;
  @Column('date') endsOn: string;
  @Column('int') gradeFrom: number;
  @Column('int') gradeTo: number;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
