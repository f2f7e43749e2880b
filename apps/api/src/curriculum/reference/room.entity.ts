import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** R-CUR-10: a room (кабинет). */
@Entity('rooms')
export class Room {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column() name: string;
  @Column({ type: 'int', nullable: true }) capacity: number | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column() archived: boolean;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

/** R-CUR-10: a textbook used for a subject in a grade range. */
@Entity('textbooks')
export class Textbook {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') subjectId: string;
  @Column() title: string;
  @Column() authors: string;
  @Column() publisher: string;
  @Column({ type: 'int', nullable: true }) year: number | null;
  @Column('int') gradeFrom: number;
  @Column('int') gradeTo: number;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}
