import { Column, Entity, PrimaryColumn } from 'typeorm';

/** R-ROS-05: a person a parent designates to view one child's diary, until a date or revocation. */
@Entity('interested_persons')
export class InterestedPerson {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') personId: string;
  @Column('uuid') studentId: string;
  @Column('uuid') designatedBy: string;
  @Column({ type: 'text', nullable: true }) contact: string | null;
  @Column({ type: 'date', nullable: true }) validUntil: string | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}
