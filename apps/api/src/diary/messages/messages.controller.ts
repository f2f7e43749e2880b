import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation,
  ApiPayloadTooLargeResponse, ApiProduces, ApiQuery, ApiResponse, ApiTags, ApiUnsupportedMediaTypeResponse, getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HOMEWORK_FILE_TYPES } from '../../journal/files/file-types';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { optionalUuid, page, ParseIdPipe, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { sendFile } from '../http/download';
import { IF_NONE_MATCH, NOT_MODIFIED } from '../http/openapi';
import { MESSAGE_MAX_FILES, readMessageForm } from './message-form';
import { CreateThreadDto, OverdueThreadView, ReplyDto, ThreadPageView, ThreadView, UnreadCountView } from './message.dto';
import { MessagesService } from './messages.service';

const TYPES = Object.keys(HOMEWORK_FILE_TYPES).join(', ');
const FILES_NOTE = `JSON, or multipart/form-data with the same fields and up to ${MESSAGE_MAX_FILES} files (field "files"), each at most 10 MB of type ${TYPES} `
  + '(the limits of homework files).';
const FILES_SCHEMA = { type: 'array', items: { type: 'string', format: 'binary' }, description: 'multipart/form-data only' };

@ApiTags('diary')
@ApiBearerAuth()
@ApiExtraModels(CreateThreadDto, ReplyDto)
@Controller('diary/threads')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @ApiOperation({ summary: 'The caller\'s message threads, newest first (R-DIA-11)',
    description: 'A family member sees the threads they take part in; a teacher the threads addressed to them. With studentId the student must be in the caller\'s diary scope.' })
  @ApiQuery({ name: 'studentId', format: 'uuid', required: false })
  @ApiQuery({ name: 'schoolId', format: 'uuid', required: false })
  @ApiQuery({ name: 'limit', required: false, example: 50 })
  @ApiQuery({ name: 'offset', required: false, example: 0 })
  @ApiOkResponse({ type: ThreadPageView })
  list(@CurrentActor() actor: Actor, @Query('studentId', optionalUuid('studentId')) studentId?: string,
    @Query('schoolId', optionalUuid('schoolId')) schoolId?: string, @Query('limit') limit?: string, @Query('offset') offset?: string) {
    return this.messages.list(actor, { studentId, schoolId, ...page(limit, offset) });
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'Messages to the caller not opened yet, and in how many threads (R-DIA-11)' })
  @ApiOkResponse({ type: UnreadCountView })
  unread(@CurrentActor() actor: Actor) {
    return this.messages.unreadCount(actor);
  }

  @Get('overdue')
  @ApiOperation({ summary: 'Threads whose family message has waited for the teacher\'s answer longer than 2 working days (R-DIA-11)',
    description: 'The deputy, the director, the admin. Working days follow the school\'s calendar (weekends, holidays and school-wide vacations skipped). '
      + 'The correspondence itself is not shown.' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiOkResponse({ type: [OverdueThreadView] })
  overdue(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string) {
    return this.messages.overdue(actor, schoolId);
  }

  @Post()
  @ApiOperation({ summary: 'Start a thread (R-DIA-11)',
    description: 'A parent or the student writes to a teacher of the student or the class teacher (teacherId); a teacher of the student writes to a '
      + `parent of the student or the student (recipientId). Never between families. ${FILES_NOTE}` })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(CreateThreadDto) }, { type: 'object', properties: { files: FILES_SCHEMA } }] } })
  @ApiCreatedResponse({ type: ThreadView })
  @ApiNotFoundResponse({ description: 'No such student in the caller\'s scope, or the addressee is not a teacher (or a parent) of the student' })
  @ApiForbiddenResponse({ description: 'An interested person, or staff who do not teach the student' })
  @ApiPayloadTooLargeResponse({ description: 'A file larger than 10 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: `A file not of type ${TYPES}, or its content does not match its name` })
  async create(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    const { body, files } = await readMessageForm(req, CreateThreadDto);
    return this.messages.create(actor, body, files);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A thread with its messages; the caller\'s unread messages in it become read (R-DIA-11)', description: 'Participants only.' })
  @ApiOkResponse({ type: ThreadView })
  @ApiNotFoundResponse({ description: 'No such thread, or the caller does not take part in it' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.messages.get(actor, id);
  }

  @Post(':id/messages')
  @HttpCode(201)
  @ApiOperation({ summary: 'Answer in a thread (R-DIA-11)',
    description: `Participants only. A family message starts the 2-working-day wait for the teacher's answer; the teacher's answer ends it. ${FILES_NOTE}` })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ schema: { allOf: [{ $ref: getSchemaPath(ReplyDto) }, { type: 'object', properties: { files: FILES_SCHEMA } }] } })
  @ApiCreatedResponse({ type: ThreadView })
  @ApiNotFoundResponse({ description: 'No such thread, or the caller does not take part in it' })
  @ApiPayloadTooLargeResponse({ description: 'A file larger than 10 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: `A file not of type ${TYPES}, or its content does not match its name` })
  async reply(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Req() req: FastifyRequest) {
    const { body, files } = await readMessageForm(req, ReplyDto);
    return this.messages.reply(actor, id, body, files);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiOperation({ summary: 'Download an attachment of a message (participants only)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file as an attachment', schema: { type: 'string', format: 'binary' } })
  @ApiResponse(NOT_MODIFIED)
  @ApiNotFoundResponse({ description: 'No such attachment in a thread of the caller' })
  async attachment(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('attachmentId', ParseIdPipe) attachmentId: string,
    @Headers(IF_NONE_MATCH.name.toLowerCase()) inm: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return sendFile(reply, inm, await this.messages.attachment(actor, id, attachmentId));
  }
}
