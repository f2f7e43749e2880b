import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Conflict, NotFound } from '../../platform/errors/domain-errors';
import { UnsupportedMediaType } from '../../roster/import/upload';
import { EditWindowClosed } from '../edit-policy/edit-window-closed';
import { JOURNAL_STAFF } from '../journal.roles';
import { requireLessonWriter } from '../lessons/lesson-access';
import { decideItem } from '../lessons/lesson-edit';
import type { HomeworkFileView } from '../lessons/lesson.dto';
import { type LessonRow, loadLesson } from '../lessons/lesson-page.query';
import { LessonPageService } from '../lessons/lesson-page.service';
import { LessonsService } from '../lessons/lessons.service';
import { cleanFileName, HOMEWORK_FILE_TYPES, homeworkFileType } from './file-types';
import { FILE_STORAGE, type FileStorage } from './file-storage';
import { HomeworkFile } from './homework-file.entity';

export interface HomeworkFileContent {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  bytes: Buffer;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const toView = (f: HomeworkFile): HomeworkFileView => ({
  id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, createdAt: new Date(f.createdAt).toISOString(),
});

/** R-JRN-02 / DESIGN Files: homework attachments — stored through the FileStorage with their SHA-256, within the homework edit window. */
@Injectable()
export class HomeworkFilesService {
  private readonly logger = new Logger('HomeworkFiles');

  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly lessons: LessonsService,
    private readonly pages: LessonPageService, @Inject(FILE_STORAGE) private readonly storage: FileStorage) {}

  /** Attaches one file (its type and size checked by the caller's reader, its type again here by content). */
  async upload(actor: Actor, lessonId: string, upload: { fileName: string; bytes: Buffer }): Promise<HomeworkFileView> {
    const found = await this.lessons.find(actor, lessonId);
    const a = requireLessonWriter(actor, found);
    const fileName = cleanFileName(upload.fileName);
    const type = homeworkFileType(fileName, upload.bytes);
    if (!type) throw new UnsupportedMediaType(`Homework files are ${Object.keys(HOMEWORK_FILE_TYPES).join(', ')}; the file's name and content must agree`);
    const id = newId();
    const key = `${found.schoolId}/homework/${lessonId}/${id}`;
    let stored = false;
    try {
      return await this.db.transaction(async (tx) => {
        await tx.query(`SELECT id FROM lessons WHERE id = $1 FOR UPDATE`, [lessonId]);
        const l = (await loadLesson(tx, lessonId)) as LessonRow;
        if (l.cancelled) throw new Conflict('The lesson is cancelled; nothing can be entered on it');
        const ctx = await this.pages.editContext(tx, l);
        const [hw] = await tx.query(`SELECT entered_late AS "enteredLate" FROM homework WHERE lesson_id = $1`, [lessonId]);
        const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM homework_files WHERE lesson_id = $1`, [lessonId]);
        // R-JRN-05: an attachment is part of the homework and follows its window.
        const d = decideItem(ctx, 'homework', hw ?? (n > 0 ? { enteredLate: false } : null));
        if (!d.allowed) throw new EditWindowClosed([{ field: 'file', item: 'homework', reason: d.reason, editableUntil: d.editableUntil, needsChangeRequest: d.needsChangeRequest }]);
        const file = tx.create(HomeworkFile, { id, schoolId: l.schoolId, lessonId, fileName, contentType: type.contentType, sizeBytes: upload.bytes.length,
          sha256: sha256(upload.bytes), storageKey: key, uploadedBy: actor.principal.userId, createdAt: ctx.now });
        await this.storage.put(key, upload.bytes);
        stored = true;
        await tx.insert(HomeworkFile, file);
        const view = toView(file);
        await this.audit.record(tx, { schoolId: l.schoolId, actor, role: a.role, action: 'homework_file.upload', entity: 'lesson', entityId: lessonId,
          after: { file: { ...view, lateEntry: d.late } } });
        return view;
      });
    } catch (e) {
      // The transaction rolled back: the bytes must not stay behind.
      if (stored) await this.storage.delete(key).catch(() => undefined);
      throw e;
    }
  }

  /** Download for the school's staff (R-SEC-02). */
  async download(actor: Actor, lessonId: string, fileId: string): Promise<HomeworkFileContent> {
    const l = await this.lessons.find(actor, lessonId);
    requireRole(actor, l.schoolId, JOURNAL_STAFF);
    return this.open(lessonId, fileId);
  }

  /**
   * The bytes of a homework file of a lesson, checked against the stored SHA-256. No authorization: for a module that has already decided
   * the caller may see the lesson (the diary: a family member of a student of the lesson).
   */
  async open(lessonId: string, fileId: string): Promise<HomeworkFileContent> {
    const f = await this.db.manager.findOneBy(HomeworkFile, { id: fileId, lessonId });
    if (!f) throw new NotFound('No such file');
    const bytes = await this.storage.get(f.storageKey);
    if (sha256(bytes) !== f.sha256) {
      this.logger.error({ fileId, storageKey: f.storageKey, msg: 'homework file does not match its checksum' });
      throw new Error('The stored file is damaged');
    }
    return { fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes, sha256: f.sha256, bytes };
  }

  /** Removes an attachment within the homework edit window (R-JRN-05); the bytes go after the commit. */
  async remove(actor: Actor, lessonId: string, fileId: string): Promise<void> {
    const found = await this.lessons.find(actor, lessonId);
    const a = requireLessonWriter(actor, found);
    const key = await this.db.transaction(async (tx) => {
      await tx.query(`SELECT id FROM lessons WHERE id = $1 FOR UPDATE`, [lessonId]);
      const f = await tx.findOneBy(HomeworkFile, { id: fileId, lessonId });
      if (!f) throw new NotFound('No such file');
      const l = (await loadLesson(tx, lessonId)) as LessonRow;
      const ctx = await this.pages.editContext(tx, l);
      const [hw] = await tx.query(`SELECT entered_late AS "enteredLate" FROM homework WHERE lesson_id = $1`, [lessonId]);
      const d = decideItem(ctx, 'homework', hw ?? { enteredLate: false });
      if (!d.allowed) throw new EditWindowClosed([{ field: 'file', item: 'homework', reason: d.reason, editableUntil: d.editableUntil, needsChangeRequest: d.needsChangeRequest }]);
      await tx.delete(HomeworkFile, { id: fileId });
      await this.audit.record(tx, { schoolId: l.schoolId, actor, role: a.role, action: 'homework_file.delete', entity: 'lesson', entityId: lessonId,
        before: { file: toView(f) }, after: null });
      return f.storageKey;
    });
    await this.storage.delete(key).catch((e) => this.logger.warn({ key, msg: 'could not delete a removed homework file', err: String(e) }));
  }
}
