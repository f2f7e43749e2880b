import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { transliterate } from '../people/accounts';
import { IssueCredentialSlipsDto } from './credential-slip.dto';
import { CredentialSlipsService } from './credential-slips.service';

const EXPOSED = 'X-Request-Id, ETag, Content-Disposition, X-Issued-Count, X-Skipped-Under-14, X-Skipped-Staff';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('classes')
export class CredentialSlipsController {
  constructor(private readonly slips: CredentialSlipsService) {}

  @Post(':id/credential-slips')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue parent/student credentials of a class and print them as slips (R-ROS-10); admin or the class teacher' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'A4 PDF, several slips per page with cut lines',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'X-Issued-Count': { description: 'Slips in the PDF', schema: { type: 'integer' } },
      'X-Skipped-Under-14': { description: 'Students younger than 14 (their account is created by a parent)', schema: { type: 'integer' } },
      'X-Skipped-Staff': { description: 'Parents who are staff: their account is managed by the administrator', schema: { type: 'integer' } },
    },
  })
  async issue(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: IssueCredentialSlipsDto,
    @Res({ passthrough: true }) reply: FastifyReply) {
    const r = await this.slips.issue(actor, id, dto);
    const name = `credentials-${r.className}.pdf`;
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="credentials-${r.className.replace(/\D/g, '')}${transliterate(r.className.replace(/\d/g, ''))}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`)
      // The PDF carries one-time passwords: no cache may keep it.
      .header('cache-control', 'no-store')
      .header('x-issued-count', String(r.issued))
      .header('x-skipped-under-14', String(r.skippedUnder14))
      .header('x-skipped-staff', String(r.skippedStaff))
      .header('access-control-expose-headers', EXPOSED);
    return r.pdf;
  }
}
