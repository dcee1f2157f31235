import { DataSource, EntityManager } from 'typeorm';
import { validateEnvironment } from '../../src/config/environment';
import { typeOrmOptions } from '../../src/database/typeorm-options';
import { envelopeOf, EventRegistry } from '../../src/event-sourcing';
import { ProjectionCheckpoint } from '../../src/event-sourcing/projections/projection-checkpoint.entity';
import { ProjectionWorker } from '../../src/event-sourcing/projections/projection-worker';
import { SqliteWriteLock } from '../../src/event-sourcing/store/sqlite-write-lock';
import { createEventStore } from '../../src/event-sourcing/store/store-factories';
import { SqliteTransactionRunner } from '../../src/event-sourcing/store/transaction-runner';
import { newEvent } from '../event-store/event-store.contract';
import { tempSqliteUrl } from '../support/temp-database';
import { waitUntil } from '../support/wait-until';

class Tick {
  static readonly type = 'Tick';
  static readonly version = 1;
}

const EVENTS = 50;
const BATCH_SIZE = 10;

describe('A rebuild asked for while a projection catches up', () => {
  const database = tempSqliteUrl();
  let dataSource: DataSource;

  beforeAll(async () => {
    const env = validateEnvironment({ DATABASE_URL: database.url, SQLITE_SYNCHRONOUS: 'NORMAL' });
    dataSource = await new DataSource({ ...typeOrmOptions(env), entities: [ProjectionCheckpoint] }).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    database.cleanup();
  });

  it('stops the catch-up after its current batch instead of replaying the whole log twice', async () => {
    const lock = new SqliteWriteLock();
    const store = createEventStore(dataSource, lock);
    const registry = new EventRegistry();
    registry.register(Tick);
    await store.appendToStream('clock', 'Clock', Array.from({ length: EVENTS }, () => newEvent('Tick')), 'no-stream');

    // The first event the catch-up applies waits here until the rebuild has been asked for.
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let entered = false;
    const applied: { position: number; afterReset: boolean }[] = [];
    let resets = 0;
    const worker = new ProjectionWorker(
      'ticks',
      {
        handle: async (event: object) => {
          if (!entered) {
            entered = true;
            await gate;
          }
          applied.push({ position: envelopeOf(event).position, afterReset: resets > 0 });
        },
        reset: async (_manager: EntityManager) => {
          resets += 1;
        },
      },
      new Set([Tick.type]),
      { store, registry, transactions: new SqliteTransactionRunner(dataSource, lock), batchSize: BATCH_SIZE, retryDelayMs: () => 20 },
    );
    await worker.start();
    await waitUntil(async () => entered, 'the catch-up to reach its first event');

    const rebuilt = worker.rebuild();
    openGate();
    await rebuilt;
    await waitUntil(async () => worker.progress.position === EVENTS && worker.progress.status === 'running', 'the rebuild to finish');
    await worker.stop();

    expect(resets).toBe(1);
    expect(applied.filter((a) => !a.afterReset).length).toBeLessThanOrEqual(BATCH_SIZE);
    const replayed = applied.filter((a) => a.afterReset).map((a) => a.position);
    expect(replayed).toEqual(Array.from({ length: EVENTS }, (_, i) => i + 1));
  });
});
