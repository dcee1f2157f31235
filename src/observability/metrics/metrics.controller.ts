import { Controller, Get, Header, NotFoundException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Environment } from '../../config/environment';
import { ChronicleMetrics } from './chronicle-metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: ChronicleMetrics,
    private readonly env: Environment,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'This instance\'s metrics in the Prometheus text format (404 with METRICS_ENABLED=false)' })
  @ApiOkResponse({ description: 'Prometheus exposition text' })
  scrape(): Promise<string> {
    if (this.env.METRICS_ENABLED !== 'true') throw new NotFoundException('Metrics are disabled (METRICS_ENABLED=false)');
    return this.metrics.registry.metrics();
  }
}
