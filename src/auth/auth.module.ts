import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '../config/environment';
import { JsonBodyGuard } from '../http/json-body.guard';
import { CallerThrottlerGuard } from '../limits/caller-throttler.guard';
import { rateLimitOptions } from '../limits/rate-limits';
import { ApiKey } from './api-keys/api-key.entity';
import { ApiKeys } from './api-keys/api-keys.service';
import { AuthGuard } from './auth.guard';
import { AuthSettings } from './auth-settings';
import { JwtVerifier } from './jwt-verifier';

/**
 * Who may call what, and how often. The global guards run in this order on every route:
 * authentication and roles (401/403), then JSON bodies only (415), then rate limits (429).
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([ApiKey]),
    ThrottlerModule.forRootAsync({ inject: [Environment], useFactory: rateLimitOptions }),
  ],
  providers: [
    AuthSettings,
    JwtVerifier,
    ApiKeys,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: JsonBodyGuard },
    { provide: APP_GUARD, useClass: CallerThrottlerGuard },
  ],
  exports: [AuthSettings, ApiKeys],
})
export class AuthModule {}
