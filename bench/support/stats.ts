export function median(values: number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `ours / baseline` as a percentage, e.g. "78%". */
export function percentOf(ours: number, baseline: number): string {
  return `${Math.round((ours / baseline) * 100)}%`;
}

/** `ours / baseline` as a factor, e.g. "1.30x" (for times, where lower is better). */
export function timesOf(ours: number, baseline: number): string {
  return `${(ours / baseline).toFixed(2)}x`;
}

/** 12,345 (rounded to a whole number, thousands separated). */
export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function millis(value: number): string {
  // A run that never measured anything (its connections never all answered) has no latency.
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`;
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** "met" or "missed" against a target, for the tables' last column. */
export function verdict(met: boolean): string {
  return met ? 'met' : '**missed**';
}
