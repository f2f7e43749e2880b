import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { NUMBER } from '../journal.columns';

/** R-JRN-03: a work type of the school with the weight its marks carry (контрольная 2, ответ на уроке 1, …). */
@Entity('work_types')
export class WorkType {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column() code: string;
  @Column() name: string;
  @Column('numeric', { precision: 3, scale: 1, transformer: NUMBER }) weight: number;
  /** Marks of a control work stay editable longer (R-JRN-05: control-work marks 10 days). */
  @Column() isControl: boolean;
  @Column() archived: boolean;
  @VersionColumn() version: number;
}
