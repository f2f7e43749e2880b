import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ExecuteYearTransitionDto, YearTransitionPlanView, YearTransitionPreviewDto, YearTransitionResultView } from './year-transition.dto';
import { YearTransitionsService } from './year-transitions.service';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('year-transitions')
export class YearTransitionsController {
  constructor(private readonly transitions: YearTransitionsService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Plan the year transition (R-ROS-09): target classes, promoted, graduating and held-back students, warnings' })
  @ApiOkResponse({ type: YearTransitionPlanView })
  preview(@CurrentActor() actor: Actor, @Body() dto: YearTransitionPreviewDto) {
    return this.transitions.preview(actor, dto);
  }

  @Post()
  @ApiOperation({ summary: 'Execute the year transition in one transaction; a repeated call returns the stored result (200) and changes nothing' })
  @ApiCreatedResponse({ type: YearTransitionResultView, description: 'Executed now' })
  @ApiOkResponse({ type: YearTransitionResultView, description: 'Executed before: the stored result' })
  @ApiConflictResponse({ description: 'The next year is already open with students, closed, or the year being finished has not started' })
  async execute(@CurrentActor() actor: Actor, @Body() dto: ExecuteYearTransitionDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.transitions.execute(actor, dto);
    void reply.status(result.repeated ? 200 : 201);
    return result;
  }
}
