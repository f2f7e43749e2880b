import { Column, Entity, PrimaryColumn } from 'typeorm';

/** R-JRN-02 / DESIGN Files: a file attached to a lesson's homework; the bytes live in the file storage under `storageKey`. */
@Entity('homework_files')
export class HomeworkFile {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') schoolId: string;
  @Column('uuid') lessonId: string;
  @Column() fileName: string;
  @Column() contentType: string;
  @Column('int') sizeBytes: number;
  @Column() sha256: string;
  @Column() storageKey: string;
  @Column({ type: 'uuid', nullable: true }) uploadedBy: string | null;
  @Column('timestamptz') createdAt: Date;
}
