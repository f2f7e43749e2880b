import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-ROS-04: a parent (legal representative) with the access application record. */
@Entity('guardians')
export class Guardian {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') personId: string;
  @Column({ type: 'text', nullable: true }) applicationNumber: string | null;
  @Column({ type: 'date', nullable: true }) applicationDate: string | null;
  @Column({ type: 'text', nullable: true }) identityDocument: string | null;
  @Column({ type: 'uuid', nullable: true }) identityCheckedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) identityCheckedAt: Date | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

@Entity('guardianships')
export class Guardianship {
  @PrimaryColumn('uuid') guardianId: string;
  @PrimaryColumn('uuid') studentId: string;
  @Column('uuid') schoolId: string;
  @Column() relation: string;
}
