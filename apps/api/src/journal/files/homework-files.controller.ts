import type { MultipartFile } from '@fastify/multipart';
import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse,
  ApiProduces, ApiTags, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { ParseIdPipe } from '../../platform/http/pipes';
import { PayloadTooLarge, UnsupportedMediaType } from '../../roster/import/upload';
import { HomeworkFileView } from '../lessons/lesson.dto';
import { HOMEWORK_FILE_MAX_BYTES, HOMEWORK_FILE_TYPES } from './file-types';
import { HomeworkFilesService } from './homework-files.service';

const TYPES = Object.keys(HOMEWORK_FILE_TYPES).join(', ');

/** One file of a multipart/form-data body, at most 10 MB. */
async function readHomeworkFile(req: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  const mime = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mime !== 'multipart/form-data') throw new UnsupportedMediaType('Send multipart/form-data with one file');
  let file: MultipartFile | undefined;
  let bytes: Buffer;
  try {
    file = await req.file({ limits: { fileSize: HOMEWORK_FILE_MAX_BYTES, files: 1 } });
    if (!file) throw new InvalidField('file', 'the form must hold one file');
    bytes = await file.toBuffer();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLarge(`The file is larger than ${HOMEWORK_FILE_MAX_BYTES / 1024 / 1024} MB`, { limitBytes: HOMEWORK_FILE_MAX_BYTES });
    if (code === 'FST_FILES_LIMIT') throw new InvalidField('file', 'send one file only');
    throw e;
  }
  if (bytes.length === 0) throw new InvalidField('file', 'the file is empty');
  return { fileName: file.filename ?? '', bytes };
}

@ApiTags('journal')
@ApiBearerAuth()
@Controller('lessons/:id/homework/files')
export class HomeworkFilesController {
  constructor(private readonly files: HomeworkFilesService) {}

  @Post()
  @ApiOperation({ summary: 'Attach a file to the lesson\'s homework (the lesson\'s teacher or substitute, within the homework window; R-JRN-02)',
    description: `One file, at most 10 MB, of type ${TYPES}; its SHA-256 is stored.` })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: HomeworkFileView })
  @ApiPayloadTooLargeResponse({ description: 'Larger than 10 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: `Not one of ${TYPES}, or its content does not match its name` })
  @ApiForbiddenResponse({ description: 'Outside the homework edit window (/problems/edit-window-closed), or not this lesson\'s teacher' })
  async upload(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Req() req: FastifyRequest) {
    return this.files.upload(actor, id, await readHomeworkFile(req));
  }

  @Get(':fileId')
  @ApiOperation({ summary: 'Download a homework file (any staff of the school)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file; X-Content-SHA256 carries its checksum', schema: { type: 'string', format: 'binary' } })
  async download(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('fileId', ParseIdPipe) fileId: string,
    @Res({ passthrough: true }) reply: FastifyReply) {
    const f = await this.files.download(actor, id, fileId);
    void reply.header('content-type', f.contentType)
      .header('content-disposition', `attachment; filename="${f.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .header('x-content-sha256', f.sha256)
      .header('cache-control', 'private, no-store');
    return f.bytes;
  }

  @Delete(':fileId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a homework file (the lesson\'s teacher or substitute, within the homework window)' })
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('fileId', ParseIdPipe) fileId: string) {
    await this.files.remove(actor, id, fileId);
  }
}
