import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A natural person: staff, student, parent or interested person. */
@Entity('persons')
export class Person {
  @PrimaryColumn('uuid') id: string;
  @Column() lastName: string;
  @Column() firstName: string;
  @Column({ type: 'text', nullable: true }) middleName: string | null;
  @Column({ type: 'date', nullable: true }) birthDate: string | null;
  @Column({ type: 'text', nullable: true }) gender: 'male' | 'female' | null;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) phone: string | null;
  @Column({ type: 'timestamptz', insert: false, update: false }) createdAt: Date;
  @VersionColumn() version: number;
}

export const fullName = (p: Pick<Person, 'lastName' | 'firstName' | 'middleName'>): string =>
  [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
