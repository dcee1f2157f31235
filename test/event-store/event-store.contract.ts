import { randomUUID } from 'node:crypto';
import { ConcurrencyError, NewEvent } from '../../src/event-sourcing';
import { describeOn, EventStoreBackend, StoreFixture } from '../support/store-backends';

export function newEvent(type: string, data: Record<string, unknown> = {}, occurredAt = new Date()): NewEvent {
  return { type, schemaVersion: 1, data, metadata: { eventId: randomUUID(), correlationId: 'c', causationId: 'c' }, occurredAt };
}

/** The behaviour every EventStore implementation must have: each database's, and the in-memory one. */
export function describeEventStoreContract(backend: EventStoreBackend): void {
  describeOn(backend, 'EventStore contract', () => {
    let fixture: Pick<StoreFixture, 'store' | 'close'>;

    beforeAll(async () => {
      fixture = await backend.open();
    });
    afterAll(async () => fixture?.close());

    it('appends to a new stream and reads the events back in version order', async () => {
      const id = randomUUID();
      const result = await fixture.store.appendToStream(id, 'Thing', [newEvent('A', { n: 1 }), newEvent('B', { n: 2 })], 'no-stream');
      expect(result.nextVersion).toBe(2);
      const events = await fixture.store.readStream(id);
      expect(events.map((e) => [e.version, e.type, e.data, e.streamType])).toEqual([
        [1, 'A', { n: 1 }, 'Thing'],
        [2, 'B', { n: 2 }, 'Thing'],
      ]);
      expect(events[1].position).toBe(result.lastPosition);
      expect(events[0].position).toBeLessThan(events[1].position);
      expect(events[0].metadata).toEqual(expect.objectContaining({ correlationId: 'c' }));
      expect(events[0].occurredAt).toBeInstanceOf(Date);
    });

    it('reads a slice of a stream by version and by time', async () => {
      const id = randomUUID();
      const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
      await fixture.store.appendToStream(id, 'Thing', [1, 2, 3, 4].map((s) => newEvent('E', { s }, t(s))), 'no-stream');
      expect((await fixture.store.readStream(id, { fromVersion: 2, toVersion: 3 })).map((e) => e.version)).toEqual([2, 3]);
      expect((await fixture.store.readStream(id, { until: t(2) })).map((e) => e.version)).toEqual([1, 2]);
      expect(await fixture.store.readStream(randomUUID())).toEqual([]);
    });

    it('rejects an append at a stale version with a ConcurrencyError and writes nothing', async () => {
      const id = randomUUID();
      await fixture.store.appendToStream(id, 'Thing', [newEvent('A'), newEvent('B')], 'no-stream');
      await expect(fixture.store.appendToStream(id, 'Thing', [newEvent('C')], 1)).rejects.toThrow(ConcurrencyError);
      await expect(fixture.store.appendToStream(id, 'Thing', [newEvent('C')], 'no-stream')).rejects.toMatchObject({ actual: 2 });
      await expect(fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('C')], 3)).rejects.toThrow(ConcurrencyError);
      expect(await fixture.store.readStream(id)).toHaveLength(2);
      await fixture.store.appendToStream(id, 'Thing', [newEvent('C')], 2);
      await fixture.store.appendToStream(id, 'Thing', [newEvent('D')], 'any');
      expect((await fixture.store.readStream(id)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('lets exactly one of two concurrent appends at the same version win', async () => {
      const id = randomUUID();
      await fixture.store.appendToStream(id, 'Thing', [newEvent('A')], 'no-stream');
      const outcomes = await Promise.allSettled([
        fixture.store.appendToStream(id, 'Thing', [newEvent('left')], 1),
        fixture.store.appendToStream(id, 'Thing', [newEvent('right')], 1),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
      expect((await fixture.store.readStream(id)).map((e) => e.version)).toEqual([1, 2]);
    });

    it('appends a multi-event batch atomically: a conflict writes none of it', async () => {
      const id = randomUUID();
      await fixture.store.appendToStream(id, 'Thing', [newEvent('A')], 'no-stream');
      const batch = Array.from({ length: 700 }, (_, i) => newEvent('Bulk', { i }));
      await expect(fixture.store.appendToStream(id, 'Thing', batch, 0)).rejects.toThrow(ConcurrencyError);
      expect(await fixture.store.readStream(id)).toHaveLength(1);
      const result = await fixture.store.appendToStream(id, 'Thing', batch, 1);
      expect(result.nextVersion).toBe(701);
      const stored = await fixture.store.readStream(id);
      expect(stored.map((e) => e.data.i)).toEqual([undefined, ...batch.map((_, i) => i)]);
      expect(result.events.map((e) => e.position)).toEqual(stored.slice(1).map((e) => e.position));
    });

    it('reads all streams in global position order after a position, with a limit and filters', async () => {
      const start = await fixture.store.headPosition();
      const a = randomUUID();
      const b = randomUUID();
      await fixture.store.appendToStream(a, 'Thing', [newEvent('X', { k: 'a1' })], 'no-stream');
      await fixture.store.appendToStream(b, 'Thing', [newEvent('Y', { k: 'b1' })], 'no-stream');
      await fixture.store.appendToStream(a, 'Thing', [newEvent('Y', { k: 'a2' })], 1);
      const all = await fixture.store.readAll({ after: start, limit: 10 });
      expect(all.map((e) => e.data.k)).toEqual(['a1', 'b1', 'a2']);
      expect(await fixture.store.headPosition()).toBe(all[2].position);
      expect((await fixture.store.readAll({ after: start, limit: 2 })).map((e) => e.data.k)).toEqual(['a1', 'b1']);
      expect((await fixture.store.readAll({ after: all[0].position, limit: 10 })).map((e) => e.data.k)).toEqual(['b1', 'a2']);
      expect((await fixture.store.readAll({ after: start, limit: 10, types: ['Y'] })).map((e) => e.data.k)).toEqual(['b1', 'a2']);
      expect((await fixture.store.readAll({ after: start, limit: 10, streamId: a })).map((e) => e.data.k)).toEqual(['a1', 'a2']);
    });

    it('tells listeners the last position of each commit', async () => {
      const seen: number[] = [];
      const stop = fixture.store.onAppended((position) => seen.push(position));
      const result = await fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('A'), newEvent('B')], 'no-stream');
      stop();
      await fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('C')], 'no-stream');
      expect(seen).toEqual([result.lastPosition]);
    });
  });
}
