import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CurrentActor, Public } from './decorators';
import type { Actor } from './principal';
import { AuthService } from './auth.service';
import { RateLimiter } from './rate-limiter';
import {
  ChangePasswordDto, CreateIntegrationTokenDto, CreatedIntegrationTokenView, IntegrationTokenView, LoginDto, MeView, RefreshDto, TokenPairView,
} from './auth.dto';
import { ParseSchoolIdPipe, ParseIdPipe } from '../http/pipes';

@ApiTags('auth')
@Controller()
export class AuthController {
  private readonly limiter: RateLimiter;

  constructor(private readonly auth: AuthService, @Inject(APP_CONFIG) config: AppConfig) {
    this.limiter = new RateLimiter(config.authRateLimitPerMinute);
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with login and password (R-SEC-01); rate limited, locks after repeated failures' })
  @ApiOkResponse({ type: TokenPairView })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<TokenPairView> {
    this.limiter.hit(`login:${req.ip}`);
    return this.auth.login(dto.login, dto.password);
  }

  @Public()
  @Post('auth/refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair; a reused token ends the whole session' })
  @ApiOkResponse({ type: TokenPairView })
  refresh(@Body() dto: RefreshDto, @Req() req: FastifyRequest): Promise<TokenPairView> {
    this.limiter.hit(`refresh:${req.ip}`);
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the current session (its access and refresh tokens stop working at once)' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(undefined, actor.principal.sessionId);
  }

  @Post('auth/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change own password; other sessions end' })
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The caller: person, schools with roles, and the students whose diary they may read' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.auth.me(actor);
  }

  @Post('integration-tokens')
  @ApiBearerAuth()
  @ApiTags('integration')
  @ApiOperation({ summary: 'Create a scoped API token for a third party (admin; R-API-02). The token is shown once.' })
  @ApiOkResponse({ type: CreatedIntegrationTokenView })
  createToken(@CurrentActor() actor: Actor, @Body() dto: CreateIntegrationTokenDto) {
    return this.auth.createIntegrationToken(actor, dto.schoolId, dto.name, dto.scopes);
  }

  @Get('integration-tokens')
  @ApiBearerAuth()
  @ApiTags('integration')
  @ApiQuery({ name: 'schoolId', format: 'uuid' })
  @ApiOkResponse({ type: [IntegrationTokenView] })
  listTokens(@CurrentActor() actor: Actor, @Query('schoolId', ParseSchoolIdPipe) schoolId: string) {
    return this.auth.listIntegrationTokens(actor, schoolId);
  }

  @Delete('integration-tokens/:id')
  @ApiBearerAuth()
  @ApiTags('integration')
  @ApiOperation({ summary: 'Revoke an integration token; it stops working at once' })
  @ApiOkResponse({ type: IntegrationTokenView })
  revokeToken(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: string) {
    return this.auth.revokeIntegrationToken(actor, id);
  }
}
