import type { QueryConfig } from 'pg';
import { ConcurrencyError, expectationMet } from './concurrency.error';
import type { AppendResult, ExpectedVersion, NewEvent, StoredEvent } from './stored-event';

/** What the function needs of one append. */
export interface FunctionAppend {
  streamId: string;
  streamType: string;
  events: NewEvent[];
  expected: ExpectedVersion;
}

interface FunctionResult {
  stream_versions: number[];
  positions: string[] | null;
}

/** Where the function announces its commit (see PostgresAppendSignal); none: it stays silent. */
export type Announcement = { channel: string; source: string } | undefined;

const encodeExpected = (expected: ExpectedVersion) => (expected === 'any' ? -1 : expected === 'no-stream' ? 0 : expected);

/**
 * One call of `chronicle_append` (migration 1764910000000) for a group of appends: lock, versions,
 * insert and notify in one statement, one round trip. Named, so each pooled connection parses and
 * plans it once.
 */
export function appendCall(appends: FunctionAppend[], announcement: Announcement): QueryConfig {
  const events = appends.flatMap((append) => append.events);
  return {
    name: 'chronicle-append',
    text: 'SELECT stream_versions, positions FROM chronicle_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
    values: [
      appends.map((a) => a.streamId),
      appends.map((a) => a.streamType),
      appends.map((a) => encodeExpected(a.expected)),
      appends.map((a) => a.events.length),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
      events.map((e) => e.occurredAt.toISOString()),
      announcement?.channel ?? null,
      announcement?.source ?? null,
    ],
  };
}

/** Each append's outcome from the function's answer: its result, or the ConcurrencyError that refused it. */
export function appendOutcomes(appends: FunctionAppend[], [row]: FunctionResult[]): (AppendResult | ConcurrencyError)[] {
  let next = 0;
  return appends.map(({ streamId, streamType, events, expected }, a) => {
    const current = row.stream_versions[a];
    // The function applies the same rule: a refused append wrote nothing (and drew no position).
    if (!expectationMet(expected, current)) return new ConcurrencyError(streamId, expected, current);
    const positions = row.positions?.slice(next, (next += events.length)) ?? [];
    const stored: StoredEvent[] = events.map((event, i) => ({ ...event, streamId, streamType, version: current + i + 1, position: Number(positions[i]) }));
    return { nextVersion: current + events.length, lastPosition: stored.at(-1)?.position ?? 0, events: stored };
  });
}
