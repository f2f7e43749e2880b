import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { DomainError, InvalidField } from '../../platform/errors/domain-errors';
import { XLSX_MIME } from './xlsx';

/** R-ROS-11: an import file may be at most 5 MB (1,000 students are about 150 KB). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const CSV_TYPES = ['text/csv', 'application/csv'];

export class PayloadTooLarge extends DomainError {
  readonly status = 413;
  readonly type = '/problems/payload-too-large';
  readonly title = 'Payload too large';
}
export class UnsupportedMediaType extends DomainError {
  readonly status = 415;
  readonly type = '/problems/unsupported-media-type';
  readonly title = 'Unsupported media type';
}

export interface Upload {
  bytes: Buffer;
  format: 'csv' | 'xlsx';
  fileName: string | null;
}

const tooLarge = () => new PayloadTooLarge(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`, { limitBytes: IMPORT_MAX_BYTES });

function formatOf(fileName: string | null, mime: string): 'csv' | 'xlsx' | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'xlsx' || mime === XLSX_MIME) return 'xlsx';
  if (ext === 'csv' || CSV_TYPES.includes(mime)) return 'csv';
  return null;
}

/** The file of an import: a text/csv or XLSX body (parsed to a Buffer by the body parser), or one file in multipart/form-data. */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  const mime = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mime === 'multipart/form-data') {
    let file: MultipartFile | undefined;
    let bytes: Buffer;
    try {
      file = await req.file({ limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } });
      if (!file) throw new InvalidField('file', 'the form must hold one file (.csv or .xlsx)');
      bytes = await file.toBuffer();
    } catch (e) {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      if ((e as { code?: string }).code === 'FST_FILES_LIMIT') throw new InvalidField('file', 'send one file only');
      throw e;
    }
    const format = formatOf(file.filename, file.mimetype);
    if (!format) throw new UnsupportedMediaType('The file must be .csv or .xlsx');
    return { bytes, format, fileName: file.filename || null };
  }
  const format = formatOf(null, mime);
  if (!format) throw new UnsupportedMediaType(`Send text/csv, ${XLSX_MIME} or multipart/form-data with one file`);
  const body = req.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new InvalidField('file', 'the body is empty');
  if (body.length > IMPORT_MAX_BYTES) throw tooLarge();
  return { bytes: body, format, fileName: null };
}
