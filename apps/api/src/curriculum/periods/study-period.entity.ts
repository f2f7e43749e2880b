import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

export type PeriodKind = 'quarter' | 'trimester' | 'half_year';

/** R-CUR-02: a quarter, trimester or half-year of a grade range; a closed period locks its journal data. */
@Entity('study_periods')
export class StudyPeriod {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('int') gradeFrom: number;
  @Column('int') gradeTo: number;
  @Column('text') kind: PeriodKind;
  @Column('int') number: number;
  @Column() name: string;
  @Column('date') startsOn: string;
  @Column('date') endsOn: string;
  @Column('text') status: 'open' | 'closed';
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) closedBy: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
