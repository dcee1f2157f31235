import { randomUUID } from 'node:crypto';
import { newCommandContext } from '../../event-sourcing';
import { commandScenario, CommandScenario } from '../../event-sourcing/testing';
import { counterWriteProviders } from '../counter-write.providers';
import { Counter } from '../domain/counter.aggregate';
import { CounterBelowZeroError } from '../domain/counter.errors';
import { CounterCreatedEvent } from '../domain/events/counter-created.event';
import { CounterDecrementedEvent } from '../domain/events/counter-decremented.event';
import { CounterIncrementedEvent } from '../domain/events/counter-incremented.event';
import { CounterResetEvent } from '../domain/events/counter-reset.event';
import { DecrementCounterCommand } from './decrement-counter.command';
import { DecrementCounterHandler } from './decrement-counter.handler';

describe('DecrementCounterHandler', () => {
  let scenario: CommandScenario;
  const id = randomUUID();

  beforeEach(async () => {
    scenario = await commandScenario({ providers: [...counterWriteProviders, DecrementCounterHandler] });
  });
  afterEach(() => scenario.close());

  it('records a decrement that keeps the counter at or above zero', async () => {
    await scenario.given(Counter.streamType, id, new CounterCreatedEvent(id, 'stock'), new CounterIncrementedEvent(id, 5));
    const result = await scenario.when(new DecrementCounterCommand(id, 5, newCommandContext())).then(new CounterDecrementedEvent(id, 5));
    expect(result).toMatchObject({ value: 0, version: 3 });
  });

  it('refuses to go below zero, counting from the last reset, and records nothing', async () => {
    await scenario.given(Counter.streamType, id, new CounterCreatedEvent(id, 'stock'), new CounterIncrementedEvent(id, 5), new CounterResetEvent(id, 5));
    await scenario.when(new DecrementCounterCommand(id, 1, newCommandContext())).thenThrows(CounterBelowZeroError);
  });
});
