import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { AuthSettings } from '../auth/auth-settings';
import { DatabaseStatusLog } from './database-status.log';
import { ProjectionsHealthIndicator } from './projections.health';
import { StorageHealthIndicator } from './storage.health';

/** Terminus's body plus one word for the database (`up`, `down`, `full` or `read-only`) and whether credentials are required. */
type ReadinessBody = HealthCheckResult & { database: string; auth: 'enabled' | 'disabled' };

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
    private readonly storage: StorageHealthIndicator,
    private readonly databaseLog: DatabaseStatusLog,
    private readonly auth: AuthSettings,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: the database answers and takes writes, and no projection is failing (503 otherwise)',
    description:
      '`database` is `up`, `down`, `full` or `read-only`; `details` says which check is down and why; ' +
      '`auth` is `enabled` or `disabled` (no credentials required).',
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessBody> {
    const result = await this.checkAll().catch((error: unknown) => {
      // Keep terminus's standard body (which indicator is down, and why) rather than the generic error shape.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.status(503);
      return error.getResponse() as HealthCheckResult;
    });
    const { database, storage } = result.details as Record<string, { status: string; state?: string; message?: string } | undefined>;
    const state = database?.status !== 'up' ? 'down' : storage?.status === 'down' ? storage.state! : 'up';
    this.databaseLog.observe(state, database?.message ?? storage?.message);
    return { ...result, database: state, auth: this.auth.status };
  }

  private checkAll(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.storage.check('storage'),
      () => this.projections.check('projections'),
    ]);
  }

  @Get('live')
  @HealthCheck()
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process serves HTTP' })
  live() {
    return this.health.check([]);
  }
}
