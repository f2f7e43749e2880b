import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { optionalUuid, ParseSchoolIdPipe, requiredUuid, ParseIdPipe } from '../../platform/http/pipes';
import {
  CreatedInterestedPersonView, CreateGuardianDto, CreateInterestedPersonDto, GuardianLinkDto, GuardianView, InterestedPersonView, UpdateGuardianDto,
} from './guardian.dto';
import { GuardiansService } from './guardians.service';
import { InterestedPersonsService } from './interested-persons.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('guardians')
export class GuardiansController {
  constructor(private readonly guardians: GuardiansService) {}

  @Get()
  @ApiOperation({ summary: 'Parents (legal representatives) of the school or of one student (R-ROS-04)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'studentId', format: 'uuid', required: false })
  @ApiOkResponse({ type: [GuardianView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('studentId', optionalUuid('studentId')) studentId?: string) {
    return this.guardians.list(actor, schoolId, studentId);
  }

  @Post()
  @ApiOperation({ summary: 'Register a parent with the access application record and link to children' })
  @ApiCreatedResponse({ type: GuardianView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateGuardianDto) {
    return this.guardians.create(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: GuardianView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.guardians.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: GuardianView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateGuardianDto) {
    return this.guardians.update(actor, id, dto);
  }

  @Post(':id/students')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link the parent to another child' })
  @ApiOkResponse({ type: GuardianView })
  link(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: GuardianLinkDto) {
    return this.guardians.link(actor, id, dto);
  }

  @Delete(':id/students/:studentId')
  @ApiOperation({ summary: 'Unlink the parent from a child (their designated interested persons lose access too)' })
  @ApiOkResponse({ type: GuardianView })
  unlink(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Param('studentId', ParseIdPipe) studentId: string) {
    return this.guardians.unlink(actor, id, studentId);
  }
}

@ApiTags('roster')
@ApiBearerAuth()
@Controller('interested-persons')
export class InterestedPersonsController {
  constructor(private readonly persons: InterestedPersonsService) {}

  @Get()
  @ApiOperation({ summary: 'Interested persons designated for a child (R-ROS-05)' })
  @ApiQuery({ name: 'studentId', format: 'uuid' })
  @ApiOkResponse({ type: [InterestedPersonView] })
  list(@CurrentActor() actor: Actor, @Query('studentId', requiredUuid('studentId')) studentId: string) {
    return this.persons.list(actor, studentId);
  }

  @Post()
  @ApiOperation({ summary: 'A parent designates a person to view one child\'s diary; the credentials are shown once' })
  @ApiCreatedResponse({ type: CreatedInterestedPersonView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInterestedPersonDto) {
    return this.persons.create(actor, dto);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a designation; access ends at once' })
  @ApiOkResponse({ type: InterestedPersonView })
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.persons.revoke(actor, id);
  }
}
