import { randomUUID } from 'node:crypto';
import { CommandAlreadyProcessedError, CompletedCommand, EventStore, IdempotencyClaim, InMemoryEventStore, ProcessedCommands } from '../../src/event-sourcing';
import { SqliteWriteLock } from '../../src/event-sourcing/store/sqlite-write-lock';
import { createEventStore, createProcessedCommands } from '../../src/event-sourcing/store/store-factories';
import { newEvent } from '../event-store/event-store.contract';
import { describeOn, inMemoryBackend, StoreBackend, storeBackends } from '../support/store-backends';

interface Setup {
  store: EventStore;
  processed: ProcessedCommands;
  close(): Promise<void>;
}

/** The store and its record table as the app wires them: one write lock, one database. */
async function onDatabase(backend: StoreBackend): Promise<Setup> {
  const fixture = await backend.open();
  const writeLock = new SqliteWriteLock();
  const processed = createProcessedCommands(fixture.dataSource, writeLock);
  const store = createEventStore(fixture.dataSource, writeLock, processed);
  return { store, processed, close: () => fixture.close() };
}

async function inMemory(): Promise<Setup> {
  const store = new InMemoryEventStore();
  return { store, processed: store.processed, close: async () => undefined };
}

function claim(key: string = randomUUID()): IdempotencyClaim {
  return { scope: 'spec', key, fingerprint: 'f', successStatus: 200 };
}

/** A command whose answer names the position of the append's last event. */
function completed(c: IdempotencyClaim): CompletedCommand {
  return { claim: c, answer: (result) => ({ status: 200, body: { position: result.lastPosition } }) };
}

const setups = [...storeBackends.map((backend) => ({ backend, setup: () => onDatabase(backend) })), { backend: inMemoryBackend, setup: inMemory }];

setups.forEach(({ backend, setup }) =>
  describeOn(backend, 'Idempotent commands in the event store', () => {
    let fixture: Setup;
    let processed: ProcessedCommands;

    beforeAll(async () => {
      fixture = await setup();
      processed = fixture.processed;
    });
    afterAll(async () => fixture?.close());

    it('records the answer with the events and hands it to the claim once committed', async () => {
      const c = claim();
      const result = await fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('A')], 'no-stream', { commands: [completed(c)] });
      expect(c.recorded).toEqual({ status: 200, body: { position: result.lastPosition } });
      expect(await processed.find(c)).toEqual({ scope: 'spec', key: c.key, fingerprint: 'f', answer: c.recorded, createdAt: expect.any(Date) });
    });

    it('refuses an append whose key is recorded already and writes none of its events', async () => {
      const c = claim();
      await fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('A')], 'no-stream', { commands: [completed(c)] });
      const stream = randomUUID();
      const repeat = claim(c.key);
      await expect(fixture.store.appendToStream(stream, 'Thing', [newEvent('B')], 'no-stream', { commands: [completed(repeat)] })).rejects.toThrow(
        CommandAlreadyProcessedError,
      );
      expect(repeat.recorded).toBeUndefined();
      expect(await fixture.store.readStream(stream)).toEqual([]);
    });

    it('refuses only the duplicate among appends committed together', async () => {
      const recorded = claim();
      await fixture.store.appendToStream(randomUUID(), 'Thing', [newEvent('A')], 'no-stream', { commands: [completed(recorded)] });
      const streams = [randomUUID(), randomUUID(), randomUUID()];
      const claims = [claim(), claim(recorded.key), claim()];
      const outcomes = await Promise.allSettled(
        streams.map((s, i) => fixture.store.appendToStream(s, 'Thing', [newEvent('B')], 'no-stream', { commands: [completed(claims[i])] })),
      );
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await fixture.store.readStream(streams[1])).toEqual([]);
      expect(await processed.find(claims[2])).not.toBeNull();
    });

    it('records the answer of a command that appends no events', async () => {
      const c = claim();
      await fixture.store.appendToStream(randomUUID(), 'Thing', [], 'any', { commands: [completed(c)] });
      expect((await processed.find(c))?.answer).toEqual({ status: 200, body: { position: expect.any(Number) } });
    });

    it('records a refusal once: a second one gets the record that was there first', async () => {
      const key = randomUUID();
      const first = { scope: 'spec', key, fingerprint: 'f', answer: { status: 422, body: { n: 1 } }, createdAt: new Date() };
      expect(await processed.recordRefusal(first)).toBe(first);
      const second = await processed.recordRefusal({ ...first, answer: { status: 404, body: { n: 2 } } });
      expect(second.answer).toEqual({ status: 422, body: { n: 1 } });
    });

    it('purges the records created before a time, and only those', async () => {
      const old = { scope: 'spec', key: randomUUID(), fingerprint: 'f', answer: { status: 422, body: null }, createdAt: new Date('2000-01-01T00:00:00Z') };
      const recent = { ...old, key: randomUUID(), createdAt: new Date() };
      await processed.recordRefusal(old);
      await processed.recordRefusal(recent);
      expect(await processed.purgeBefore(new Date('2001-01-01T00:00:00Z'))).toBe(1);
      expect(await processed.find(old)).toBeNull();
      expect(await processed.find(recent)).not.toBeNull();
    });
  }),
);
