import { Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import request from 'supertest';
import { ApiKeys } from '../../src/auth/api-keys/api-keys.service';
import type { Actor } from '../../src/auth/caller';
import { IncrementCounterCommand } from '../../src/counters/commands/increment-counter.command';
import { newCommandContext } from '../../src/event-sourcing';
import { describeOn, storeBackends } from '../support/store-backends';
import { startTestAppOn, TestApp } from '../support/test-app';
import { signToken, TEST_JWT_SECRET } from '../support/tokens';

interface Shown {
  version: number;
  type: string;
  metadata: { actor: Actor; correlationId: string };
}

storeBackends.forEach((backend) =>
  describeOn(backend, 'The actor in the audit trail', () => {
    let t: TestApp;
    let alice: string;
    let bob: string;
    let serviceKey: string;
    const http = () => request(t.server);

    beforeAll(async () => {
      t = await startTestAppOn(backend, { AUTH_JWT_SECRET: TEST_JWT_SECRET });
      alice = `Bearer ${await signToken(TEST_JWT_SECRET, { sub: 'alice', roles: ['admin'] })}`;
      bob = `Bearer ${await signToken(TEST_JWT_SECRET, { sub: 'bob', roles: ['write'] })}`;
      serviceKey = await t.app.get(ApiKeys).create('billing-service', ['write']);
    });
    afterAll(() => t.close());

    const trail = async (id: string) => (await http().get(`/counters/${id}/events`).set('Authorization', alice).expect(200)).body.items as Shown[];

    it('records the JWT subject as a user and the API key name, and shows them in the audit trail and the global feed', async () => {
      const created = await http().post('/counters').set('Authorization', alice).send({ name: 'audited' }).expect(201);
      const id = created.body.id as string;
      await http().post(`/counters/${id}/increment`).set('X-Api-Key', serviceKey).send({ by: 3 }).expect(200);

      expect((await trail(id)).map((event) => event.metadata.actor)).toEqual([
        { type: 'user', id: 'alice' },
        { type: 'api-key', id: 'billing-service' },
      ]);
      const items = (await http().get(`/events?streamId=${id}`).set('Authorization', bob).expect(200)).body.items as Shown[];
      expect(items.map((event) => event.metadata.actor.id)).toEqual(['alice', 'billing-service']);
    });

    it('gives each command of a group its own actor when concurrent commands share one append', async () => {
      const id = (await http().post('/counters').set('Authorization', alice).send({ name: 'grouped' }).expect(201)).body.id as string;
      const callers = [alice, bob, alice, bob, alice, bob];
      await Promise.all(callers.map((caller) => http().post(`/counters/${id}/increment`).set('Authorization', caller).send({ by: 1 }).expect(200)));
      const increments = (await trail(id)).filter((event) => event.type === 'CounterIncremented');
      expect(increments.map((event) => event.metadata.actor.id).sort()).toEqual(['alice', 'alice', 'alice', 'bob', 'bob', 'bob']);
    });

    it('records whatever actor a process passes with its command (a process-manager step)', async () => {
      const id = (await http().post('/counters').set('Authorization', alice).send({ name: 'by-a-process' }).expect(201)).body.id as string;
      const context = newCommandContext('flow-7', { type: 'process', id: 'transfer-manager' });
      await t.app.get(CommandBus).execute(new IncrementCounterCommand(id, 1, context));
      const [, step] = await trail(id);
      expect(step.metadata).toMatchObject({ actor: { type: 'process', id: 'transfer-manager' }, correlationId: 'flow-7' });
    });

    it('scopes Idempotency-Key per actor: the same key from two callers makes two counters, from one caller one', async () => {
      const create = (caller: string) => http().post('/counters').set('Authorization', caller).set('Idempotency-Key', 'same-key-1').send({ name: 'once' });
      const first = await create(alice).expect(201);
      const again = await create(alice).expect(201);
      const other = await create(bob).expect(201);
      expect(again.body.id).toBe(first.body.id);
      expect(other.body.id).not.toBe(first.body.id);
    });

    it('logs a rebuild request with its actor', async () => {
      const log = jest.spyOn(Logger.prototype, 'log');
      try {
        await http().post('/projections/counter_views/rebuild').set('Authorization', alice).expect(202);
        expect(log.mock.calls).toContainEqual([{ projection: 'counter_views', caller: { type: 'user', id: 'alice' } }, 'rebuild of counter_views requested by user:alice']);
      } finally {
        log.mockRestore();
      }
    });
  }),
);
