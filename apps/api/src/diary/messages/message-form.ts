import type { Type } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InvalidField } from '../../platform/errors/domain-errors';
import { validationPipe } from '../../platform/errors/validation';
import { HOMEWORK_FILE_MAX_BYTES } from '../../journal/files/file-types';
import { PayloadTooLarge, UnsupportedMediaType } from '../../roster/import/upload';

/** R-DIA-11: a message carries at most this many attachments, each with the homework limits (10 MB, safe types). */
export const MESSAGE_MAX_FILES = 5;

export interface FormFile {
  fileName: string;
  bytes: Buffer;
}

/**
 * A message body as JSON, or as multipart/form-data with the same fields plus up to 5 files; the fields are validated
 * like any DTO (unknown fields rejected, every bad field listed).
 */
export async function readMessageForm<T extends object>(req: FastifyRequest, dto: Type<T>): Promise<{ body: T; files: FormFile[] }> {
  const mime = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const files: FormFile[] = [];
  let fields: Record<string, unknown>;
  if (mime === 'multipart/form-data') {
    fields = {};
    try {
      for await (const part of req.parts({ limits: { fileSize: HOMEWORK_FILE_MAX_BYTES, files: MESSAGE_MAX_FILES } })) {
        if (part.type === 'file') {
          const bytes = await part.toBuffer();
          if (bytes.length === 0) throw new InvalidField('files', `${part.filename || 'a file'} is empty`);
          files.push({ fileName: part.filename ?? '', bytes });
        } else {
          fields[part.fieldname] = part.value;
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new PayloadTooLarge(`A file is larger than ${HOMEWORK_FILE_MAX_BYTES / 1024 / 1024} MB`, { limitBytes: HOMEWORK_FILE_MAX_BYTES });
      }
      if (code === 'FST_FILES_LIMIT') throw new InvalidField('files', `at most ${MESSAGE_MAX_FILES} files`);
      throw e;
    }
  } else if (mime === 'application/json') {
    fields = (req.body ?? {}) as Record<string, unknown>;
  } else {
    throw new UnsupportedMediaType(`Send application/json, or multipart/form-data with the fields and up to ${MESSAGE_MAX_FILES} files`);
  }
  const body = (await validationPipe.transform(fields, { type: 'body', metatype: dto })) as T;
  return { body, files };
}
