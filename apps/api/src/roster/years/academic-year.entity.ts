import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { AcademicYearStatus } from '@otmetka/contracts';

/** R-CUR-01: an academic year, opened by the admin before 1 September and closed at year end. */
@Entity('academic_years')
export class AcademicYear {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column() name: string;
  @Column('date') startsOn: string;
  @Column('date') endsOn: string;
  @Column('text') status: AcademicYearStatus;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
