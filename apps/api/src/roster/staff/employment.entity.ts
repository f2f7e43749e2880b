import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { Role } from '@otmetka/contracts';

/** R-ROS-02: a person's employment at a school with one or several roles. */
@Entity('employments')
export class Employment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') personId: string;
  @Column('text', { array: true }) roles: Role[];
  @Column() position: string;
  @Column('date') startsOn: string;
  @Column({ type: 'date', nullable: true }) endsOn: string | null;
  @Column({ type: 'text', nullable: true }) hireOrderNumber: string | null;
  @Column({ type: 'text', nullable: true }) dismissalOrderNumber: string | null;
  @Column({ type: 'timestamptz', nullable: true }) dismissedAt: Date | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
