import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { counterCommandResult } from '../../src/counters/commands/counter-command-result';
import { CounterRepository } from '../../src/counters/counter.repository';
import { counterWriteProviders } from '../../src/counters/counter-write.providers';
import { Counter } from '../../src/counters/domain/counter.aggregate';
import { CounterBelowZeroError } from '../../src/counters/domain/counter.errors';
import {
  CommandAlreadyProcessedError,
  EventStore,
  IdempotencyClaim,
  IdempotencyKeyReusedError,
  IdempotentCommands,
  IdempotentRequest,
  newCommandContext,
  ProcessedCommands,
  RecordedAnswer,
} from '../../src/event-sourcing';
import { startInMemoryApp } from '../../src/event-sourcing/testing';

// The executor and the repository on the in-memory store, as a process manager would use them.
describe('IdempotentCommands with a repository', () => {
  let app: INestApplicationContext;
  let commands: IdempotentCommands;
  let counters: CounterRepository;
  let processed: ProcessedCommands;
  let store: EventStore;

  beforeAll(async () => {
    app = await startInMemoryApp({ providers: counterWriteProviders });
    [commands, counters, processed, store] = [app.get(IdempotentCommands), app.get(CounterRepository), app.get(ProcessedCommands), app.get(EventStore)];
  });
  afterAll(() => app.close());

  async function newCounter(): Promise<string> {
    const counter = Counter.create(randomUUID(), 'c');
    await counters.create(counter, newCommandContext());
    return counter.id;
  }
  const request = (key = randomUUID(), fingerprint = 'increment 2'): IdempotentRequest => ({ scope: 'process-manager:spec', key, fingerprint, successStatus: 200 });
  const refusal = (error: unknown): RecordedAnswer | null => (error instanceof CounterBelowZeroError ? { status: 422, body: { message: error.message } } : null);
  const change = (id: string, by: number) => async (claim: IdempotencyClaim) => {
    const context = { ...newCommandContext(), idempotency: claim };
    const { aggregate, ...saved } = await counters.update(id, (c) => (by >= 0 ? c.increment(by) : c.decrement(-by)), { context, answer: counterCommandResult });
    return counterCommandResult(aggregate, saved);
  };
  const eventsOf = async (id: string) => (await store.readStream(id)).length;

  it('executes a key once: a repeat is answered from the record without running', async () => {
    const id = await newCounter();
    const req = request();
    const run = jest.fn(change(id, 2));
    const first = await commands.execute(req, run, refusal);
    const again = await commands.execute(req, run, refusal);
    expect(first).toEqual({ answer: { status: 200, body: { id, value: 2, version: 2, position: expect.any(Number) } }, replayed: false });
    expect(again).toEqual({ ...first, replayed: true });
    expect(run).toHaveBeenCalledTimes(1);
    expect(await eventsOf(id)).toBe(2);
  });

  it('refuses a repeat with another fingerprint, running nothing', async () => {
    const id = await newCounter();
    const req = request();
    await commands.execute(req, change(id, 2), refusal);
    const run = jest.fn(change(id, 3));
    await expect(commands.execute({ ...req, fingerprint: 'increment 3' }, run, refusal)).rejects.toThrow(IdempotencyKeyReusedError);
    expect(run).not.toHaveBeenCalled();
  });

  it('records a final refusal and answers every repeat with it, even once the command would succeed', async () => {
    const id = await newCounter();
    const req = request(randomUUID(), 'decrement 1');
    await expect(commands.execute(req, change(id, -1), refusal)).rejects.toThrow(CounterBelowZeroError);
    await counters.update(id, (c) => c.increment(5), { context: newCommandContext() });
    const again = await commands.execute(req, change(id, -1), refusal);
    expect(again).toEqual({ answer: { status: 422, body: { message: expect.any(String) } }, replayed: true });
    expect(await eventsOf(id)).toBe(2);
  });

  it('records nothing for an error that is not final: the key runs again', async () => {
    const req = request();
    await expect(commands.execute(req, () => Promise.reject(new Error('database down')), refusal)).rejects.toThrow('database down');
    expect(await processed.find(req)).toBeNull();
  });

  it('lets a second execution of a running key wait, then answers it from the first one', async () => {
    const id = await newCounter();
    const req = request();
    const run = jest.fn(change(id, 2));
    const [first, second] = await Promise.all([commands.execute(req, run, refusal), commands.execute(req, run, refusal)]);
    expect(run).toHaveBeenCalledTimes(1);
    expect(second).toEqual({ ...first, replayed: true });
  });

  it('answers from the record when another instance committed the key between the lookup and the append', async () => {
    const id = await newCounter();
    const req = request();
    const elsewhere = { scope: req.scope, key: req.key, fingerprint: req.fingerprint, answer: { status: 200, body: { from: 'elsewhere' } }, createdAt: new Date() };
    const outcome = await commands.execute(
      req,
      async (claim) => {
        await processed.recordRefusal(elsewhere); // stands for the other instance's commit
        return change(id, 2)(claim);
      },
      refusal,
    );
    expect(outcome).toEqual({ answer: elsewhere.answer, replayed: true });
    expect(await eventsOf(id)).toBe(1);
  });

  it('refuses only the already processed command of a group queued on one aggregate; the others commit together', async () => {
    const id = await newCounter();
    const taken = request();
    await processed.recordRefusal({ scope: taken.scope, key: taken.key, fingerprint: 'f', answer: { status: 200, body: null }, createdAt: new Date() });
    const claims: IdempotencyClaim[] = [request(), taken, request()].map((r) => ({ ...r }));
    const outcomes = await Promise.allSettled(claims.map((claim) => change(id, 1)(claim)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(CommandAlreadyProcessedError);
    expect(await eventsOf(id)).toBe(3);
    for (const claim of [claims[0], claims[2]]) expect((await processed.find(claim))?.answer).toEqual(claim.recorded);
  });
});
