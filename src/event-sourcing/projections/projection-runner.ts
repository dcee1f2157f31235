import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { Environment } from '../../config/environment';
import { EventRegistry } from '../serialization/event-registry';
import { EventStore } from '../store/event-store';
import { TransactionRunner } from '../store/transaction-runner';
import { PROJECTION_METADATA, ProjectionHandler, ProjectionOptions } from './projection.decorator';
import { ProjectionLagError } from './projection-lag.error';
import { ProjectionWorker } from './projection-worker';

const BATCH_SIZE = 500;
// Picks up events appended by other processes; this process's own appends poke at once.
const POLL_INTERVAL_MS = 1000;

/** Finds every `@Projection` provider and keeps each one following the log from its checkpoint. */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly workers = new Map<string, ProjectionWorker>();
  private unsubscribe: (() => void) | null = null;
  private poller: NodeJS.Timeout | null = null;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
    private readonly transactions: TransactionRunner,
    private readonly env: Environment,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const options = wrapper.metatype && this.reflector.get<ProjectionOptions>(PROJECTION_METADATA, wrapper.metatype);
      if (!options || !wrapper.instance) continue;
      if (this.workers.has(options.name)) throw new Error(`Two projections are named '${options.name}'`);
      const types = new Set(options.events.map((eventClass) => eventClass.type));
      this.workers.set(
        options.name,
        new ProjectionWorker(options.name, wrapper.instance as ProjectionHandler, types, {
          store: this.store,
          registry: this.registry,
          transactions: this.transactions,
          batchSize: BATCH_SIZE,
          retryDelayMs: (attempt) => Math.min(30_000, 250 * 2 ** (attempt - 1)),
        }),
      );
    }
    if (this.env.RUN_PROJECTIONS === 'false') {
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
  }

  /**
   * Read-your-writes: resolves once every named projection has applied the log up to `position`.
   * @throws ProjectionLagError when that takes longer than `timeoutMs`.
   */
  async waitFor(names: string[], position: number, timeoutMs: number): Promise<void> {
    const reached = await Promise.all(names.map((name) => this.worker(name).waitFor(position, timeoutMs)));
    if (!reached.every(Boolean)) throw new ProjectionLagError(names, position, timeoutMs);
  }

  list(): ProjectionWorker[] {
    return [...this.workers.values()];
  }

  worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new Error(`No projection is named '${name}'`);
    return worker;
  }

  private pokeAll(): void {
    for (const worker of this.workers.values()) worker.poke();
  }
}
