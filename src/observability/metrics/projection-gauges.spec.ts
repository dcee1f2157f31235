import type { EventStore, ProjectionRunner } from '../../event-sourcing';
import { ChronicleMetrics } from './chronicle-metrics';
import { ProjectionGauges } from './projection-gauges';

const runner = {
  list: () => [{ name: 'counter_views', position: 40, status: 'running', lastError: null, updatedAt: new Date() }],
} as unknown as ProjectionRunner;

async function scrape(store: Partial<EventStore>): Promise<string> {
  const metrics = new ChronicleMetrics();
  new ProjectionGauges(metrics, runner, store as EventStore);
  return metrics.registry.metrics();
}

describe('ProjectionGauges', () => {
  it('reports checkpoint, head, lag and status', async () => {
    const text = await scrape({ headPosition: async () => 52 });
    expect(text).toContain('chronicle_projection_position{projection="counter_views"} 40');
    expect(text).toContain('chronicle_projection_head_position{projection="counter_views"} 52');
    expect(text).toContain('chronicle_projection_lag_events{projection="counter_views"} 12');
    expect(text).toContain('chronicle_projection_status{projection="counter_views",status="running"} 1');
    expect(text).toContain('chronicle_projection_status{projection="counter_views",status="failing"} 0');
  });

  it('still answers when the database does not, without head and lag', async () => {
    const text = await scrape({ headPosition: () => Promise.reject(new Error('connection refused')) });
    expect(text).toContain('chronicle_projection_position{projection="counter_views"} 40');
    expect(text).not.toContain('chronicle_projection_lag_events{');
    expect(text).not.toContain('chronicle_projection_head_position{');
  });
});
