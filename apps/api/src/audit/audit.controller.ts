import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../platform/auth/decorators';
import { type Actor, requireRole } from '../platform/auth/principal';
import { InvalidField } from '../platform/errors/domain-errors';
import { page, ParseSchoolIdPipe } from '../platform/http/pipes';
import { AuditService } from './log/audit.service';

const ENTITY_PATTERN = /^[a-z_]{1,60}$/;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('events')
  @ApiOperation({ summary: 'History of one entity (R-AUD-03), or the school\'s recent events when entity is omitted' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'entity', required: false, example: 'student' })
  @ApiQuery({ name: 'id', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  async events(
    @CurrentActor() actor: Actor,
    @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('entity') entity?: string,
    @Query('id') id?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ) {
    requireRole(actor, schoolId, ['operator', 'admin', 'director', 'deputy']);
    if (entity !== undefined || id !== undefined) {
      if (!entity || !ENTITY_PATTERN.test(entity)) throw new InvalidField('entity', 'entity must be a lower-case name such as student');
      if (!id || id.length > 100) throw new InvalidField('id', 'id is required with entity');
      await this.audit.assertKnown(schoolId, entity, id);
      const items = await this.audit.history(schoolId, entity, id);
      return { items, total: items.length };
    }
    const p = page(limit, offset);
    return this.audit.recent(schoolId, p.limit, p.offset);
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the school\'s hash chain and report the first broken link (R-AUD-02)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  verify(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string) {
    requireRole(actor, schoolId, ['operator', 'admin', 'director', 'deputy']);
    return this.audit.verify(schoolId);
  }
}
