import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe } from '../../platform/http/pipes';
import { sendRevalidated } from '../http/cacheable';
import { IF_NONE_MATCH, NOT_MODIFIED } from '../http/openapi';
import { SchoolCardView } from './school-card.dto';
import { SchoolCardService } from './school-card.service';

@ApiTags('diary')
@ApiBearerAuth()
@Controller('diary/schools')
export class SchoolCardController {
  constructor(private readonly cards: SchoolCardService) {}

  @Get(':id')
  @ApiOperation({ summary: 'The school card: contacts, administration, the year, holidays and bells (R-DIA-13); any member of the school' })
  @ApiHeader(IF_NONE_MATCH)
  @ApiOkResponse({ type: SchoolCardView })
  @ApiResponse(NOT_MODIFIED)
  @ApiNotFoundResponse({ description: 'No such school, or the caller does not belong to it' })
  async card(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Headers('if-none-match') inm: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply) {
    return sendRevalidated(reply, inm, await this.cards.card(actor, id));
  }
}
