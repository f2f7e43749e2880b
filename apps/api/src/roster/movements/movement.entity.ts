import { Column, Entity, PrimaryColumn } from 'typeorm';

export type MovementRecordKind = 'enrol' | 'transfer_within' | 'transfer_out' | 'expel' | 'promote' | 'graduate';

/** R-ROS-08: a dated movement with its order number; never edited, history kept. */
@Entity('movements')
export class Movement {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') studentId: string;
  @Column('text') kind: MovementRecordKind;
  @Column('date') occurredOn: string;
  @Column() orderNumber: string;
  @Column({ type: 'uuid', nullable: true }) fromClassId: string | null;
  @Column({ type: 'uuid', nullable: true }) toClassId: string | null;
  @Column({ type: 'text', nullable: true }) destination: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
}
