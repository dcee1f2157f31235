import { startAppServer } from '../http/app-server';
import { INCREMENT } from '../http/endpoints';
import { LoadOutcome, runLoad } from '../http/load';
import { MAX_COUNTERS } from '../http/measure-on-server';
import { seedCounters } from '../http/seed-counters';
import { table } from '../support/markdown';
import { count, median, millis, percentOf, timesOf, verdict } from '../support/stats';
import type { BenchContext, BenchSection, BenchSuite } from '../support/suite';
import { startOtlpSink } from './otlp-sink';

const TARGET = 0.9;

interface Mode {
  key: 'off' | 'on' | 'traced';
  label: string;
  env: (sinkUrl: string) => Record<string, string>;
}

const MODES: Mode[] = [
  { key: 'off', label: 'off: `METRICS_ENABLED=false`, `LOG_LEVEL=warn`', env: () => ({ METRICS_ENABLED: 'false', LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }) },
  { key: 'on', label: 'metrics + JSON logs (`LOG_LEVEL=log`: a line per request)', env: () => ({ METRICS_ENABLED: 'true', LOG_LEVEL: 'log', LOG_FORMAT: 'json' }) },
  {
    key: 'traced',
    label: 'metrics + JSON logs + tracing (OTLP/HTTP to a local sink)',
    env: (sinkUrl) => ({ METRICS_ENABLED: 'true', LOG_LEVEL: 'log', LOG_FORMAT: 'json', OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl }),
  },
];

/**
 * The cost of observability on the hottest command: increments over 1,000 counters on three
 * servers that differ only in their logging, metrics and tracing settings, in alternating rounds
 * so that drift of the shared machine spreads over all three.
 */
export const observabilitySuite: BenchSuite = {
  name: 'observability',
  async run(context: BenchContext): Promise<BenchSection> {
    const connections = context.quick ? [10] : [10, 100];
    const rounds = context.quick ? 1 : 3;
    const seconds = context.quick ? 3 : 6;
    const sink = await startOtlpSink();
    const results = new Map<string, number[]>();
    const cpu = new Map<string, number[]>();
    try {
      for (let round = 1; round <= rounds; round++) {
        for (const mode of MODES) {
          context.log(`observability: round ${round}/${rounds}, ${mode.key}`);
          const outcomes = await measureMode(context, mode.env(sink.url), connections, seconds);
          outcomes.forEach((outcome, i) => {
            if (outcome.neverMeasured) return;
            push(results, `${mode.key}@${connections[i]}`, outcome.requestsPerSecond);
            if (outcome.serverCpuMsPerRequest !== undefined) push(cpu, `${mode.key}@${connections[i]}`, outcome.serverCpuMsPerRequest);
          });
        }
      }
    } finally {
      await sink.close();
    }
    return describe({ results, cpu, connections, rounds, seconds, exports: sink.requests });
  },
};

/** One server with these settings: seeds the counters, then one load run per connection count. */
async function measureMode(context: BenchContext, env: Record<string, string>, connections: number[], seconds: number): Promise<LoadOutcome[]> {
  const app = await startAppServer({ tmpDir: context.tmpDir, nodeFlags: context.nodeFlags, synchronous: 'FULL', env });
  try {
    const ids = await seedCounters(app.url, MAX_COUNTERS);
    const paths = INCREMENT.paths(ids, MAX_COUNTERS);
    const cells = connections.map((c) => ({ method: INCREMENT.method, paths, connections: c, seconds }));
    return await runLoad({ url: app.url, serverPid: app.pid, warmupSeconds: 1, cells }, context.tmpDir);
  } finally {
    await app.stop();
  }
}

function push(results: Map<string, number[]>, key: string, value: number): void {
  results.set(key, [...(results.get(key) ?? []), value]);
}

interface Measurements {
  results: Map<string, number[]>;
  cpu: Map<string, number[]>;
  connections: number[];
  rounds: number;
  seconds: number;
  exports: number;
}

function describe({ results, cpu, connections, rounds, seconds, exports }: Measurements): BenchSection {
  const rps = (key: Mode['key'], c: number) => {
    const values = results.get(`${key}@${c}`);
    return values && values.length > 0 ? median(values) : Number.NaN;
  };
  const cpuMs = (key: Mode['key'], c: number) => {
    const values = cpu.get(`${key}@${c}`);
    return values && values.length > 0 ? median(values) : undefined;
  };
  const cpuCells = (key: Mode['key'], c: number) => {
    const ours = cpuMs(key, c);
    const off = cpuMs('off', c);
    return ours === undefined || off === undefined ? ['n/a', 'n/a'] : [millis(ours), timesOf(ours, off)];
  };
  const rows = connections.flatMap((c) =>
    MODES.map((mode) => [mode.label, c, count(rps(mode.key, c)), mode.key === 'off' ? '100%' : percentOf(rps(mode.key, c), rps('off', c)), ...cpuCells(mode.key, c)]),
  );
  const targets = connections.map((c) => {
    const ratio = rps('on', c) / rps('off', c);
    return [`metrics + JSON logs vs off, ${c} connections`, percentOf(rps('on', c), rps('off', c)), `≥ ${TARGET * 100}%`, verdict(ratio >= TARGET)];
  });
  const markdown = [
    `\`POST /counters/:id/increment\` over ${MAX_COUNTERS.toLocaleString('en-US')} counters (SQLite, \`synchronous=FULL\`), on three servers`,
    `that differ only in their observability settings, measured in ${rounds} alternating round(s) of 1 s warm-up and`,
    `${seconds} s measured; each cell is the median of its rounds. With logs on, every request writes its JSON line to`,
    'stdout (a pipe the bench reads, as a log shipper',
    'would). With tracing on, every increment records five spans (request, command, load, append, publish) and the',
    `projection one per batch, exported by the SDK's batch processor to a local OTLP sink (${count(exports)} export requests received).`,
    '',
    table(['settings', 'connections', 'increments/s', 'vs off', 'server CPU / request', 'vs off'], rows),
    '',
    'Throughput on this shared machine moves with whatever else runs on it; the server CPU per request (user + system',
    'time of the app process over the run, divided by its answers) moves much less, and is the better measure of the cost.',
    '',
    table(['target', 'measured', 'target', 'verdict'], targets),
  ].join('\n');
  const headlines = connections.map(
    (c) => `observability at ${c} connections: metrics + JSON logs ${percentOf(rps('on', c), rps('off', c))} of off, with tracing ${percentOf(rps('traced', c), rps('off', c))}`,
  );
  return { title: 'Cost of logs, metrics and traces', markdown, headlines };
}

