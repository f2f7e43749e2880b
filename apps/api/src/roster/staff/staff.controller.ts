import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES } from '@otmetka/contracts';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { InvalidField } from '../../platform/errors/domain-errors';
import { ParseSchoolIdPipe, ParseIdPipe } from '../../platform/http/pipes';
import { CreatedStaffView, CreateStaffDto, DismissStaffDto, StaffView, UpdateStaffDto } from './staff.dto';
import { StaffService } from './staff.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'role', required: false, enum: STAFF_ROLES })
  @ApiQuery({ name: 'includeDismissed', required: false, type: Boolean })
  @ApiOkResponse({ type: [StaffView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string, @Query('role') role?: string,
    @Query('includeDismissed') includeDismissed?: string) {
    if (role !== undefined && !(STAFF_ROLES as readonly string[]).includes(role)) throw new InvalidField('role', `role must be one of ${STAFF_ROLES.join(', ')}`);
    return this.staff.list(actor, schoolId, { role, includeDismissed: includeDismissed === 'true' });
  }

  @Post()
  @ApiOperation({ summary: 'Hire a staff member: person, employment with roles, and an account (the password is shown once)' })
  @ApiCreatedResponse({ type: CreatedStaffView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStaffDto) {
    return this.staff.create(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: StaffView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.staff.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: StaffView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateStaffDto) {
    return this.staff.update(actor, id, dto);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dismiss (R-ROS-02): access ends at the next request, sessions are revoked' })
  @ApiOkResponse({ type: StaffView })
  dismiss(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: DismissStaffDto) {
    return this.staff.dismiss(actor, id, dto);
  }
}
