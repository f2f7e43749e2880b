import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Unauthorized } from '../errors/domain-errors';
import { PrincipalLoader } from './principal.loader';
import type { Principal } from './principal';

export interface AccessClaims {
  sub: string;
  sid: string;
}

/** passport-jwt: verifies the access token, then loads the live principal (R-SEC-01). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly loader: PrincipalLoader) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      issuer: 'otmetka',
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessClaims): Promise<Principal> {
    const principal = await this.loader.forUser(claims.sub, claims.sid);
    if (!principal) throw new Unauthorized('The session has ended or the account is no longer active');
    return principal;
  }
}
