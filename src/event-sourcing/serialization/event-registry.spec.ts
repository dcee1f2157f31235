import { IsInt, Min } from 'class-validator';
import { envelopeOf } from '../metadata/event-envelope';
import type { StoredEvent } from '../store/stored-event';
import { EventRegistry } from './event-registry';
import { InvalidEventError, UnknownEventTypeError, UnsupportedSchemaVersionError } from './serialization.errors';

class ParcelWeighedEvent {
  static readonly type = 'ParcelWeighed';
  static readonly version = 3;

  @IsInt()
  @Min(1)
  readonly grams: number;

  constructor(grams: number) {
    this.grams = grams;
  }
}

class NoteTakenEvent {
  static readonly type = 'NoteTaken';
  static readonly version = 1;
  constructor(readonly text: string) {}
}

function stored(type: string, schemaVersion: number, data: Record<string, unknown>): StoredEvent {
  return {
    position: 7,
    streamId: 's-1',
    streamType: 'Parcel',
    version: 2,
    type,
    schemaVersion,
    data,
    metadata: { eventId: 'e', correlationId: 'c', causationId: 'c' },
    occurredAt: new Date('2026-01-01T00:00:00.000Z'),
  };
}

describe('EventRegistry', () => {
  let registry: EventRegistry;

  beforeEach(() => {
    registry = new EventRegistry();
    registry.register(ParcelWeighedEvent, NoteTakenEvent);
    registry.registerUpcasters(
      // v1 stored kilograms, v2 grams as a string, v3 grams as a number
      { type: 'ParcelWeighed', fromVersion: 1, upcast: ({ kg }) => ({ grams: String(Number(kg) * 1000) }) },
      { type: 'ParcelWeighed', fromVersion: 2, upcast: ({ grams }) => ({ grams: Number(grams) }) },
    );
  });

  describe('reading older schema versions', () => {
    it('chains every upcaster from v1 to the current class', () => {
      const event = registry.deserialize(stored('ParcelWeighed', 1, { kg: 2 }));
      expect(event).toBeInstanceOf(ParcelWeighedEvent);
      expect({ ...event }).toEqual({ grams: 2000 });
      expect(envelopeOf(event).schemaVersion).toBe(3);
    });

    it('starts the chain at the stored version (v2 skips the first step)', () => {
      expect({ ...registry.deserialize(stored('ParcelWeighed', 2, { grams: '15' })) }).toEqual({ grams: 15 });
    });

    it('passes a current-version event through untouched', () => {
      const raw = stored('ParcelWeighed', 3, { grams: 4 });
      expect(registry.upcast(raw)).toBe(raw);
    });

    it('names the type of a stored event no class knows', () => {
      expect(() => registry.deserialize(stored('ParcelLost', 1, {}))).toThrow(UnknownEventTypeError);
      expect(() => registry.deserialize(stored('ParcelLost', 1, {}))).toThrow(/'ParcelLost'/);
    });

    it('refuses a version with a gap in the chain, or newer than the class', () => {
      const gappy = new EventRegistry();
      gappy.register(ParcelWeighedEvent);
      gappy.registerUpcasters({ type: 'ParcelWeighed', fromVersion: 2, upcast: (data) => data });
      expect(() => gappy.deserialize(stored('ParcelWeighed', 1, { kg: 1 }))).toThrow(UnsupportedSchemaVersionError);
      expect(() => registry.deserialize(stored('ParcelWeighed', 4, { grams: 1 }))).toThrow(UnsupportedSchemaVersionError);
    });

    it('refuses two upcasters for the same step', () => {
      expect(() => registry.registerUpcasters({ type: 'ParcelWeighed', fromVersion: 1, upcast: (data) => data })).toThrow(/Two upcasters/);
    });
  });

  describe('writing', () => {
    it('serializes a valid event with its current schema version', () => {
      expect(registry.serialize(new ParcelWeighedEvent(12))).toEqual({ type: 'ParcelWeighed', schemaVersion: 3, data: { grams: 12 } });
    });

    it('refuses an event that breaks its class rules, naming the field', () => {
      expect(() => registry.serialize(new ParcelWeighedEvent(0))).toThrow(InvalidEventError);
      expect(() => registry.serialize(new ParcelWeighedEvent(1.5))).toThrow(/grams must be an integer/);
    });

    it('accepts a class that declares no rules', () => {
      expect(registry.serialize(new NoteTakenEvent('hi')).data).toEqual({ text: 'hi' });
    });
  });
});
