import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore, ProjectionRunner } from '../../src/event-sourcing';
import { ChronicleMetrics } from '../../src/observability/metrics/chronicle-metrics';
import { ProjectionGauges } from '../../src/observability/metrics/projection-gauges';

interface Dashboard {
  panels: { title: string; targets: { expr: string }[] }[];
}

// The sample dashboard in docs/ must only query series the service exposes.
describe('docs/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'grafana-dashboard.json'), 'utf8')) as Dashboard;
  const metrics = new ChronicleMetrics();
  new ProjectionGauges(metrics, { list: () => [] } as unknown as ProjectionRunner, { headPosition: async () => 0 } as unknown as EventStore);
  const defined = new Set(metrics.registry.getMetricsAsArray().map((metric) => metric.name));
  const histogramSuffix = /_(bucket|count|sum)$/;

  it('queries only metrics the code defines', () => {
    const queried = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => target.expr.match(/\b(?:chronicle|http|process|nodejs)_[a-z_]+/g) ?? []));
    expect(queried.length).toBeGreaterThan(20);
    for (const name of queried) expect(defined.has(name) || defined.has(name.replace(histogramSuffix, '')) ? name : `undefined: ${name}`).toBe(name);
  });

  it('shows every Chronicle series somewhere', () => {
    const text = JSON.stringify(dashboard);
    for (const name of defined) if (name.startsWith('chronicle_')) expect(text).toContain(name);
  });
});
