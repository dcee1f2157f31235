import { InMemoryProcessedCommands } from '../idempotency/in-memory-processed-commands';
import { ConcurrencyError, expectationMet } from './concurrency.error';
import { EventStore } from './event-store';
import type { AppendOptions, AppendResult, ExpectedVersion, NewEvent, ReadAllOptions, ReadStreamOptions, StoredEvent } from './stored-event';

/**
 * The event store in this process's memory: for unit specs of the core and of domains, with no
 * database. It keeps the stores' contract (same contract suite): appends are atomic (each one runs
 * without yielding), payloads go through JSON as they would through a database column, and
 * readers get copies, so a spec cannot change history by mutating what it read.
 */
export class InMemoryEventStore extends EventStore {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();

  /** `processed`: where the answers of idempotent commands go (its own by default). */
  constructor(readonly processed = new InMemoryProcessedCommands()) {
    super();
  }

  async appendToStream(
    streamId: string,
    streamType: string,
    events: NewEvent[],
    expectedVersion: ExpectedVersion,
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length;
    if (!expectationMet(expectedVersion, current)) throw new ConcurrencyError(streamId, expectedVersion, current);
    const appended = events.map((event, i) => ({ ...stored(event), streamId, streamType, version: current + i + 1, position: this.log.length + i + 1 }));
    const lastPosition = appended.at(-1)?.position ?? this.log.length;
    const result = { nextVersion: current + appended.length, lastPosition, events: appended };
    const commands = options?.commands ?? [];
    const answers = commands.map((command) => command.answer(result));
    const createdAt = new Date();
    // Before anything changes: a recorded key refuses the whole append.
    this.processed.insert(commands.map(({ claim: { scope, key, fingerprint } }, i) => ({ scope, key, fingerprint, answer: answers[i], createdAt })));
    commands.forEach(({ claim }, i) => (claim.recorded = answers[i]));
    this.log.push(...appended);
    this.streams.set(streamId, [...stream, ...appended]);
    this.observer.committed(1);
    if (appended.length > 0) this.notifyAppended(lastPosition);
    return { ...result, events: appended.map(copy) };
  }

  async readStream(streamId: string, { fromVersion = 1, toVersion, until }: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const events = this.streams.get(streamId) ?? [];
    return events
      .filter((e) => e.version >= fromVersion && (toVersion === undefined || e.version <= toVersion) && (!until || e.occurredAt <= until))
      .map(copy);
  }

  async readAll({ after, limit, types, streamId }: ReadAllOptions): Promise<StoredEvent[]> {
    const matching: StoredEvent[] = [];
    for (const event of this.log.slice(after)) {
      if (matching.length >= limit) break;
      if ((!types || types.includes(event.type)) && (!streamId || event.streamId === streamId)) matching.push(copy(event));
    }
    return matching;
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }
}

/** What a database column would give back: JSON payloads, a Date of its own. */
function stored(event: NewEvent): NewEvent {
  const { type, schemaVersion, data, metadata, occurredAt } = event;
  return { type, schemaVersion, data: JSON.parse(JSON.stringify(data)), metadata: JSON.parse(JSON.stringify(metadata)), occurredAt: new Date(occurredAt) };
}

function copy(event: StoredEvent): StoredEvent {
  return { ...event, ...stored(event) };
}
