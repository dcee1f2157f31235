import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_SOURCING_OPTIONS, EventSourcingOptions } from '../event-sourcing.options';
import { IdempotentCommands } from '../idempotency/idempotent-commands';
import { ProcessManagerSteps } from '../process-managers/process-manager-steps';
import { PROCESS_MANAGER_METADATA, ProcessManagerHandler, ProcessManagerOptions } from '../process-managers/process-manager.decorator';
import type { EventClass } from '../serialization/event-class';
import { EventRegistry } from '../serialization/event-registry';
import { EventStore } from '../store/event-store';
import { TransactionRunner } from '../store/transaction-runner';
import type { ProjectionStatus } from './projection-checkpoint.entity';
import { ProjectionLease } from './projection-lease';
import { PROJECTION_METADATA, ProjectionHandler, ProjectionOptions } from './projection.decorator';
import type { ProjectionProgress } from './projection-progress';
import { ProjectionLagError, ProjectionRebuildingError } from './read-model-unavailable.error';
import { ProjectionWorker, ProjectionWorkerDeps } from './projection-worker';

function typesOf(options: { events: EventClass[] }): Set<string> {
  return new Set(options.events.map((eventClass) => eventClass.type));
}

const BATCH_SIZE = 500;

/** Process managers run on the projection machinery but are listed, and never rebuilt, apart. */
type WorkerKind = 'projection' | 'process-manager';

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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const deps: ProjectionWorkerDeps = {
      store: this.store,
      registry: this.registry,
      transactions: this.transactions,
      lease: this.lease,
      batchSize: BATCH_SIZE,
      retryDelayMs: (attempt) => Math.min(30_000, 250 * 2 ** (attempt - 1)),
    };
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const projection = this.reflector.get<ProjectionOptions | undefined>(PROJECTION_METADATA, wrapper.metatype);
      const process = this.reflector.get<ProcessManagerOptions | undefined>(PROCESS_MANAGER_METADATA, wrapper.metatype);
      if (projection) this.add(new ProjectionWorker(projection.name, wrapper.instance as ProjectionHandler, typesOf(projection), deps));
      if (process) this.add(this.processManagerWorker(process, wrapper.instance as ProcessManagerHandler, deps), 'process-manager');
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

  /** Every projection with its checkpoint, how far behind the head of the log it is, and its health. */
  states(kind: WorkerKind = 'projection'): Promise<ProjectionState[]> {
    return this.statesOf(this.list().filter((worker) => this.kinds.get(worker.name) === kind));
  }

  private async statesOf(workers: ProjectionProgress[]): Promise<ProjectionState[]> {
    const headPosition = await this.store.headPosition();
    return workers.map(({ name, position, status, lastError, updatedAt }) => ({
      name,
      position,
      headPosition,
      lag: Math.max(0, headPosition - position),
      status,
      lastError,
      updatedAt: updatedAt.toISOString(),
    }));
  }

  /** Starts rebuilding one projection from position 0; resolves once its read model was emptied. */
  rebuild(name: string): Promise<void> {
    if (!this.has(name)) throw new Error(`No projection is named '${name}'`);
    return this.worker(name).rebuild();
  }

  /** Where every projection and process manager stands (read-only values). */
  list(): ProjectionProgress[] {
    return [...this.workers.values()].map((worker) => worker.progress);
  }

  /** Where one projection stands (a read-only value, replaced as it moves: ask again to follow it). */
  progress(name: string): ProjectionProgress {
    return this.worker(name).progress;
  }

  /** Whether a projection (not a process manager, which has nothing to rebuild) has this name. */
  has(name: string): boolean {
    return this.kinds.get(name) === 'projection';
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new Error(`No projection is named '${name}'`);
    return worker;
  }

  /** A process manager runs on the projection machinery, acting before each checkpoint commit. */
  private processManagerWorker(options: ProcessManagerOptions, handler: ProcessManagerHandler, deps: ProjectionWorkerDeps): ProjectionWorker {
    const steps = new ProcessManagerSteps(options.name, handler, this.commandBus, this.idempotent, options.partitionBy);
    return new ProjectionWorker(options.name, steps, typesOf(options), deps);
  }

  private add(worker: ProjectionWorker, kind: WorkerKind = 'projection'): void {
    if (this.workers.has(worker.name)) throw new Error(`Two projections or process managers are named '${worker.name}'`);
    this.workers.set(worker.name, worker);
    this.kinds.set(worker.name, kind);
  }

  private pokeAll(): void {
    for (const worker of this.workers.values()) worker.poke();
  }
}
