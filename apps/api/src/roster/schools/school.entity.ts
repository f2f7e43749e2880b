import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-ROS-01: a school with its IANA time zone. */
@Entity('schools')
export class School {
  @PrimaryColumn('uuid') id: string;
  @Column() name: string;
  @Column() shortName: string;
  @Column() address: string;
  @Column() timeZone: string;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) inn: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
