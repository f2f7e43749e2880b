import { Controller, Get, Query, Res, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { optionalUuid, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { MonitoringActivityView, MonitoringDetailsView, MonitoringJournalView } from './monitoring.dto';
import { METRICS, parseMetric } from './monitoring.rules';
import { MonitoringService } from './monitoring.service';
import { activityXlsx, monitoringXlsx, XLSX_MIME } from './monitoring.xlsx';

const FORMATS = ['json', 'xlsx'] as const;

function wantsXlsx(value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'json') return false;
  if (value === 'xlsx') return true;
  throw new InvalidField('format', 'format must be json or xlsx');
}

const reportResponse = (view: Type<unknown>) => ({
  description: 'JSON, or the report as an XLSX file with format=xlsx',
  content: {
    'application/json': { schema: { $ref: getSchemaPath(view) } },
    [XLSX_MIME]: { schema: { type: 'string', format: 'binary' } },
  },
});

/** Sends an XLSX file: a Russian name for browsers (filename*), an ASCII one for the rest; never cached. */
function sendXlsx(reply: FastifyReply, ascii: string, nameRu: string, bytes: Buffer): Buffer {
  void reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${nameRu}.xlsx`)}`)
    .header('cache-control', 'no-store');
  return bytes;
}

const RANGE_QUERIES = [
  ApiQuery({ name: 'schoolId', format: 'uuid' }),
  ApiQuery({ name: 'from', example: '2026-11-01' }),
  ApiQuery({ name: 'to', example: '2026-11-30', description: 'Inclusive; at most 366 days after from; lessons after today are not counted' }),
  ApiQuery({ name: 'classId', required: false, format: 'uuid' }),
  ApiQuery({ name: 'teacherId', required: false, format: 'uuid', description: 'Person id of the teacher of record' }),
  ApiQuery({ name: 'subjectId', required: false, format: 'uuid' }),
];
const applyAll = (decorators: MethodDecorator[]): MethodDecorator => (target, key, desc) => {
  for (const d of decorators) d(target, key, desc);
};

@ApiTags('monitoring')
@ApiBearerAuth()
@ApiExtraModels(MonitoringJournalView, MonitoringActivityView)
@Controller('monitoring')
export class MonitoringController {
  constructor(private readonly monitoring: MonitoringService) {}

  @Get('journal')
  @ApiOperation({ summary: 'Monitoring of journal keeping (R-AUD-04; 002 §3.4.8; 004 App.4 §3.5, §5.2): per teacher × class × subject — lessons held, '
    + 'without topic or homework, late homework, late entries, students without marks or with one mark, mark accumulation against weekly hours, '
    + 'КТП completion; totals per class, teacher and school; diary use of students and parents per class. Deputy, director, admin, operator; '
    + 'an integration token with journal:read.' })
  @applyAll(RANGE_QUERIES)
  @ApiQuery({ name: 'format', required: false, enum: FORMATS, description: 'json (default) or xlsx' })
  @ApiProduces('application/json', XLSX_MIME)
  @ApiOkResponse(reportResponse(MonitoringJournalView))
  async journal(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('from') from: string | undefined, @Query('to') to: string | undefined,
    @Query('classId', optionalUuid('classId')) classId: string | undefined, @Query('teacherId', optionalUuid('teacherId')) teacherId: string | undefined,
    @Query('subjectId', optionalUuid('subjectId')) subjectId: string | undefined, @Query('format') format: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply): Promise<MonitoringJournalView | Buffer> {
    const xlsx = wantsXlsx(format);
    const view = await this.monitoring.journal(actor, { schoolId, from, to, classId, teacherId, subjectId });
    if (!xlsx) return view;
    return sendXlsx(reply, `monitoring-${view.from}-${view.to}`, `Мониторинг журнала ${view.from}–${view.to}`, await monitoringXlsx(view));
  }

  @Get('journal/details')
  @ApiOperation({ summary: 'The lessons or students behind a monitoring figure (R-AUD-04 drill-down): lesson metrics list lessons (link to /lessons/:id), '
    + 'student metrics (no_marks, one_mark, below_norm) list students with their class and subject. At most 2000 items; total counts all.' })
  @applyAll(RANGE_QUERIES)
  @ApiQuery({ name: 'metric', enum: METRICS })
  @ApiOkResponse({ type: MonitoringDetailsView })
  details(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('from') from: string | undefined, @Query('to') to: string | undefined, @Query('metric') metric: string | undefined,
    @Query('classId', optionalUuid('classId')) classId: string | undefined, @Query('teacherId', optionalUuid('teacherId')) teacherId: string | undefined,
    @Query('subjectId', optionalUuid('subjectId')) subjectId: string | undefined): Promise<MonitoringDetailsView> {
    const m = parseMetric(metric);
    return this.monitoring.details(actor, { schoolId, from, to, classId, teacherId, subjectId }, m);
  }

  @Get('activity')
  @ApiOperation({ summary: 'Monthly user activity (R-AUD-04; 004 App.4 §5.1): per staff member lessons filled, marks entered, sign-ins and audited changes; '
    + 'per role users and active users; families\' diary visits.' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'month', example: '2026-11' })
  @ApiQuery({ name: 'format', required: false, enum: FORMATS })
  @ApiProduces('application/json', XLSX_MIME)
  @ApiOkResponse(reportResponse(MonitoringActivityView))
  async activity(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string, @Query('month') month: string | undefined,
    @Query('format') format: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<MonitoringActivityView | Buffer> {
    const xlsx = wantsXlsx(format);
    const view = await this.monitoring.activity(actor, schoolId, month);
    if (!xlsx) return view;
    return sendXlsx(reply, `activity-${view.month}`, `Активность пользователей ${view.month}`, await activityXlsx(view, view.schoolName));
  }
}
