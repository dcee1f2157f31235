import { readFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { resolve } from 'node:path';
import { table } from './markdown';
import { PROJECT_ROOT } from './paths';

const PACKAGES = ['@nestjs/core', '@nestjs/cqrs', 'typeorm', 'better-sqlite3', 'pg', 'typescript', 'autocannon'];

function installedVersion(name: string): string {
  try {
    const manifest = resolve(PROJECT_ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** Where and with what a run was measured, for the top of docs/BENCHMARKS.md. */
export function describeMachine(): string {
  const processors = cpus();
  const rows = [
    ['Date', new Date().toISOString()],
    ['CPU', `${processors.length} x ${processors[0]?.model ?? 'unknown'}`],
    ['Memory', `${Math.round(totalmem() / 1024 ** 3)} GiB`],
    ['OS', `${osType()} ${release()}`],
    ['Node', process.version],
    ...PACKAGES.map((name) => [name, installedVersion(name)]),
  ];
  return table(['', ''], rows);
}
