import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { validateEnvironment } from '../../src/config/environment';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { envelopeOf, EventRegistry } from '../../src/event-sourcing';
import { fenceCheckpoint } from '../../src/event-sourcing/projections/postgres-projection-lease';
import { ProjectionCheckpoint } from '../../src/event-sourcing/projections/projection-checkpoint.entity';
import { LeaseClaim, ProjectionLease } from '../../src/event-sourcing/projections/projection-lease';
import { ProjectionWorker } from '../../src/event-sourcing/projections/projection-worker';
import { PostgresEventStore } from '../../src/event-sourcing/store/postgres-event-store';
import { postgresPool } from '../../src/event-sourcing/store/store-factories';
import { PooledTransactionRunner } from '../../src/event-sourcing/store/transaction-runner';
import { newEvent } from '../event-store/event-store.contract';
import { describeOn, postgresBackend, TestDatabase } from '../support/store-backends';
import { waitUntil } from '../support/wait-until';

class Tick {
  static readonly type = 'Tick';
  static readonly version = 1;
}

/** Split brain: every instance believes it owns the projection; only the checkpoint fence is real. */
class EveryoneHoldsLease extends ProjectionLease {
  readonly shared = true;
  private held = false;
  refusals = 0;

  async claim(): Promise<LeaseClaim> {
    if (this.held) return 'held';
    this.held = true;
    return 'acquired';
  }

  fence(manager: EntityManager, projection: string, expectedPosition: number): Promise<void> {
    return fenceCheckpoint(manager, projection, expectedPosition);
  }

  forget(): void {
    this.refusals += 1;
    this.held = false;
  }

  async releaseAll(): Promise<void> {}
}

describeOn(postgresBackend, 'Two instances that both believe they own a projection', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await postgresBackend.createDatabase();
    const env = validateEnvironment({ DATABASE_URL: database.url });
    dataSource = await new DataSource({ ...typeOrmOptions(env), entities: [ProjectionCheckpoint] }).initialize();
    await dataSource.query('CREATE TABLE applied (position BIGINT NOT NULL, worker TEXT NOT NULL)');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('still apply each event exactly once: the checkpoint fence rolls the loser back', async () => {
    const store = new PostgresEventStore(postgresPool(dataSource));
    const registry = new EventRegistry();
    registry.register(Tick);
    const leases = [new EveryoneHoldsLease(), new EveryoneHoldsLease()];
    const workers = ['one', 'two'].map(
      (worker, i) =>
        new ProjectionWorker(
          'ticks',
          {
            handle: async (event: object, manager: EntityManager) => {
              await manager.query('INSERT INTO applied (position, worker) VALUES ($1, $2)', [envelopeOf(event).position, worker]);
            },
            reset: async () => undefined,
          },
          new Set([Tick.type]),
          {
            store,
            registry,
            transactions: new PooledTransactionRunner(dataSource),
            lease: leases[i],
            batchSize: 5,
            retryDelayMs: () => 20,
          },
        ),
    );
    for (const worker of workers) await worker.start();
    const poker = setInterval(() => workers.forEach((w) => w.poke()), 2);

    for (let round = 0; round < 30; round++) {
      await Promise.all([1, 2, 3].map(() => store.appendToStream(randomUUID(), 'Clock', [newEvent('Tick'), newEvent('Tick')], 'no-stream')));
    }
    const head = await store.headPosition();
    const checkpoint = async () => Number((await dataSource.query("SELECT position FROM projection_checkpoints WHERE name = 'ticks'"))[0].position);
    await waitUntil(async () => (await checkpoint()) >= head, 'the projection to catch up', 20_000);
    clearInterval(poker);
    await Promise.all(workers.map((w) => w.stop()));

    const [{ events, applied, distinct }] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM events) AS events, count(*)::int AS applied, count(DISTINCT position)::int AS distinct FROM applied`,
    );
    expect(events).toBe(180);
    expect({ applied, distinct }).toEqual({ applied: 180, distinct: 180 });
    // They really did race: the fence turned a writer away.
    expect(leases[0].refusals + leases[1].refusals).toBeGreaterThan(0);
  });
});
