import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { EventSourcingObserver, NOOP_OBSERVER } from '../observability/event-sourcing-observer';
import type { EventRegistry } from '../serialization/event-registry';
import type { EventStore } from '../store/event-store';
import type { StoredEvent } from '../store/stored-event';
import type { TransactionRunner } from '../store/transaction-runner';
import { ProjectionActivity } from './projection-activity';
import { ProjectionCheckpoint, ProjectionStatus } from './projection-checkpoint.entity';
import type { ProjectionHandler } from './projection.decorator';
import { ProjectionLease, ProjectionLeaseLostError } from './projection-lease';

// How often a reader waiting on an instance that does not own the projection re-reads its checkpoint.
const FOLLOW_INTERVAL_MS = 100;

export interface ProjectionWorkerDeps {
  store: EventStore;
  registry: EventRegistry;
  transactions: TransactionRunner;
  /** Several instances: only the holder advances the projection (absent: always this process). */
  lease?: ProjectionLease;
  batchSize: number;
  /** Delay before retrying a failing event, by attempt number. */
  retryDelayMs: (attempt: number) => number;
  observer?: EventSourcingObserver;
}

/**
 * Drives one projection: reads the log after its checkpoint and applies each batch in one
 * transaction with the new checkpoint. Runs are never concurrent; a poke during a run makes it
 * look again when it ends. A failing event stops the projection there until a retry succeeds.
 */
export class ProjectionWorker {
  position = 0;
  status: ProjectionStatus = 'catching-up';
  lastError: string | null = null;
  updatedAt = new Date();

  private readonly advanced = new EventEmitter();
  private readonly logger: Logger;
  private readonly activity: ProjectionActivity;
  private run: Promise<void> | null = null;
  private lookAgain = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;
  private paused = false;

  constructor(
    readonly name: string,
    private readonly handler: ProjectionHandler,
    private readonly handledTypes: ReadonlySet<string>,
    private readonly deps: ProjectionWorkerDeps,
  ) {
    this.logger = new Logger(`Projection ${name}`);
    this.activity = new ProjectionActivity(name, deps.observer ?? NOOP_OBSERVER);
    this.advanced.setMaxListeners(0);
  }

  /** Reads (or creates) the checkpoint, then catches up in the background. */
  async start(): Promise<void> {
    const checkpoint = await this.deps.transactions.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ProjectionCheckpoint)
        .values({ name: this.name, position: 0, status: 'catching-up', lastError: null, updatedAt: new Date() })
        .orIgnore()
        .execute();
      return manager.findOneByOrFail(ProjectionCheckpoint, { name: this.name });
    });
    this.position = checkpoint.position;
    this.status = checkpoint.status === 'rebuilding' ? 'rebuilding' : 'catching-up';
    this.poke();
  }

  /** Something was appended: look for new events (now, or after the current run). */
  poke(): void {
    if (this.stopped || this.paused || this.retryTimer) return;
    if (this.run) {
      this.lookAgain = true;
      return;
    }
    // A database error outside a batch (the store unreachable) ends this run; the next poke retries.
    this.run = this.drain()
      .catch((error: unknown) => this.logger.warn(`could not follow the log: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.run = null;
        if (this.lookAgain) this.poke();
      });
  }

  /** Empties the read model and replays the whole log into it. */
  async rebuild(): Promise<void> {
    this.paused = true;
    try {
      this.clearRetry();
      await this.idle();
      await this.deps.transactions.run(async (manager) => {
        await this.handler.reset(manager);
        await this.saveCheckpoint(manager, 0, 'rebuilding', null);
      });
      this.position = 0;
      this.activity.rebuildStarted();
      this.setStatus('rebuilding', null);
    } finally {
      this.paused = false;
    }
    this.poke();
  }

  /** Resolves true once the checkpoint is at or past `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= position && this.status !== 'rebuilding') return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (this.position < position || this.status === 'rebuilding') return;
        finish(true);
      };
      const finish = (reached: boolean) => {
        clearTimeout(timer);
        if (follow) clearInterval(follow);
        this.advanced.off('advanced', check);
        resolve(reached);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      // Another instance may be advancing it: look at its checkpoint row until it gets there.
      const follow = this.deps.lease?.shared ? setInterval(() => this.poke(), FOLLOW_INTERVAL_MS) : null;
      this.advanced.on('advanced', check);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearRetry();
    await this.idle();
  }

  private async idle(): Promise<void> {
    while (this.run) await this.run;
  }

  private async drain(): Promise<void> {
    if (!(await this.holdsLease())) return;
    do {
      this.lookAgain = false;
      let batch: StoredEvent[];
      while (this.advancing() && (batch = await this.deps.store.readAll({ after: this.position, limit: this.deps.batchSize })).length > 0) {
        if (!(await this.applyBatch(batch))) return;
        // better-sqlite3 answers synchronously, so without this a long catch-up would run as one
        // chain of microtasks and starve HTTP requests until it ends.
        await yieldToEventLoop();
      }
    } while (this.lookAgain && this.advancing());
    if (this.status !== 'failing' && !this.paused) await this.caughtUp();
  }

  /**
   * Whether a run should go on: not once stopped, nor once a rebuild waits for it, which would
   * otherwise sit through the whole catch-up (a far-behind projection: the whole log) only to
   * empty the read model and replay it all again.
   */
  private advancing(): boolean {
    return !this.stopped && !this.paused;
  }

  /** Applies a batch in one transaction; on failure, event by event to find and hold the bad one. */
  private async applyBatch(batch: StoredEvent[]): Promise<boolean> {
    try {
      await this.applyInTransaction(batch);
      return true;
    } catch (error) {
      if (error instanceof ProjectionLeaseLostError) return this.leaseLost(error);
      if (batch.length > 1) {
        for (const event of batch) if (!(await this.applyBatch([event]))) return false;
        return true;
      }
      await this.fail(batch[0], error);
      return false;
    }
  }

  private async applyInTransaction(batch: StoredEvent[]): Promise<void> {
    const last = batch[batch.length - 1].position;
    const status = this.status === 'failing' ? 'running' : this.status;
    const events = batch.filter((stored) => this.handledTypes.has(stored.type)).map((stored) => this.deps.registry.deserialize(stored));
    await this.activity.batch(batch, this.position, async () => {
      await this.deps.transactions.run(async (manager) => {
        await this.deps.lease?.fence(manager, this.name, this.position);
        if (this.handler.handleBatch) await this.handler.handleBatch(events, manager);
        else for (const event of events) await this.handler.handle(event, manager);
        await this.saveCheckpoint(manager, last, status, null);
      });
      return events.length;
    });
    this.failures = 0;
    this.position = last;
    this.setStatus(status, null);
  }

  private async fail(event: StoredEvent, error: unknown): Promise<void> {
    this.failures += 1;
    this.activity.failed(event.position);
    const message = `${event.type} at position ${event.position}: ${error instanceof Error ? error.message : String(error)}`;
    this.logger.error(`failed (attempt ${this.failures}), holding at ${this.position}: ${message}`);
    this.setStatus('failing', message);
    await this.deps.transactions
      .run((manager) => this.saveCheckpoint(manager, this.position, 'failing', message))
      .catch((saveError) => this.logger.error(`could not record the failure: ${saveError}`));
    if (this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.poke();
    }, this.deps.retryDelayMs(this.failures));
  }

  private async saveCheckpoint(manager: EntityManager, position: number, status: ProjectionStatus, lastError: string | null): Promise<void> {
    await manager.update(ProjectionCheckpoint, { name: this.name }, { position, status, lastError, updatedAt: new Date() });
  }

  private setStatus(status: ProjectionStatus, lastError: string | null): void {
    this.activity.statusChanged(this.status, status, this.position, lastError);
    this.status = status;
    this.lastError = lastError;
    this.updatedAt = new Date();
    this.advanced.emit('advanced');
  }

  // --- Several instances (see projection-lease.ts) ---

  /**
   * Whether this instance may advance the projection now. With several instances the checkpoint
   * row is the truth: a non-holder mirrors it (what `waitFor`, read-your-writes, compares
   * against); the holder reloads it when it has just taken over or when someone moved it (a
   * rebuild started on another instance).
   */
  private async holdsLease(): Promise<boolean> {
    const lease = this.deps.lease;
    if (!lease?.shared) return true;
    const claim = await lease.claim(this.name);
    const row = await this.deps.transactions.run((manager) => manager.findOneByOrFail(ProjectionCheckpoint, { name: this.name }));
    if (claim === 'elsewhere') {
      this.position = row.position;
      this.lookAgain = false; // pokes from this process's appends are the holder's to act on
      this.setStatus(row.status, row.lastError);
      return false;
    }
    if (claim === 'acquired' || row.position !== this.position) {
      this.position = row.position;
      this.status = row.status === 'rebuilding' ? 'rebuilding' : 'catching-up';
    }
    return true;
  }

  private leaseLost(error: ProjectionLeaseLostError): boolean {
    this.logger.warn(error.message);
    this.deps.lease?.forget(this.name);
    return false;
  }

  /**
   * Other instances mirror this row, so the holder records that it caught up; otherwise they would
   * go on reporting 'rebuilding' until the next event. Only if the checkpoint is still its own.
   */
  private async caughtUp(): Promise<void> {
    const was = this.status;
    this.setStatus('running', null);
    if (!this.deps.lease?.shared || was === 'running') return;
    await this.deps.transactions.run((manager) =>
      manager.update(ProjectionCheckpoint, { name: this.name, position: this.position }, { status: 'running', lastError: null, updatedAt: new Date() }),
    );
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
