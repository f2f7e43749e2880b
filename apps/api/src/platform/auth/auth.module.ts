import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuditModule } from '../../audit/audit.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { PrincipalLoader } from './principal.loader';
import { PII_CIPHER, PiiCipher } from './crypto';

@Global()
@Module({
  imports: [
    PassportModule,
    AuditModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ secret: c.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    JwtStrategy,
    PrincipalLoader,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: PII_CIPHER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new PiiCipher(c.piiKey) },
  ],
  exports: [AuthService, PII_CIPHER],
})
export class AuthModule {}
