import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe } from '../../platform/http/pipes';
import { sendFile } from '../http/download';
import { IF_NONE_MATCH, NOT_MODIFIED, SCOPE_NOTE } from '../http/openapi';
import { DiaryHomeworkFileService } from './homework-file.service';

@ApiTags('diary')
@ApiBearerAuth()
@Controller('diary/students/:id/homework-files')
export class DiaryHomeworkFileController {
  constructor(private readonly files: DiaryHomeworkFileService) {}

  @Get(':fileId')
  @ApiOperation({ summary: 'Download a homework attachment of a lesson in the student\'s diary (R-DIA-01)',
    description: `Only a file of a lesson of the student's class (and subgroup). ${SCOPE_NOTE}` })
  @ApiProduces('application/octet-stream')
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ description: 'The file as an attachment; ETag and X-Content-SHA256 carry its SHA-256', schema: { type: 'string', format: 'binary' } })
  @ApiResponse(NOT_MODIFIED)
  @ApiNotFoundResponse({ description: 'No such file in this student\'s diary, or the student is out of scope' })
  async download(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('fileId', ParseIdPipe) fileId: string,
    @Headers('if-none-match') inm: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendFile(reply, inm, await this.files.download(actor, id, fileId));
  }
}
