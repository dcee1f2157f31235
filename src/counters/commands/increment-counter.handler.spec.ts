import { randomUUID } from 'node:crypto';
import { AggregateNotFoundError, newCommandContext, VersionMismatchError } from '../../event-sourcing';
import { commandScenario, CommandScenario } from '../../event-sourcing/testing';
import { counterWriteProviders } from '../counter-write.providers';
import { Counter } from '../domain/counter.aggregate';
import { CounterOverflowError } from '../domain/counter.errors';
import { CounterCreatedEvent } from '../domain/events/counter-created.event';
import { CounterIncrementedEvent } from '../domain/events/counter-incremented.event';
import { IncrementCounterCommand } from './increment-counter.command';
import { IncrementCounterHandler } from './increment-counter.handler';

// The handler with its real repository, on the in-memory event store: no database.
describe('IncrementCounterHandler', () => {
  let scenario: CommandScenario;
  const id = randomUUID();

  beforeEach(async () => {
    scenario = await commandScenario({ providers: [...counterWriteProviders, IncrementCounterHandler] });
  });
  afterEach(() => scenario.close());

  it('records an increment on an existing counter and answers with its new state', async () => {
    await scenario.given(Counter.streamType, id, new CounterCreatedEvent(id, 'visits'), new CounterIncrementedEvent(id, 3));
    const context = newCommandContext();
    const result = await scenario.when(new IncrementCounterCommand(id, 2, context)).then(new CounterIncrementedEvent(id, 2));
    expect(result).toEqual({ id, value: 5, version: 3, position: 3 });
    const [stored] = await scenario.store.readStream(id, { fromVersion: 3 });
    expect(stored.metadata).toMatchObject({ correlationId: context.correlationId, causationId: context.commandId });
  });

  it('refuses a counter that was never created', async () => {
    await scenario.when(new IncrementCounterCommand(id, 1, newCommandContext())).thenThrows(AggregateNotFoundError);
  });

  it('refuses an increment past the largest safe integer, recording nothing', async () => {
    await scenario.given(Counter.streamType, id, new CounterCreatedEvent(id, 'big'), new CounterIncrementedEvent(id, Number.MAX_SAFE_INTEGER));
    await scenario.when(new IncrementCounterCommand(id, 1, newCommandContext())).thenThrows(CounterOverflowError);
  });

  it('refuses a caller that expected another version (If-Match)', async () => {
    await scenario.given(Counter.streamType, id, new CounterCreatedEvent(id, 'visits'));
    await scenario.when(new IncrementCounterCommand(id, 1, newCommandContext(), [3])).thenThrows(VersionMismatchError);
  });

  it('runs when the version is one of those If-Match lists, and never for an empty list (weak tags only)', async () => {
    await scenario.given(Counter.streamType, id, new CounterCreatedEvent(id, 'visits'));
    await scenario.when(new IncrementCounterCommand(id, 1, newCommandContext(), [])).thenThrows(VersionMismatchError);
    const result = await scenario.when(new IncrementCounterCommand(id, 4, newCommandContext(), [3, 1])).then(new CounterIncrementedEvent(id, 4));
    expect(result).toMatchObject({ value: 4, version: 2 });
  });
});
