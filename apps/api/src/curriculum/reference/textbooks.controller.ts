import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../platform/auth/decorators';
import type { Actor } from '../../platform/auth/principal';
import { optionalUuid, ParseIdPipe, ParseSchoolIdPipe } from '../../platform/http/pipes';
import { optionalGrade, requiredVersion } from '../calendar/query-params';
import { CreateTextbookDto, TextbookView, UpdateTextbookDto } from './reference.dto';
import { TextbooksService } from './textbooks.service';

@ApiTags('curriculum')
@ApiBearerAuth()
@Controller('textbooks')
export class TextbooksController {
  constructor(private readonly textbooks: TextbooksService) {}

  @Get()
  @ApiOperation({ summary: 'Textbooks of the school, optionally of one subject or used in one grade (R-CUR-10)' })
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiQuery({ name: 'subjectId', format: 'uuid', required: false })
  @ApiQuery({ name: 'grade', type: Number, required: false })
  @ApiOkResponse({ type: [TextbookView] })
  list(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string,
    @Query('subjectId', optionalUuid('subjectId')) subjectId?: string, @Query('grade', optionalGrade()) grade?: number) {
    return this.textbooks.list(actor, schoolId, { subjectId, grade });
  }

  @Post()
  @ApiOperation({ summary: 'Add a textbook for a subject and grade range (admin; R-CUR-10)' })
  @ApiCreatedResponse({ type: TextbookView })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTextbookDto) {
    return this.textbooks.create(actor, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: TextbookView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.textbooks.get(actor, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TextbookView })
  update(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Body() dto: UpdateTextbookDto) {
    return this.textbooks.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a textbook nothing refers to (409 otherwise); ?version= is the current version' })
  @ApiQuery({ name: 'version', type: Number })
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string, @Query('version', requiredVersion()) version: number) {
    return this.textbooks.remove(actor, id, version);
  }
}
