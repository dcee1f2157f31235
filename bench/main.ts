import { Command, Option } from 'commander';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describeMachine } from './support/machine';
import { PROJECT_ROOT } from './support/paths';
import type { BenchContext, BenchSection } from './support/suite';
import { SUITES } from './suites';

interface Options {
  quick: boolean;
  only?: string[];
  out?: string;
  cpuProf: boolean;
}

const program = new Command()
  .name('npm run bench --')
  .description('Measures Chronicle and its baselines side by side, and writes the tables to markdown.')
  .option('--quick', 'smaller sizes and shorter runs (under two minutes)', false)
  .addOption(new Option('--only <suites...>', 'run only these suites').choices(SUITES.map((suite) => suite.name)))
  .option('--out <file>', 'where to write the results (default: docs/BENCHMARKS.md for a full run, .bench-tmp/BENCHMARKS.md otherwise)')
  .option('--cpu-prof', 'write a V8 CPU profile of every measured process to .bench-tmp/profiles/', false)
  .parse();

async function main(options: Options): Promise<void> {
  const partial = options.quick || options.only !== undefined;
  const out = resolve(PROJECT_ROOT, options.out ?? (partial ? '.bench-tmp/BENCHMARKS.md' : 'docs/BENCHMARKS.md'));
  const tmpDir = resolve(PROJECT_ROOT, '.bench-tmp', `run-${process.pid}`);
  mkdirSync(tmpDir, { recursive: true });
  const profiles = resolve(PROJECT_ROOT, '.bench-tmp', 'profiles');
  const context: BenchContext = {
    quick: options.quick,
    tmpDir,
    nodeFlags: options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
    log: (message) => console.log(`[bench] ${message}`),
  };
  const started = Date.now();
  const sections: BenchSection[] = [];
  try {
    for (const suite of SUITES.filter((s) => !options.only || options.only.includes(s.name))) {
      context.log(`${suite.name}: starting`);
      sections.push(await suite.run(context));
      context.log(`${suite.name}: done after ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, render(sections, options, Date.now() - started));
  context.log(`wrote ${out}`);
  for (const line of sections.flatMap((section) => section.headlines)) console.log(`  ${line}`);
}

function render(sections: BenchSection[], options: Options, elapsedMs: number): string {
  const mode = options.quick ? 'a `--quick` run (smaller sizes, shorter runs: indicative only)' : 'a full run';
  return [
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` from ${mode}, which took ${Math.round(elapsedMs / 1000)} s. ` +
      'Every table compares Chronicle with its baseline measured in the same run on the same machine; ' +
      'read the ratios, not the absolute numbers: the machine is shared and noisy.',
    '',
    '## Machine and versions',
    '',
    describeMachine(),
    '',
    ...sections.flatMap((section) => [`## ${section.title}`, '', section.markdown.trim(), '']),
    '## How to rerun',
    '',
    '```sh',
    'npm ci',
    'npm run bench                 # full run, rewrites docs/BENCHMARKS.md',
    'npm run bench -- --quick      # under two minutes, writes .bench-tmp/BENCHMARKS.md',
    'npm run bench -- --only store http   # some suites only',
    'npm run bench -- --cpu-prof   # also writes .cpuprofile files to .bench-tmp/profiles/',
    '```',
    '',
  ].join('\n');
}

main(program.opts<Options>()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
