import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { optionalDate } from '../../curriculum/calendar/query-params';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe } from '../../platform/http/pipes';
import { attachmentDisposition } from '../http/download';
import { SCOPE_NOTE } from '../http/openapi';
import { type ReportFile, WeekReportService } from './week-report.service';

const PDF = { description: 'A4 PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  headers: { 'X-Page-Count': { description: 'Pages (one per student)', schema: { type: 'integer' } } } };
const DATE = { name: 'date', required: false, example: '2026-12-01', description: 'Any date of the week; default today (school time)' };

@ApiTags('diary')
@ApiBearerAuth()
@Controller('diary')
export class WeekReportController {
  constructor(private readonly reports: WeekReportService) {}

  @Get('students/:id/week.pdf')
  @ApiOperation({ summary: 'The printable diary week of a student (R-DIA-09)', description: SCOPE_NOTE })
  @ApiQuery(DATE)
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiNotFoundResponse({ description: 'No such student, or out of the caller\'s scope' })
  async student(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('date', optionalDate('date')) date: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, await this.reports.student(actor, id, date));
  }

  @Get('classes/:id/week.pdf')
  @ApiOperation({ summary: 'The printable diary week of a whole class, one page per student (R-DIA-09)',
    description: 'The class teacher of the class, the deputy, the director, the admin; for families without electronic access.' })
  @ApiQuery(DATE)
  @ApiProduces('application/pdf')
  @ApiOkResponse(PDF)
  @ApiNotFoundResponse({ description: 'No such class, or not the caller\'s' })
  async forClass(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('date', optionalDate('date')) date: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, await this.reports.forClass(actor, id, date));
  }
}

function send(reply: FastifyReply, r: ReportFile): Buffer {
  void reply.header('content-type', 'application/pdf').header('content-disposition', attachmentDisposition(r.fileName))
    // Personal data of children: no shared cache keeps it.
    .header('cache-control', 'private, no-store').header('x-page-count', String(r.pages))
    .header('access-control-expose-headers', 'X-Request-Id, Content-Disposition, X-Page-Count');
  return r.pdf;
}
