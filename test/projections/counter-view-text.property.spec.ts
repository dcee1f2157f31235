import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { CounterCreatedEvent } from '../../src/counters/domain/events/counter-created.event';
import { CounterView } from '../../src/counters/projections/counter-view.entity';
import { CounterViewProjection } from '../../src/counters/projections/counter-view.projection';
import { CreateCounterDto } from '../../src/counters/http/counter-requests.dto';
import { EventRegistry } from '../../src/event-sourcing';
import { describeOn, StoreFixture, storeBackends } from '../support/store-backends';
import { propertyParameters } from '../support/property-runs';

// One code point at a time, so a name's length in code points is its array length.
const codePoint = fc.oneof(
  fc.constantFrom('a', 'Z', ' ', '-', 'é'),
  fc.constantFrom('\u0301', '\u0308', '\u20DD', '\uFE0F', '\u200D'), // combining marks, variation selector, joiner
  fc.integer({ min: 0x1f300, max: 0x1faff }).map((cp) => String.fromCodePoint(cp)), // emoji
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)), // any astral character
);
// Boundary lengths (1, 100 and 101) as often as the others, and some beyond the limit.
const lengths = fc.oneof(fc.integer({ min: 1, max: 130 }), fc.constantFrom(1, 100, 101));
const name = lengths.chain((length) => fc.array(codePoint, { minLength: length, maxLength: length })).map((points) => points.join(''));

/** Whether POST /counters accepts this name (its DTO's validation, as the ValidationPipe runs it). */
function accepted(text: string): boolean {
  return validateSync(plainToInstance(CreateCounterDto, { name: text })).length === 0;
}

// Issue 11, case 1: whatever the write side accepts, the read model holds (it once stopped for good on PostgreSQL).
storeBackends.forEach((backend) =>
  describeOn(backend, 'counter_views holds every name the write side accepts', () => {
    let fixture: StoreFixture;
    const registry = new EventRegistry();
    registry.register(CounterCreatedEvent);
    const projection = new CounterViewProjection();

    beforeAll(async () => {
      fixture = await backend.open([CounterView]);
    });
    afterAll(() => fixture.close());

    it('stores and projects every generated name of combining marks, emoji and astral characters that POST /counters accepts', async () => {
      let stream = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(name, { minLength: 1, maxLength: 5 }), async (generated) => {
          // Refused only for what the measure says: more than 100 code points.
          for (const text of generated) expect(accepted(text)).toBe([...text].length <= 100);
          const names = generated.filter(accepted);
          if (names.length === 0) return;
          const ids = names.map(() => `text-${stream++}`);
          for (const [i, text] of names.entries()) {
            const event = { ...registry.serialize(new CounterCreatedEvent(ids[i], text)), metadata: { eventId: randomUUID(), correlationId: 'property', causationId: 'property' }, occurredAt: new Date() };
            await fixture.store.appendToStream(ids[i], 'Counter', [event], 'no-stream');
          }
          const stored = await Promise.all(ids.map((id) => fixture.store.readStream(id)));
          const events = stored.flat().map((e) => registry.deserialize(e));
          await fixture.dataSource.manager.transaction((manager) => projection.handleBatch(events as CounterCreatedEvent[], manager));
          const rows = await fixture.dataSource.manager.findBy(CounterView, ids.map((id) => ({ id })));
          expect(new Map(rows.map((row) => [row.id, row.name]))).toEqual(new Map(ids.map((id, i) => [id, names[i]])));
        }),
        propertyParameters('counter_views text'),
      );
    });
  }),
);
