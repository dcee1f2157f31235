import { CounterCreatedEvent } from '../../src/counters/domain/events/counter-created.event';
import { CounterDecrementedEvent } from '../../src/counters/domain/events/counter-decremented.event';
import { CounterIncrementedEvent } from '../../src/counters/domain/events/counter-incremented.event';
import { CounterResetEvent } from '../../src/counters/domain/events/counter-reset.event';
import { CounterView } from '../../src/counters/projections/counter-view.entity';
import { CounterViewProjection } from '../../src/counters/projections/counter-view.projection';
import { envelopeOf } from '../../src/event-sourcing';
import { recorded } from '../../src/event-sourcing/testing/recorded';
import { describeOn, StoreFixture, storeBackends } from '../support/store-backends';

storeBackends.forEach((backend) =>
  describeOn(backend, 'CounterViewProjection', () => {
    let fixture: StoreFixture;
    const projection = new CounterViewProjection();
    const rows = () => fixture.dataSource.manager.find(CounterView, { order: { createdPosition: 'ASC' } });

    beforeAll(async () => {
      fixture = await backend.open([CounterView]);
    });
    afterAll(() => fixture.close());
    beforeEach(() => projection.reset(fixture.dataSource.manager));

    it('keeps one row per counter with the folded value, the stream version and the last event time', async () => {
      const a = recorded('a', 'Counter', new CounterCreatedEvent('a', 'first'), new CounterIncrementedEvent('a', 5), new CounterDecrementedEvent('a', 2));
      const b = recorded('b', 'Counter', new CounterCreatedEvent('b', 'second'), new CounterIncrementedEvent('b', 4), new CounterResetEvent('b', 4), new CounterIncrementedEvent('b', 1));
      await projection.handleBatch([a[0], b[0], a[1], b[1], b[2], a[2], b[3]], fixture.dataSource.manager);

      expect(await rows()).toEqual([
        { id: 'a', name: 'first', value: 3, version: 3, createdPosition: envelopeOf(a[0]).position, updatedAt: envelopeOf(a[2]).occurredAt.toISOString() },
        { id: 'b', name: 'second', value: 1, version: 4, createdPosition: envelopeOf(b[0]).position, updatedAt: envelopeOf(b[3]).occurredAt.toISOString() },
      ]);
    });

    it('gives the same rows event by event as in one batch', async () => {
      const c = recorded('c', 'Counter', new CounterCreatedEvent('c', 'third'), new CounterIncrementedEvent('c', 7), new CounterDecrementedEvent('c', 7));
      for (const event of c) await projection.handle(event, fixture.dataSource.manager);
      expect(await rows()).toEqual([expect.objectContaining({ id: 'c', value: 0, version: 3 })]);
    });

    it('refuses an event for a counter it never saw created, rather than inventing a row', async () => {
      const [, orphan] = recorded('d', 'Counter', new CounterCreatedEvent('d', 'x'), new CounterIncrementedEvent('d', 1));
      await expect(projection.handle(orphan, fixture.dataSource.manager)).rejects.toThrow(/never seen created/);
      expect(await rows()).toEqual([]);
    });
  }),
);
