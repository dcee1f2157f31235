import { randomUUID } from 'node:crypto';
import { CounterCreatedEvent } from '../../src/counters/domain/events/counter-created.event';
import { CounterDecrementedEvent } from '../../src/counters/domain/events/counter-decremented.event';
import { CounterIncrementedEvent } from '../../src/counters/domain/events/counter-incremented.event';
import type { EventRegistry, EventStore, NewEvent, SerializedEvent } from '../../src/event-sourcing';

/** What the n-th change of every seeded counter is (n ≥ 1): never below zero, varied amounts. */
function change(n: number): { kind: 'increment' | 'decrement'; by: number } {
  return n % 4 === 0 ? { kind: 'decrement', by: 1 } : { kind: 'increment', by: (n % 3) + 1 };
}

/** The value a counter seeded with `length` events (its creation included) ends at. */
export function seededValue(length: number): number {
  let value = 0;
  for (let n = 1; n < length; n++) {
    const { kind, by } = change(n);
    value += kind === 'increment' ? by : -by;
  }
  return value;
}

/**
 * Builds a counter's history as the repository would store it: every payload comes from
 * `EventRegistry.serialize`. Validating each of a million payloads would dominate the seeding,
 * so each distinct event (type and amount) of a counter is serialized once and copied.
 */
export class CounterHistory {
  private readonly serialized = new Map<string, SerializedEvent>();
  private readonly correlationId = randomUUID();
  private readonly occurredAt = new Date();

  constructor(
    private readonly registry: EventRegistry,
    readonly counterId: string,
  ) {}

  /** Events `from` to `to` (stream versions, 1 being the creation), ready for `appendToStream`. */
  slice(from: number, to: number): NewEvent[] {
    const events: NewEvent[] = [];
    for (let version = from; version <= to; version++) events.push(this.event(version));
    return events;
  }

  /** Appends versions `from`..`to` in calls of at most `batch` events, each expecting the version before it. */
  async append(store: EventStore, from: number, to: number, batch: number): Promise<void> {
    for (let start = from; start <= to; start += batch) {
      const end = Math.min(to, start + batch - 1);
      await store.appendToStream(this.counterId, 'Counter', this.slice(start, end), start === 1 ? 'no-stream' : start - 1);
    }
  }

  private event(version: number): NewEvent {
    const key = version === 1 ? 'created' : `${change(version - 1).kind}:${change(version - 1).by}`;
    let serialized = this.serialized.get(key);
    if (!serialized) {
      serialized = this.registry.serialize(this.domainEvent(version));
      this.serialized.set(key, serialized);
    }
    return {
      ...serialized,
      data: { ...serialized.data },
      metadata: { eventId: randomUUID(), correlationId: this.correlationId, causationId: this.correlationId },
      occurredAt: this.occurredAt,
    };
  }

  private domainEvent(version: number): object {
    if (version === 1) return new CounterCreatedEvent(this.counterId, `bench ${this.counterId.slice(0, 8)}`);
    const { kind, by } = change(version - 1);
    return kind === 'increment' ? new CounterIncrementedEvent(this.counterId, by) : new CounterDecrementedEvent(this.counterId, by);
  }
}
