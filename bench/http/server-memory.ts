import { readFileSync } from 'node:fs';
import { table } from '../support/markdown';
import { verdict } from '../support/stats';

/** Issue 16: the service's peak resident memory under the HTTP workload. */
export const PEAK_RSS_TARGET_MB = 150;

/**
 * The highest resident set size the process reached so far (`VmHWM`, Linux only), in MB; read
 * just before the server is stopped, so it covers start-up, seeding and every run of load.
 */
export function peakRssMb(pid: number): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/** The table row for the suite's markdown: measured peak against the target. */
export function describeServerMemory(peakMb: number | undefined): string {
  if (peakMb === undefined) return 'Server peak RSS: not measured (needs /proc, Linux only).';
  return [
    table(['measure', 'measured', 'target', 'verdict'], [
      ['server peak RSS over the whole run (`VmHWM`)', `${Math.round(peakMb)} MB`, `≤ ${PEAK_RSS_TARGET_MB} MB`, verdict(peakMb <= PEAK_RSS_TARGET_MB)],
    ]),
    '',
    'Read from `/proc/<pid>/status` of the server just before it is stopped, so start-up, seeding and every run above',
    'count. The start-up suite explains where the memory goes.',
  ].join('\n');
}
