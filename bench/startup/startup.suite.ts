import { freePort } from '../support/free-port';
import { table } from '../support/markdown';
import { median, millis, verdict } from '../support/stats';
import { runWorker } from '../support/child';
import type { BenchContext, BenchSection, BenchSuite } from '../support/suite';
import { FreshStart, freshStart } from './fresh-start';
import type { SliceCost } from './load-slices.worker';
import { FINDINGS } from './startup-findings';

/** Issue 16's targets. */
const LIVE_TARGET_MS = 400;
const IDLE_RSS_TARGET_MB = 80;
const STARTS = 5;

// The phases the service logs (ms since its process started), in order, and what each covers.
const PHASES: [string, string][] = [
  ['portOpen', 'Node started, port open: `/health/live` answers from here on'],
  ['environmentValidated', 'environment validated (class-validator loaded)'],
  ['modulesLoaded', 'frameworks and app modules loaded (one at a time, answering between)'],
  ['modulesBuilt', 'Nest modules built: database connected, migrations checked'],
  ['serving', 'lifecycle hooks (writer lock, projections started); the app serves'],
];

export const startupSuite: BenchSuite = {
  name: 'startup',
  async run(context: BenchContext): Promise<BenchSection> {
    const starts: FreshStart[] = [];
    for (let i = 0; i < STARTS; i++) {
      starts.push(await freshStart(context.tmpDir, await freePort(), context.quick ? 2 : 3));
      context.log(`startup: start ${i + 1}/${STARTS}: live after ${Math.round(starts[i].liveMs)} ms, ready after ${Math.round(starts[i].readyMs)} ms`);
    }
    const slices = (await runWorker<object, SliceCost[]>('startup/load-slices.worker.ts', {}, ['--expose-gc'])).result;
    const live = median(starts.map((s) => s.liveMs));
    const idle = median(starts.map((s) => s.idleRssMb));
    const markdown = [
      `\`node dist/main.js\` started ${STARTS} times, each on a fresh SQLite file (default settings, \`LOG_FORMAT=json\`),`,
      'asked without pause from the moment it is spawned; medians of the starts. Idle RSS is read from `/proc/<pid>/status`',
      `${context.quick ? 2 : 3} s after readiness. Peak RSS under load is in the HTTP suite.`,
      '',
      table(['measure', 'median', 'target', 'verdict'], [
        ['start-up to the first `/health/live` 200', millis(live), `≤ ${LIVE_TARGET_MS} ms`, verdict(live <= LIVE_TARGET_MS)],
        ['start-up to readiness (`/health` 200)', millis(median(starts.map((s) => s.readyMs))), '—', '—'],
        ['idle RSS after start', `${Math.round(idle)} MB`, `≤ ${IDLE_RSS_TARGET_MB} MB`, verdict(idle <= IDLE_RSS_TARGET_MB)],
        ['peak RSS during start', `${Math.round(median(starts.map((s) => s.peakRssMb)))} MB`, '—', '—'],
        ['first `GET /docs-json` (the OpenAPI document is built then, not at start)', millis(median(starts.map((s) => s.firstDocsMs))), '—', '—'],
      ]),
      '',
      '### Phases (as the service logs them, medians)',
      '',
      phaseTable(starts),
      '',
      '### What each step of loading costs (one process, loading in the service\'s order)',
      '',
      table(['step', 'time', 'RSS added', 'V8 heap added'], slices.map((s) => [s.slice.startsWith('node') ? s.slice : `\`${s.slice}\``, millis(s.ms), `${s.rssMb.toFixed(1)} MB`, `${s.heapMb.toFixed(1)} MB`])),
      '',
      '### What limits these numbers',
      '',
      FINDINGS,
    ].join('\n');
    return {
      title: 'Start-up and memory',
      markdown,
      headlines: [
        `start-up to the first /health/live: ${millis(live)} (target ≤ ${LIVE_TARGET_MS} ms), idle RSS ${Math.round(idle)} MB (target ≤ ${IDLE_RSS_TARGET_MB} MB)`,
      ],
    };
  },
};

function phaseTable(starts: FreshStart[]): string {
  let previous = 0;
  const rows = PHASES.filter(([key]) => starts.every((s) => key in s.phases)).map(([key, what]) => {
    const at = median(starts.map((s) => s.phases[key]));
    const row = [what, millis(at), millis(at - previous)];
    previous = at;
    return row;
  });
  return table(['phase (ends when)', 'ms since the process started', 'phase took'], rows);
}
