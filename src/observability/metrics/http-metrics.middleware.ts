import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Environment } from '../../config/environment';
import { routeOf } from '../request-facts';
import { ChronicleMetrics } from './chronicle-metrics';

/** Times every request into `http_request_duration_seconds` by method, route pattern and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly enabled: boolean;

  constructor(
    private readonly metrics: ChronicleMetrics,
    env: Environment,
  ) {
    this.enabled = env.METRICS_ENABLED === 'true';
  }

  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    if (this.enabled) {
      const stop = this.metrics.httpDuration.startTimer({ method: request.method });
      response.once('finish', () => stop({ route: routeOf(request), status_code: response.statusCode }));
    }
    next();
  }
}
