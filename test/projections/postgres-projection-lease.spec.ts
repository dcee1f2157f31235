import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { PostgresProjectionLease } from '../../src/event-sourcing/projections/postgres-projection-lease';
import { ProjectionLeaseLostError } from '../../src/event-sourcing/projections/projection-lease';
import { describeOn, postgresBackend, StoreFixture } from '../support/store-backends';

describeOn(postgresBackend, 'Projection ownership', () => {
  let fixture: StoreFixture;
  let url: string;
  const leases: PostgresProjectionLease[] = [];
  const lease = () => {
    const created = new PostgresProjectionLease({ connectionString: url });
    leases.push(created);
    return created;
  };

  beforeAll(async () => {
    fixture = await postgresBackend.open();
    url = (fixture.dataSource.options as { url: string }).url;
    await fixture.dataSource.query(
      `INSERT INTO projection_checkpoints (name, position, status, updated_at) VALUES ('views', 5, 'running', now())`,
    );
  });
  afterAll(async () => {
    await Promise.all(leases.map((l) => l.releaseAll()));
    await fixture?.close();
  });

  it('runs claims made at the same time one after the other on its one connection', async () => {
    // pg queues a query sent while another runs on the same client, and warns that doing so is deprecated.
    const running = new Map<Client, number>();
    let most = 0;
    const query = Client.prototype.query;
    const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
      running.set(this, (running.get(this) ?? 0) + 1);
      most = Math.max(most, running.get(this)!);
      const result = (query as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      void result.finally(() => running.set(this, running.get(this)! - 1)).catch(() => undefined);
      return result as never;
    });
    try {
      const single = lease();
      expect(await Promise.all(['a', 'b', 'c'].map((name) => single.claim(`together-${name}`)))).toEqual(['acquired', 'acquired', 'acquired']);
    } finally {
      spy.mockRestore();
    }
    expect(most).toBe(1);
  });

  it('gives a projection to one instance at a time and to another once the holder is gone', async () => {
    const first = lease();
    const second = lease();
    expect(await first.claim('views')).toBe('acquired');
    expect(await first.claim('views')).toBe('held');
    expect(await second.claim('views')).toBe('elsewhere');
    expect(await second.claim('other')).toBe('acquired');

    await first.releaseAll(); // as when the instance dies: its session ends
    await sleep(1100);
    expect(await second.claim('views')).toBe('acquired');
  });

  it('refuses a write from a holder whose checkpoint was moved by someone else', async () => {
    const holder = lease();
    await holder.claim('fenced');
    await fixture.dataSource.query(
      `INSERT INTO projection_checkpoints (name, position, status, updated_at) VALUES ('fenced', 7, 'running', now())`,
    );
    await fixture.dataSource.transaction((manager) => holder.fence(manager, 'fenced', 7));
    await expect(fixture.dataSource.transaction((manager) => holder.fence(manager, 'fenced', 6))).rejects.toThrow(ProjectionLeaseLostError);
    holder.forget('fenced');
    await expect(fixture.dataSource.transaction((manager) => holder.fence(manager, 'fenced', 7))).rejects.toThrow(ProjectionLeaseLostError);
  });
});
