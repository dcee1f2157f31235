import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { DrainOnPoke } from '../following/drain-on-poke';
import type { StoredEvent } from '../store/stored-event';
import { describeEventFailure } from '../store/database-errors';
import { ProjectionCheckpoint, ProjectionStatus } from './projection-checkpoint.entity';
import type { ProjectionHandler } from './projection.decorator';
import { LeaseClaim, ProjectionLease, ProjectionLeaseLostError, SingleProcessLease } from './projection-lease';
import type { ProjectionWorkerDeps } from './projection-worker-deps';
import { ProjectionProgress, projectionProgress } from './projection-progress';
import { waitForProgress } from './wait-for-progress';
import { transition, WorkerPhase } from './worker-phase';

/**
 * Drives one projection: reads the log after its checkpoint and applies each batch in one
 * transaction with the new checkpoint (drains never overlap, see DrainOnPoke). A failing event
 * stops the projection there until a retry succeeds. Its phase is a small state machine
 * (worker-phase.ts); what it reports is one read-only `progress` value.
 */
export class ProjectionWorker {
  private current: ProjectionProgress;
  private phase: WorkerPhase = { name: 'following' };
  private failures = 0;
  private readonly moved = new EventEmitter();
  private readonly logger: Logger;
  private readonly lease: ProjectionLease;
  private readonly drains = new DrainOnPoke(
    () => this.drain(),
    () => this.phase.name === 'following',
    // A database error outside a batch (the store unreachable) ends this run; the next poke retries.
    (error) => this.logger.warn(`could not follow the log: ${error instanceof Error ? error.message : String(error)}`),
  );

  constructor(
    readonly name: string,
    private readonly handler: ProjectionHandler,
    private readonly handledTypes: ReadonlySet<string>,
    private readonly deps: ProjectionWorkerDeps,
  ) {
    this.logger = new Logger(`Projection ${name}`);
    this.lease = deps.lease ?? new SingleProcessLease();
    this.current = projectionProgress({ name, position: 0, status: 'catching-up', lastError: null, updatedAt: new Date() });
    this.moved.setMaxListeners(0);
  }

  /** Where the projection stands, as a read-only value. */
  get progress(): ProjectionProgress {
    return this.current;
  }

  /** Reads (or creates) the checkpoint, then catches up in the background. */
  async start(): Promise<void> {
    const checkpoint = await this.deps.transactions.run(async (manager) => {
      const initial = { name: this.name, position: 0, status: 'catching-up' as const, lastError: null, updatedAt: new Date() };
      await manager.createQueryBuilder().insert().into(ProjectionCheckpoint).values(initial).orIgnore().execute();
      return manager.findOneByOrFail(ProjectionCheckpoint, { name: this.name });
    });
    this.resumeFrom(checkpoint.position, checkpoint.status);
    this.poke();
  }

  /** Something was appended: look for new events (now, or after the current run). */
  poke(): void {
    this.drains.poke();
  }

  /** Empties the read model and replays the whole log into it. */
  async rebuild(): Promise<void> {
    await this.whilePaused(async () => {
      // The checkpoint row first, as the owner's batches lock them (fence, then rows): no deadlock.
      await this.deps.transactions.run(async (manager) => {
        await this.saveCheckpoint(manager, 0, 'rebuilding', null);
        await this.handler.reset(manager);
      });
      this.resumeFrom(0, 'rebuilding');
    });
  }

  /** Runs `work` with no batch in flight or starting (a rebuild, an operator parking an event), then follows the log again. */
  async whilePaused<T>(work: () => Promise<T>): Promise<T> {
    this.moveTo({ name: 'pausing' });
    try {
      await this.drains.idle();
      return await work();
    } finally {
      if (this.phase.name === 'pausing') this.moveTo({ name: 'following' });
      this.poke();
    }
  }

  /** Catches up from the checkpoint row as it now is (an operator moved it), with a fresh retry count. */
  async reloadCheckpoint(): Promise<void> {
    this.failures = 0;
    this.resumeFrom((await this.readCheckpoint()).position, 'catching-up');
  }

  /** Resolves true once the checkpoint is at or past `position`, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const reached = () => this.current.position >= position && this.current.status !== 'rebuilding';
    return waitForProgress(reached, this.moved, timeoutMs, this.lease.shared ? () => this.poke() : null);
  }

  async stop(): Promise<void> {
    this.moveTo({ name: 'stopped' });
    await this.drains.idle();
  }

  private async drain(): Promise<void> {
    const claim = await this.lease.claim(this.name);
    if (claim === 'elsewhere') return this.mirrorHolder();
    if (this.lease.shared) await this.reloadIfMoved(claim);
    let range: StoredEvent[];
    while (this.advancing() && (range = await this.readRange()).length > 0) {
      if (!(await this.applyBatch(range))) return;
      await yieldToEventLoop();
    }
    if (this.advancing() && this.current.status !== 'failing') await this.caughtUp();
  }

  /** The events after the checkpoint, a batch at a time while the log has more, up to `rangeSize`. */
  private async readRange(): Promise<StoredEvent[]> {
    const { store, batchSize, rangeSize = batchSize } = this.deps;
    const range: StoredEvent[] = [];
    for (;;) {
      const batch = await store.readAll({ after: range.at(-1)?.position ?? this.current.position, limit: batchSize });
      for (const event of batch) range.push(event);
      if (batch.length < batchSize || range.length >= rangeSize || !this.advancing()) return range;
      // better-sqlite3 answers synchronously, so without this a long catch-up would run as one
      // chain of microtasks and starve HTTP requests until it ends.
      await yieldToEventLoop();
    }
  }

  /** Not once stopped, nor once a rebuild waits: it would sit through the whole catch-up only to replay it all again. */
  private advancing(): boolean {
    return this.phase.name === 'following';
  }

  /** Applies a batch (or a range) in one transaction; on failure, in smaller parts. */
  private async applyBatch(batch: StoredEvent[]): Promise<boolean> {
    try {
      await (this.deps.activity?.batch(batch, this.current.position, () => this.applyInTransaction(batch)) ?? this.applyInTransaction(batch));
      return true;
    } catch (error) {
      if (error instanceof ProjectionLeaseLostError) return this.leaseLost(error);
      if (batch.length > 1) {
        // A range splits into batches, a batch into single events, to find and hold the bad one.
        const size = batch.length > this.deps.batchSize ? this.deps.batchSize : 1;
        for (let i = 0; i < batch.length; i += size) if (!(await this.applyBatch(batch.slice(i, i + size)))) return false;
        return true;
      }
      await this.fail(batch[0], error);
      return false;
    }
  }

  private async applyInTransaction(batch: StoredEvent[]): Promise<void> {
    const last = batch[batch.length - 1].position;
    const status = this.current.status === 'failing' ? 'running' : this.current.status;
    const events = batch.filter((stored) => this.handledTypes.has(stored.type)).map((stored) => this.deps.registry.deserialize(stored));
    await this.handler.beforeCommit?.(events);
    await this.deps.transactions.run(async (manager) => {
      await this.lease.fence(manager, this.name, this.current.position);
      if (this.handler.handleBatch) await this.handler.handleBatch(events, manager);
      else for (const event of events) await this.handler.handle(event, manager);
      await this.saveCheckpoint(manager, last, status, null);
    });
    this.failures = 0;
    this.report({ position: last, status, lastError: null });
  }

  private async fail(event: StoredEvent, error: unknown): Promise<void> {
    this.failures += 1;
    this.deps.activity?.failed(event.position);
    this.deps.storageFaults?.record(error);
    const { message, detail } = describeEventFailure(event, error);
    this.logger.error(`failed (attempt ${this.failures}), holding at ${this.current.position}: ${detail}`);
    this.report({ status: 'failing', lastError: message });
    await this.deps.transactions
      .run((manager) => this.saveCheckpoint(manager, this.current.position, 'failing', message))
      .catch((saveError) => this.logger.error(`could not record the failure: ${saveError}`));
    // Stopping needs no retry, nor does a rebuild, which replays this event anyway.
    if (this.phase.name !== 'following') return;
    const retry = () => {
      this.moveTo({ name: 'following' });
      this.poke();
    };
    this.moveTo({ name: 'waiting-to-retry', timer: setTimeout(retry, this.deps.retryDelayMs(this.failures)) });
  }

  private saveCheckpoint(manager: EntityManager, position: number, status: ProjectionStatus, lastError: string | null): Promise<unknown> {
    return manager.update(ProjectionCheckpoint, { name: this.name }, { position, status, lastError, updatedAt: new Date() });
  }

  private moveTo(phase: WorkerPhase): void {
    this.phase = transition(this.phase, phase);
  }

  /** The one place the progress changes: a new frozen value, and waiters look again. */
  private report(change: Partial<Pick<ProjectionProgress, 'position' | 'status' | 'lastError'>>): void {
    this.deps.activity?.reported(this.current, change);
    this.current = projectionProgress({ ...this.current, ...change, updatedAt: new Date() });
    this.moved.emit('moved');
  }

  /** After a (re)load of the checkpoint: a rebuild in progress goes on, anything else catches up. */
  private resumeFrom(position: number, status: ProjectionStatus): void {
    this.report({ position, status: status === 'rebuilding' ? 'rebuilding' : 'catching-up', lastError: null });
  }

  // --- Several instances (see projection-lease.ts): the checkpoint row is the truth ---

  /** Another instance advances it: mirror its row, which `waitFor` (read-your-writes) compares against. */
  private async mirrorHolder(): Promise<void> {
    this.drains.forgetPokes(); // pokes from this process's appends are the holder's to act on
    const row = await this.readCheckpoint();
    this.report({ position: row.position, status: row.status, lastError: row.lastError });
  }

  /** The holder reloads the row when it has just taken over, or when someone moved it (a rebuild elsewhere). */
  private async reloadIfMoved(claim: LeaseClaim): Promise<void> {
    const row = await this.readCheckpoint();
    if (claim === 'acquired' || row.position !== this.current.position) this.resumeFrom(row.position, row.status);
  }

  private readCheckpoint(): Promise<ProjectionCheckpoint> {
    return this.deps.transactions.run((manager) => manager.findOneByOrFail(ProjectionCheckpoint, { name: this.name }));
  }

  private leaseLost(error: ProjectionLeaseLostError): boolean {
    this.logger.warn(error.message);
    this.lease.forget(this.name);
    return false;
  }

  /**
   * Other instances mirror this row, so the holder records that it caught up; otherwise they would
   * go on reporting 'rebuilding' until the next event. Only if the checkpoint is still its own.
   */
  private async caughtUp(): Promise<void> {
    const was = this.current.status;
    this.report({ status: 'running', lastError: null });
    if (!this.lease.shared || was === 'running') return;
    await this.deps.transactions.run((manager) =>
      manager.update(ProjectionCheckpoint, { name: this.name, position: this.current.position }, { status: 'running', lastError: null, updatedAt: new Date() }),
    );
  }
}
