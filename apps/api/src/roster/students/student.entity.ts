import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-ROS-03: a student's card; SNILS only encrypted (never logged, never in audit snapshots). */
@Entity('students')
export class Student {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') personId: string;
  @Column({ type: 'text', nullable: true }) personalFileNumber: string | null;
  @Column({ type: 'text', nullable: true }) snilsEncrypted: string | null;
  @Column({ type: 'text', nullable: true }) snilsHash: string | null;
  @Column({ type: 'text', nullable: true }) address: string | null;
  @Column('text') status: 'studying' | 'left' | 'graduated';
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
