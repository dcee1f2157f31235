import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_SOURCING_OPTIONS, EventSourcingOptions } from '../event-sourcing.options';
import { IdempotentCommands } from '../idempotency/idempotent-commands';
import { ProcessManagerSteps } from '../process-managers/process-manager-steps';
import { PROCESS_MANAGER_METADATA, ProcessManagerHandler, ProcessManagerOptions } from '../process-managers/process-manager.decorator';
import type { EventClass } from '../serialization/event-class';
import { EventRegistry } from '../serialization/event-registry';
import { isWriteConflict } from '../store/database-errors';
import { EventStore } from '../store/event-store';
import { StorageFaults } from '../store/storage-faults';
import { TransactionRunner } from '../store/transaction-runner';
import type { ProjectionStatus } from './projection-checkpoint.entity';
import { ProjectionLease } from './projection-lease';
import { PROJECTION_METADATA, ProjectionHandler, ProjectionOptions } from './projection.decorator';
import type { ProjectionProgress } from './projection-progress';
import { ProjectionLagError, ProjectionRebuildingError } from './read-model-unavailable.error';
import { EventParking } from './event-parking';
import type { ParkedEvent } from './parked-event.entity';
import { parkHeldEvent, retryParkedEvent } from './projection-parking';
import { ProjectionActivity } from './projection-activity';
import { ProjectionWorker } from './projection-worker';

const BATCH_SIZE = 500;
// Events applied in one transaction when catching up or rebuilding: each row is then written once
// per range rather than once per batch (an interleaved rebuild wrote every row every batch). It bounds
// the memory held: the range's events and at most one row per event.
const RANGE_SIZE = 2_000;
const REBUILD_ATTEMPTS = 3;

/** Process managers run on the projection machinery but are listed apart, and never rebuilt nor parked. */
type WorkerKind = 'projection' | 'process-manager';

function typesOf(options: { events: EventClass[] }): Set<string> {
  return new Set(options.events.map((eventClass) => eventClass.type));
}

export interface ProjectionState {
  name: string;
  position: number;
  headPosition: number;
  lag: number;
  status: ProjectionStatus;
  lastError: string | null;
  updatedAt: string;
}
// Picks up events appended by other processes; this process's own appends poke at once.
const POLL_INTERVAL_MS = 1000;

/**
 * Finds every `@Projection` and `@ProcessManager` provider and keeps each one following the log
 * from its checkpoint.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly kinds = new Map<string, WorkerKind>();
  private readonly parkings = new Map<string, EventParking>();
  private unsubscribe: (() => void) | null = null;
  private poller: NodeJS.Timeout | null = null;

  constructor(
    private readonly commandBus: CommandBus,
    private readonly idempotent: IdempotentCommands,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
    private readonly transactions: TransactionRunner,
    @Inject(EVENT_SOURCING_OPTIONS) private readonly options: EventSourcingOptions,
    private readonly lease: ProjectionLease,
    private readonly storageFaults: StorageFaults,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const { metatype, instance } of this.discovery.getProviders()) {
      if (!metatype || !instance) continue;
      const projection = this.reflector.get<ProjectionOptions | undefined>(PROJECTION_METADATA, metatype);
      const process = this.reflector.get<ProcessManagerOptions | undefined>(PROCESS_MANAGER_METADATA, metatype);
      if (projection) this.addProjection(projection, instance as ProjectionHandler);
      if (process) this.addProcessManager(process, instance as ProcessManagerHandler);
    }
    if (!this.options.runProjections) {
      this.logger.warn('RUN_PROJECTIONS=false: this instance does not advance projections');
      return;
    }
    for (const worker of this.workers.values()) await worker.start();
    this.unsubscribe = this.store.onAppended(() => this.pokeAll());
    this.poller = setInterval(() => this.pokeAll(), POLL_INTERVAL_MS).unref();
    this.logger.log(`following the log: ${[...this.workers.keys()].join(', ') || 'no projections'}`);
  }

  private createWorker(name: string, handler: ProjectionHandler, handledTypes: ReadonlySet<string>): ProjectionWorker {
    return new ProjectionWorker(name, handler, handledTypes, {
      store: this.store,
      registry: this.registry,
      transactions: this.transactions,
      lease: this.lease,
      storageFaults: this.storageFaults,
      batchSize: BATCH_SIZE,
      // Not for a process manager: its commands commit on their own before each transaction, a batch at a time.
      rangeSize: handler.beforeCommit ? BATCH_SIZE : RANGE_SIZE,
      retryDelayMs: (attempt) => Math.min(30_000, 250 * 2 ** (attempt - 1)),
      activity: new ProjectionActivity(name, handledTypes, this.options.observer),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    if (this.poller) clearInterval(this.poller);
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    await this.lease.releaseAll();
  }

  /**
   * Called by a query before it reads the read models of `names`. With `minPosition` (read your
   * writes), waits until every one has applied the log up to it, at most READ_WAIT_TIMEOUT_MS.
   * @throws ProjectionLagError when that takes too long.
   * @throws ProjectionRebuildingError when one is being rebuilt and its rows are incomplete.
   */
  async ensureReadable(names: string[], minPosition?: number): Promise<void> {
    if (minPosition === undefined) {
      const rebuilding = names.find((name) => this.progress(name).status === 'rebuilding');
      if (rebuilding) throw new ProjectionRebuildingError(rebuilding);
      return;
    }
    const timeoutMs = this.options.readWaitTimeoutMs;
    const reached = await Promise.all(names.map((name) => this.worker(name).waitFor(minPosition, timeoutMs)));
    if (!reached.every(Boolean)) throw new ProjectionLagError(names, minPosition, timeoutMs);
  }

  /** Every projection (or process manager) with its checkpoint, how far behind the head of the log it is, and its health. */
  async states(kind: WorkerKind = 'projection'): Promise<ProjectionState[]> {
    const headPosition = await this.store.headPosition();
    return this.list(kind).map(({ name, position, status, lastError, updatedAt }) => ({
      name,
      position,
      headPosition,
      lag: Math.max(0, headPosition - position),
      status,
      lastError,
      updatedAt: updatedAt.toISOString(),
    }));
  }

  /**
   * Starts rebuilding one projection from position 0; resolves once its read model was emptied.
   * A write conflict with another instance's batch is retried a few times, then thrown (a 409).
   */
  async rebuild(name: string): Promise<void> {
    if (!this.has(name)) throw new Error(`No projection is named '${name}'`);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.worker(name).rebuild();
      } catch (error) {
        if (!isWriteConflict(error) || attempt >= REBUILD_ATTEMPTS) throw error;
        this.logger.warn(`rebuild of ${name} met a concurrent write (attempt ${attempt}); trying again`);
      }
    }
  }

  /** See `parkHeldEvent`: parks the event `name` is failing on and moves past it. */
  park(name: string, expectedPosition?: number): Promise<ParkedEvent> {
    return parkHeldEvent(this.worker(name), this.parkings.get(name)!, this.transactions, expectedPosition);
  }

  /** See `retryParkedEvent`. */
  retryParked(name: string, position: number): Promise<ParkedEvent> {
    return retryParkedEvent(this.worker(name), this.parkings.get(name)!, this.transactions, position);
  }

  parkedEvents(name: string): Promise<ParkedEvent[]> {
    this.worker(name);
    return this.transactions.run((manager) => this.parkings.get(name)!.list(manager));
  }

  /** Where every projection and process manager (or those of one kind) stands (read-only values). */
  list(kind?: WorkerKind): ProjectionProgress[] {
    return [...this.workers.values()].filter((worker) => !kind || this.kinds.get(worker.name) === kind).map((worker) => worker.progress);
  }

  /** Where one projection stands (a read-only value, replaced as it moves: ask again to follow it). */
  progress(name: string): ProjectionProgress {
    return this.worker(name).progress;
  }

  /** Whether a projection has this name (a process manager has nothing to rebuild or park). */
  has(name: string): boolean {
    return this.kinds.get(name) === 'projection';
  }

  private addProjection(options: ProjectionOptions, handler: ProjectionHandler): void {
    const handledTypes = typesOf(options);
    this.add(options.name, 'projection', this.createWorker(options.name, handler, handledTypes));
    this.parkings.set(options.name, new EventParking(options.name, { store: this.store, registry: this.registry, handler, handledTypes }));
  }

  /** A process manager has no read model; it acts before each checkpoint commit (ProcessManagerSteps). */
  private addProcessManager(options: ProcessManagerOptions, handler: ProcessManagerHandler): void {
    const steps = new ProcessManagerSteps(options.name, handler, this.commandBus, this.idempotent, options.partitionBy);
    this.add(options.name, 'process-manager', this.createWorker(options.name, steps, typesOf(options)));
  }

  private add(name: string, kind: WorkerKind, worker: ProjectionWorker): void {
    if (this.workers.has(name)) throw new Error(`Two projections or process managers are named '${name}'`);
    this.workers.set(name, worker);
    this.kinds.set(name, kind);
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new Error(`No projection is named '${name}'`);
    return worker;
  }

  private pokeAll(): void {
    for (const worker of this.workers.values()) worker.poke();
  }
}
