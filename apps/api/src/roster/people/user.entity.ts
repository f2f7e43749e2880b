import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** An account (R-ROS-10); users.id is the participant's stable UID. */
@Entity('users')
export class User {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') personId: string;
  @Column() login: string;
  @Column() passwordHash: string;
  @Column('text') status: 'active' | 'revoked';
  @Column() failedLogins: number;
  @Column({ type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @Column() mustChangePassword: boolean;
  @Column({ type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
