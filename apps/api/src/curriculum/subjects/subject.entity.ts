import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-CUR-03: a subject of the school's catalogue. */
@Entity('subjects')
export class Subject {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column() name: string;
  @Column() shortName: string;
  @Column() area: string;
  @Column() archived: boolean;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
