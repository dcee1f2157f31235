import { createHash } from 'node:crypto';

/**
 * How the seeded log lies: in consecutive chunks of 10,000 events, 100 counters each get their
 * whole 100-event history (a creation, then increments and decrements) round-robin, as live traffic
 * interleaves them. So every counter has ≥ 100 events, spread over 10,000 positions, wherever in
 * the log it lies, and a store of N events holds N / 100 counters.
 */
export const CHUNK_EVENTS = 10_000;
export const STREAMS_PER_CHUNK = 100;
export const EVENTS_PER_STREAM = CHUNK_EVENTS / STREAMS_PER_CHUNK;

/** A counter's id: uuid-shaped and scattered over the key space as random ids are, yet the same in every process. */
export function counterIdOf(chunk: number, stream: number): string {
  const hex = createHash('md5').update(`scale:${chunk}:${stream}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Where the n-th seeded event (0-based) belongs: which counter, at which version. */
export function placeOf(n: number): { chunk: number; stream: number; version: number } {
  const chunk = Math.floor(n / CHUNK_EVENTS);
  const within = n % CHUNK_EVENTS;
  return { chunk, stream: within % STREAMS_PER_CHUNK, version: Math.floor(within / STREAMS_PER_CHUNK) + 1 };
}

/** The counter of a random chunk in [fromChunk, toChunk). */
export function randomCounter(fromChunk: number, toChunk: number): string {
  const chunk = fromChunk + Math.floor(Math.random() * (toChunk - fromChunk));
  return counterIdOf(chunk, Math.floor(Math.random() * STREAMS_PER_CHUNK));
}
