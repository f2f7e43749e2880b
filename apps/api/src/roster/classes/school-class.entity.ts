import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-ROS-06: a class (5А) of one academic year with its class teacher. */
@Entity('classes')
export class SchoolClass {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') academicYearId: string;
  @Column('int') grade: number;
  @Column() letter: string;
  @Column({ type: 'uuid', nullable: true }) classTeacherId: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

export const className = (c: Pick<SchoolClass, 'grade' | 'letter'>): string => `${c.grade}${c.letter}`;
