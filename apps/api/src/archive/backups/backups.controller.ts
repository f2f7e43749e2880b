import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { page, ParseIdPipe, ParseSchoolIdPipe } from '../../platform/http/pipes';
import {
  BackupListView, BackupView, IntegrityReportListView, IntegrityReportView, RunBackupDto, RunIntegrityDto,
} from './backups.dto';
import { BackupsService } from './backups.service';
import { IntegrityService } from './integrity.service';

@ApiTags('archive')
@ApiBearerAuth()
@Controller('archive')
export class BackupsController {
  constructor(private readonly backups: BackupsService, private readonly integrity: IntegrityService) {}

  @Get('backups')
  @ApiOperation({ summary: 'The backup register, newest first, with the state of both copies (R-ARC-05; operator, admin, director, deputy)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ type: BackupListView })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('limit') limit?: string, @Query('offset') offset?: string) {
    const p = page(limit, offset);
    return this.backups.list(actor, schoolId, p.limit, p.offset);
  }

  @Post('backups')
  @ApiOperation({ summary: 'Back up the whole database now to both targets (R-ARC-05; operator, admin); 409 while another backup runs' })
  @ApiCreatedResponse({ type: BackupView })
  create(@CurrentActor() actor: Actor, @Body() dto: RunBackupDto) {
    return this.backups.createOnDemand(actor, dto.schoolId, dto.reason);
  }

  @Post('integrity/run')
  @HttpCode(201)
  @ApiOperation({ summary: 'Re-verify archive items, both copies of every backup and the audit chains now (R-ARC-06, R-AUD-02; operator, admin)' })
  @ApiCreatedResponse({ type: IntegrityReportView })
  runIntegrity(@CurrentActor() actor: Actor, @Body() dto: RunIntegrityDto) {
    return this.integrity.runOnDemand(actor, dto.schoolId);
  }

  @Get('integrity/reports')
  @ApiOperation({ summary: 'Integrity reports, newest first (R-ARC-06; operator, admin, director, deputy)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ type: IntegrityReportListView })
  reports(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('limit') limit?: string, @Query('offset') offset?: string) {
    const p = page(limit, offset);
    return this.integrity.list(actor, schoolId, p.limit, p.offset);
  }

  @Get('integrity/reports/:id')
  @ApiOperation({ summary: 'One integrity report with its findings: what is missing or altered (R-ARC-06)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiOkResponse({ type: IntegrityReportView })
  report(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('schoolId', ParseSchoolIdPipe) schoolId: string) {
    return this.integrity.get(actor, schoolId, id);
  }
}
