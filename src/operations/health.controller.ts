import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { AuthSettings } from '../auth/auth-settings';
import { ProjectionsHealthIndicator } from './projections.health';

// Open to probes and load balancers: no credentials, no rate limit.
@ApiTags('operations')
@Access('public')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
    private readonly auth: AuthSettings,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: the database answers and no projection is failing (503 otherwise); `auth` says whether credentials are required' })
  async ready(@Res({ passthrough: true }) response: Response): Promise<HealthCheckResult & { auth: string }> {
    return { ...(await this.check(response)), auth: this.auth.status };
  }

  private async check(response: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.pingCheck('database', { timeout: 2000 }), () => this.projections.check('projections')]);
    } catch (error) {
      // Keep terminus's standard body (which indicator is down, and why) rather than the generic error shape.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process serves HTTP' })
  live() {
    return this.health.check([]);
  }
}
