import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { requiredUuid } from '../../platform/http/pipes';
import { ClassVisitsView } from './visits.dto';
import { VisitsService } from './visits.service';

@ApiTags('diary')
@ApiBearerAuth()
@Controller('diary/visits')
export class VisitsController {
  constructor(private readonly visits: VisitsService) {}

  @Get()
  @ApiOperation({ summary: 'Last diary visits of a class\'s students and parents; who has not visited in the last 7 days (R-DIA-10)',
    description: 'The class teacher of the class, the deputy, the director, the admin. A visit is a day (school time) with at least one diary request.' })
  @ApiQuery({ name: 'classId', format: 'uuid' })
  @ApiOkResponse({ type: ClassVisitsView })
  @ApiNotFoundResponse({ description: 'No such class, or not the caller\'s' })
  forClass(@CurrentActor() actor: Actor, @Query('classId', requiredUuid('classId')) classId: string) {
    return this.visits.forClass(actor, classId);
  }
}
