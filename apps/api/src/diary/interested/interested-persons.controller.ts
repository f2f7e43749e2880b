import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, OmitType } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe } from '../../platform/http/pipes';
import { CreatedInterestedPersonView, CreateInterestedPersonDto, InterestedPersonView } from '../../roster/guardians/guardian.dto';
import { DiaryInterestedPersonsService } from './interested-persons.service';

export class CreateDiaryInterestedPersonDto extends OmitType(CreateInterestedPersonDto, ['studentId', 'guardianId'] as const) {}

@ApiTags('diary')
@ApiBearerAuth()
@Controller('diary')
export class DiaryInterestedPersonsController {
  constructor(private readonly persons: DiaryInterestedPersonsService) {}

  @Get('students/:id/interested-persons')
  @ApiOperation({ summary: 'Interested persons a parent has designated for the child (R-DIA-12)' })
  @ApiOkResponse({ type: [InterestedPersonView] })
  @ApiNotFoundResponse({ description: 'No such student, or not the caller\'s child' })
  list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.persons.list(actor, id);
  }

  @Post('students/:id/interested-persons')
  @ApiOperation({ summary: 'A parent designates a person to view this child\'s diary until a date; the credentials are shown once (R-DIA-12)' })
  @ApiCreatedResponse({ type: CreatedInterestedPersonView })
  @ApiNotFoundResponse({ description: 'No such student, or not the caller\'s child' })
  create(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: CreateDiaryInterestedPersonDto) {
    return this.persons.create(actor, id, dto);
  }

  @Post('interested-persons/:id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'A parent revokes a designation; the person\'s access ends at once (R-DIA-12)' })
  @ApiOkResponse({ type: InterestedPersonView })
  @ApiNotFoundResponse({ description: 'No such designation for the caller\'s children' })
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.persons.revoke(actor, id);
  }
}
