import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-CUR-06: teacher × class or subgroup × subject × weekly hours — the source of who may teach what. */
@Entity('teacher_loads')
export class TeacherLoad {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('uuid') teacherId: string;
  @Column('uuid') classId: string;
  @Column({ type: 'uuid', nullable: true }) subgroupId: string | null;
  @Column('uuid') subjectId: string;
  @Column('numeric', { precision: 4, scale: 1, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) weeklyHours: number;
  @Column('text') status: 'draft' | 'approved';
  @Column({ type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) approvedBy: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
