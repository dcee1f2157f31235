import { given } from '../../event-sourcing/testing';
import { Counter } from './counter.aggregate';
import { CounterBelowZeroError, CounterOverflowError } from './counter.errors';
import { CounterCreatedEvent } from './events/counter-created.event';
import { CounterDecrementedEvent } from './events/counter-decremented.event';
import { CounterIncrementedEvent } from './events/counter-incremented.event';
import { CounterResetEvent } from './events/counter-reset.event';

const id = '7f1c2a4e-0000-4000-8000-000000000001';
const createEmpty = () => new Counter(id);
const created = new CounterCreatedEvent(id, 'visitors');

describe('Counter', () => {
  describe('when it does not exist yet', () => {
    it('records its creation at zero', () => {
      const counter = Counter.create(id, 'visitors');
      expect(counter.getUncommittedEvents()).toStrictEqual([created]);
      expect([counter.value, counter.name, counter.version, counter.persistedVersion]).toEqual([0, 'visitors', 1, 0]);
    });
  });

  describe('when the counter is at zero', () => {
    it('records an increment', () => {
      const counter = given(createEmpty, created).when((c) => c.increment(3)).then(new CounterIncrementedEvent(id, 3));
      expect([counter.value, counter.version, counter.persistedVersion]).toEqual([3, 2, 1]);
    });

    it('refuses a decrement below zero and records nothing', () => {
      given(createEmpty, created).when((c) => c.decrement(1)).thenThrows(CounterBelowZeroError);
    });

    it('records a reset, keeping the previous value for the audit trail', () => {
      given(createEmpty, created).when((c) => c.reset()).then(new CounterResetEvent(id, 0));
    });
  });

  describe('when the counter is at five', () => {
    const history = [created, new CounterIncrementedEvent(id, 7), new CounterDecrementedEvent(id, 2)];

    it('was rebuilt from its history', () => {
      const counter = given(createEmpty, ...history).when(() => undefined).then();
      expect([counter.value, counter.version]).toEqual([5, 3]);
    });

    it('records a decrement down to exactly zero', () => {
      const counter = given(createEmpty, ...history).when((c) => c.decrement(5)).then(new CounterDecrementedEvent(id, 5));
      expect(counter.value).toBe(0);
    });

    it('refuses a decrement of six', () => {
      given(createEmpty, ...history).when((c) => c.decrement(6)).thenThrows(CounterBelowZeroError);
    });

    it('records a reset of the value five', () => {
      const counter = given(createEmpty, ...history).when((c) => c.reset()).then(new CounterResetEvent(id, 5));
      expect(counter.value).toBe(0);
    });
  });

  describe('when the counter is near the largest safe integer', () => {
    it('refuses an increment that would pass it', () => {
      const near = new CounterIncrementedEvent(id, Number.MAX_SAFE_INTEGER - 1);
      given(createEmpty, created, near).when((c) => c.increment(2)).thenThrows(CounterOverflowError);
    });
  });
});
