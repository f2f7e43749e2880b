import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseSchoolIdPipe } from '../../platform/http/pipes';
import { ClassFreshnessView } from './freshness.dto';
import { JournalFreshnessService } from './freshness.service';

@ApiTags('diary')
@ApiBearerAuth()
@Controller('journal-freshness')
export class JournalFreshnessController {
  constructor(private readonly freshness: JournalFreshnessService) {}

  @Get()
  @ApiOperation({ summary: 'When each class journal was last updated (R-DIA-08): admin, operator, deputy, director' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiOkResponse({ type: [ClassFreshnessView] })
  @ApiForbiddenResponse({ description: 'Not one of the school\'s administration' })
  forSchool(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string) {
    return this.freshness.forSchool(actor, schoolId);
  }
}
