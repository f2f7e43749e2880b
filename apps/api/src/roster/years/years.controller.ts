import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseSchoolIdPipe, ParseIdPipe } from '../../platform/http/pipes';
import { AcademicYearView, CreateAcademicYearDto, UpdateAcademicYearDto, YearStatusChangeDto } from './year.dto';
import { YearsService } from './years.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('academic-years')
export class YearsController {
  constructor(private readonly years: YearsService) {}

  @Get()
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiOkResponse({ type: [AcademicYearView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string) {
    return this.years.list(actor, schoolId);
  }

  @Post()
  @ApiOperation({ summary: 'Create an academic year (admin; R-CUR-01)' })
  @ApiCreatedResponse({ type: AcademicYearView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAcademicYearDto) {
    return this.years.create(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: AcademicYearView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.years.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AcademicYearView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateAcademicYearDto) {
    return this.years.update(actor, id, dto);
  }

  @Post(':id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the year (one open year per school)' })
  @ApiOkResponse({ type: AcademicYearView })
  open(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: YearStatusChangeDto) {
    return this.years.open(actor, id, dto.version);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the year: it becomes read-only' })
  @ApiOkResponse({ type: AcademicYearView })
  close(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: YearStatusChangeDto) {
    return this.years.close(actor, id, dto.version);
  }
}
