import { Controller, Get, Query, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { optionalDate } from '../../curriculum/calendar/query-params';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { requiredUuid } from '../../platform/http/pipes';
import { transliterate } from '../../roster/people/accounts';
import { attendancePdf, progressPdf } from './reports.pdf';
import { AttendanceReportView, ClassProgressView } from './reports.dto';
import { ReportsService } from './reports.service';
import { attendanceXlsx, progressXlsx, XLSX_MIME } from './reports.xlsx';

const FORMATS = ['json', 'xlsx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];

function formatOf(value: string | undefined): Format {
  if (value === undefined || value === '') return 'json';
  if (!(FORMATS as readonly string[]).includes(value)) throw new InvalidField('format', 'format must be json, xlsx or pdf');
  return value as Format;
}

const required = (field: string, value: string | undefined): string => {
  if (value === undefined) throw new InvalidField(field, `${field} is required`);
  return value;
};

const reportResponse = (view: Type<unknown>) => ({
  description: 'JSON, or the report as a file with format=xlsx|pdf',
  content: {
    'application/json': { schema: { $ref: getSchemaPath(view) } },
    [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } },
    'application/pdf': { schema: { type: 'string', format: 'binary' } },
  },
});

/** Sends a report file: Russian name for browsers (filename*), a transliterated one for the rest; never cached (personal data). */
function sendFile(reply: FastifyReply, format: 'xlsx' | 'pdf', nameRu: string, bytes: Buffer): Buffer {
  const ascii = nameRu.split(/[\s–-]+/).map(transliterate).filter(Boolean).join('-') || 'report';
  void reply
    .header('content-type', format === 'xlsx' ? XLSX_MIME : 'application/pdf')
    .header('content-disposition', `attachment; filename="${ascii}.${format}"; filename*=UTF-8''${encodeURIComponent(`${nameRu}.${format}`)}`)
    .header('cache-control', 'no-store');
  return bytes;
}

@ApiTags('journal')
@ApiBearerAuth()
@ApiExtraModels(ClassProgressView, AttendanceReportView)
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('class-progress')
  @ApiOperation({ summary: 'Progress of a class in a study period: students × subjects with weighted averages, period marks and forecasts; '
    + '% passing, % quality and mean per subject and for the class; absences by reason (R-JRN-13). The class teacher of the class and the administration.' })
  @ApiQuery({ name: 'classId', format: 'uuid' })
  @ApiQuery({ name: 'periodId', format: 'uuid', description: 'A study period of the class\'s grade and year' })
  @ApiQuery({ name: 'format', required: false, enum: FORMATS, description: 'json (default); xlsx: sheets «Успеваемость» and «Посещаемость»; pdf: landscape A4' })
  @ApiProduces('application/json', XLSX_MIME, 'application/pdf')
  @ApiOkResponse(reportResponse(ClassProgressView))
  async classProgress(@CurrentActor() actor: Actor, @Query('classId', requiredUuid('classId')) classId: string,
    @Query('periodId', requiredUuid('periodId')) periodId: string, @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply): Promise<ClassProgressView | Buffer> {
    const f = formatOf(format);
    const { view, heading } = await this.reports.classProgress(actor, { classId, periodId });
    if (f === 'json') return view;
    const name = `Успеваемость ${view.class.name} ${view.period.name}`;
    return sendFile(reply, f, name, f === 'xlsx' ? await progressXlsx(view, heading) : await progressPdf(view, heading));
  }

  @Get('attendance')
  @ApiOperation({ summary: 'Absences of a class in a date range by reason (Н, У, Б, ОП), in lessons and academic hours, per student and per subject '
    + '(R-JRN-13, 004 App.4 §4.5). The class teacher of the class and the administration.' })
  @ApiQuery({ name: 'classId', format: 'uuid' })
  @ApiQuery({ name: 'from', example: '2026-09-01' })
  @ApiQuery({ name: 'to', example: '2026-09-30', description: 'Inclusive; at most 366 days after from' })
  @ApiQuery({ name: 'format', required: false, enum: FORMATS })
  @ApiProduces('application/json', XLSX_MIME, 'application/pdf')
  @ApiOkResponse(reportResponse(AttendanceReportView))
  async attendance(@CurrentActor() actor: Actor, @Query('classId', requiredUuid('classId')) classId: string,
    @Query('from', optionalDate('from')) from: string | undefined, @Query('to', optionalDate('to')) to: string | undefined,
    @Query('format') format: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<AttendanceReportView | Buffer> {
    const f = formatOf(format);
    const { view, heading } = await this.reports.attendance(actor, { classId, from: required('from', from), to: required('to', to) });
    if (f === 'json') return view;
    const name = `Посещаемость ${view.class.name} ${view.from}–${view.to}`;
    return sendFile(reply, f, name, f === 'xlsx' ? await attendanceXlsx(view, heading) : await attendancePdf(view, heading));
  }
}
