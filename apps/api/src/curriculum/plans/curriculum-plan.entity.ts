import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-CUR-04: a version of the school's curriculum plan for a year: draft → approved (director) → superseded. */
@Entity('curriculum_plans')
export class CurriculumPlan {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column() name: string;
  @Column('int') planVersion: number;
  @Column('text') status: 'draft' | 'approved' | 'superseded';
  @Column({ type: 'uuid', nullable: true }) supersedesId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) approvedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) approvedBy: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

/** Weekly hours of a subject in a grade; classId set = an override for one class. */
@Entity('curriculum_plan_lines')
export class CurriculumPlanLine {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') planId: string;
  @Column('uuid') subjectId: string;
  @Column('int') grade: number;
  @Column({ type: 'uuid', nullable: true }) classId: string | null;
  @Column('numeric', { precision: 4, scale: 1, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) weeklyHours: number;
}
