import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../../platform/auth/principal';
import { NotFound } from '../../platform/errors/domain-errors';
import { type HomeworkFileContent, HomeworkFilesService } from '../../journal/files/homework-files.service';
import { DiaryScopeService } from '../scope/diary-scope.service';

/**
 * R-DIA-01 / R-DIA-07: a homework attachment is downloadable from a student's diary only when the student may be seen by the
 * caller and the file belongs to a lesson in that student's diary (their class on the lesson's date, their subgroup).
 */
@Injectable()
export class DiaryHomeworkFileService {
  constructor(private readonly db: DataSource, private readonly scope: DiaryScopeService, private readonly files: HomeworkFilesService) {}

  async download(actor: Actor, studentId: string, fileId: string): Promise<HomeworkFileContent> {
    const s = await this.scope.student(actor, studentId, 'homework_file');
    const [row]: { lesson_id: string }[] = await this.db.query(
      `SELECT f.lesson_id FROM homework_files f JOIN lessons l ON l.id = f.lesson_id
         JOIN enrolments e ON e.student_id = $2 AND e.class_id = l.class_id AND l.date BETWEEN e.starts_on AND coalesce(e.ends_on, 'infinity'::date)
        WHERE f.id = $1 AND f.school_id = $3
          AND (l.subgroup_id IS NULL OR EXISTS (SELECT 1 FROM subgroup_members sm WHERE sm.subgroup_id = l.subgroup_id AND sm.student_id = $2))
        LIMIT 1`, [fileId, s.studentId, s.schoolId]);
    if (!row) throw new NotFound('No such file');
    return this.files.open(row.lesson_id, fileId);
  }
}
