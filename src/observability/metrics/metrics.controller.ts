import { Controller, Get, NotFoundException, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Access } from '../../auth/access.decorator';
import { Environment } from '../../config/environment';
import { ChronicleMetrics } from './chronicle-metrics';

// Open to scrapers: no credentials, no rate limit.
@ApiTags('operations')
@Access('public')
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ChronicleMetrics,
    private readonly env: Environment,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getMetrics', summary: 'This instance\'s metrics in the Prometheus text format (404 with METRICS_ENABLED=false)' })
  @ApiOkResponse({ description: 'Prometheus exposition text' })
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    if (this.env.METRICS_ENABLED !== 'true') throw new NotFoundException('Metrics are disabled (METRICS_ENABLED=false)');
    const text = await this.metrics.registry.metrics();
    // Set here, not with @Header: an error answer must stay JSON.
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    return text;
  }
}
