import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { ParseIdPipe, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { CreateNewsDto, NewsView, UpdateNewsDto } from './news.dto';
import { NewsService } from './news.service';

@ApiTags('diary')
@ApiBearerAuth()
@Controller('diary/schools')
export class DiaryNewsController {
  constructor(private readonly news: NewsService) {}

  @Get(':id/news')
  @ApiOperation({ summary: 'School news, newest first, at most 20 (R-DIA-13); any member of the school, families included' })
  @ApiOkResponse({ type: [NewsView] })
  @ApiNotFoundResponse({ description: 'No such school, or the caller does not belong to it' })
  feed(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.news.feed(actor, id);
  }
}

@ApiTags('diary')
@ApiBearerAuth()
@Controller('news')
export class NewsController {
  constructor(private readonly news: NewsService) {}

  @Get()
  @ApiOperation({ summary: 'All news posts of a school, archived included (R-DIA-13): admin, operator, director, deputy' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiOkResponse({ type: [NewsView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string) {
    return this.news.list(actor, schoolId);
  }

  @Post()
  @ApiOperation({ summary: 'Publish a news post (R-DIA-13): admin or operator; audited' })
  @ApiCreatedResponse({ type: NewsView })
  @ApiForbiddenResponse({ description: 'Not the admin or operator of the school' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateNewsDto) {
    return this.news.create(actor, dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a news post (R-DIA-13): admin or operator; audited' })
  @ApiOkResponse({ type: NewsView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateNewsDto) {
    return this.news.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Unpublish (archive) a news post (R-DIA-13): admin or operator; audited, never deleted' })
  @ApiOkResponse({ type: NewsView })
  archive(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.news.archive(actor, id);
  }
}
