import type { EventSourcedAggregate } from '../aggregates/event-sourced-aggregate';

type ErrorClass = new (...args: never[]) => Error;

/**
 * Aggregate specs in given/when/then form:
 *
 * ```ts
 * given(() => new Counter(id), new CounterCreatedEvent(id, 'a'))
 *   .when((counter) => counter.increment(2))
 *   .then(new CounterIncrementedEvent(id, 2));
 * ```
 */
export function given<A extends EventSourcedAggregate>(createEmpty: () => A, ...history: object[]) {
  const aggregate = createEmpty();
  aggregate.loadFromHistory(history);
  return {
    when(act: (aggregate: A) => void) {
      return {
        /** The command recorded exactly these events, in this order. */
        then(...expected: object[]): A {
          act(aggregate);
          expect(aggregate.getUncommittedEvents()).toStrictEqual(expected);
          return aggregate;
        },
        /** The command was refused with this error and recorded nothing. */
        thenThrows(errorClass: ErrorClass): void {
          expect(() => act(aggregate)).toThrow(errorClass);
          expect(aggregate.getUncommittedEvents()).toStrictEqual([]);
        },
      };
    },
  };
}
