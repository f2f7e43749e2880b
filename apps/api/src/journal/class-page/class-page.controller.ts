import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { optionalUuid, requiredUuid } from '../../platform/http/pipes';
import { ClassJournalView } from './class-page.dto';
import { ClassPageService } from './class-page.service';
import { etagOf, notModified } from './etag';

@ApiTags('journal')
@ApiBearerAuth()
@Controller('class-journal')
export class ClassPageController {
  constructor(private readonly pages: ClassPageService) {}

  @Get()
  @ApiOperation({ summary: 'Class journal page: students × lessons of a subject (or subgroup) and period with marks, attendance, weighted averages, '
    + 'proposed and set period marks, and the edit window of each lesson (R-JRN-12). The subject\'s teachers, the class teacher and the administration.' })
  @ApiQuery({ name: 'classId', format: 'uuid' })
  @ApiQuery({ name: 'subjectId', format: 'uuid' })
  @ApiQuery({ name: 'periodId', format: 'uuid', description: 'A study period of the class\'s grade and year' })
  @ApiQuery({ name: 'subgroupId', format: 'uuid', required: false, description: 'A group of the class: its members, its lessons and the whole-class ones' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a page the client holds; 304 when unchanged' })
  @ApiOkResponse({ type: ClassJournalView, headers: { ETag: { description: 'Hash of the page', schema: { type: 'string' } } } })
  @ApiNotModifiedResponse({ description: 'The page is unchanged since the given ETag' })
  async page(@CurrentActor() actor: Actor, @Query('classId', requiredUuid('classId')) classId: string,
    @Query('subjectId', requiredUuid('subjectId')) subjectId: string, @Query('periodId', requiredUuid('periodId')) periodId: string,
    @Query('subgroupId', optionalUuid('subgroupId')) subgroupId: string | undefined, @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply): Promise<void> {
    const body = JSON.stringify(await this.pages.page(actor, { classId, subjectId, periodId, subgroupId }));
    const etag = etagOf(body);
    // Revalidated on every load: the page changes with every mark and with the clock (edit windows).
    void reply.header('etag', etag).header('cache-control', 'private, no-cache').header('vary', 'Authorization');
    if (notModified(ifNoneMatch, etag)) {
      await reply.code(304).send();
      return;
    }
    await reply.code(200).type('application/json; charset=utf-8').send(body);
  }
}
