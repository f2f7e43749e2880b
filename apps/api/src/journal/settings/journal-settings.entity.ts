import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import { NUMBER } from '../journal.columns';

/** R-JRN-05 / R-JRN-08: per-school journal settings; a school without a row uses the seeds' defaults. */
@Entity('journal_settings')
export class JournalSettings {
  @PrimaryColumn('uuid') schoolId: string;
  @Column('int') contentEditDays: number;
  @Column('int') lateEntryDays: number;
  @Column('int') homeworkHoursAfterClasses: number;
  @Column('int') controlMarkEditDays: number;
  @Column('int') periodMarkEditDays: number;
  @Column('numeric', { precision: 3, scale: 2, transformer: NUMBER }) roundingThreshold: number;
  @Column() classTeacherAppliesChanges: boolean;
  @VersionColumn() version: number;
}
