import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-CUR-09: calendar-thematic plan of a teacher for a class (or subgroup) and subject. */
@Entity('ktp_plans')
export class KtpPlan {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('uuid') teacherId: string;
  @Column('uuid') classId: string;
  @Column({ type: 'uuid', nullable: true }) subgroupId: string | null;
  @Column('uuid') subjectId: string;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

@Entity('ktp_topics')
export class KtpTopic {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') planId: string;
  @Column('int') position: number;
  @Column() title: string;
  @Column('numeric', { precision: 4, scale: 1, transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) hours: number;
  @Column({ type: 'text', nullable: true }) workType: string | null;
}
