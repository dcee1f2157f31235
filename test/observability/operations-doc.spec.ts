import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { ChronicleMetrics } from '../../src/observability/metrics/chronicle-metrics';
import { ProjectionGauges } from '../../src/observability/metrics/projection-gauges';
import type { EventStore, ProjectionRunner } from '../../src/event-sourcing';

// docs/operations.md lists every series the code defines, so neither can drift from the other.
describe('docs/operations.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'operations.md'), 'utf8');
  const metrics = new ChronicleMetrics();
  new ProjectionGauges(metrics, { list: () => [] } as unknown as ProjectionRunner, { headPosition: async () => 0 } as unknown as EventStore);
  const chronicleNames = (registry: Registry) =>
    registry.getMetricsAsArray().map((metric) => metric.name).filter((name) => name.startsWith('chronicle_') || name.startsWith('http_'));

  it('documents every Chronicle metric in its table', () => {
    const names = chronicleNames(metrics.registry);
    expect(names.length).toBeGreaterThan(15);
    for (const name of names) expect(doc).toContain(`| \`${name}\` |`);
  });

  it('documents no metric the code does not define', () => {
    const documented = [...doc.matchAll(/^\| `((?:chronicle|http)_[a-z_]+)` \|/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(chronicleNames(metrics.registry).sort());
  });
});
