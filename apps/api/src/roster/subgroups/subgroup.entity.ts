import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-ROS-07: a subgroup of a class for one subject (English group 1). */
@Entity('subgroups')
export class Subgroup {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') classId: string;
  @Column() subjectName: string;
  @Column() name: string;
  @Column({ type: 'uuid', nullable: true }) teacherId: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

@Entity('subgroup_members')
export class SubgroupMember {
  @PrimaryColumn('uuid') subgroupId: string;
  @PrimaryColumn('uuid') studentId: string;
  @Column('uuid') schoolId: string;
}
