import { Column, Entity, PrimaryColumn } from 'typeorm';

/** R-ROS-08: a period of class membership; endsOn null = current. */
@Entity('enrolments')
export class Enrolment {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') studentId: string;
  @Column('uuid') classId: string;
  @Column('date') startsOn: string;
  @Column({ type: 'date', nullable: true }) endsOn: string | null;
}
