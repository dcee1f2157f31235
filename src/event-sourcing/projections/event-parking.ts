import type { EntityManager } from 'typeorm';
import type { EventRegistry } from '../serialization/event-registry';
import type { EventStore } from '../store/event-store';
import { ParkedEvent } from './parked-event.entity';
import { NothingToParkError, ParkedEventNotFoundError, ParkedPositionMismatchError } from './parking.errors';
import { ProjectionCheckpoint } from './projection-checkpoint.entity';
import type { ProjectionHandler } from './projection.decorator';

export interface EventParkingDeps {
  store: EventStore;
  registry: EventRegistry;
  handler: ProjectionHandler;
  handledTypes: ReadonlySet<string>;
}

/**
 * An operator's way past a poison event, as steps inside one transaction each. A failing
 * projection holds just before the event it cannot apply (its checkpoint is the position before
 * it), so that event is the first one after the checkpoint.
 */
export class EventParking {
  constructor(
    private readonly projection: string,
    private readonly deps: EventParkingDeps,
  ) {}

  /**
   * Records the held event as parked and moves the checkpoint past it.
   * @throws NothingToParkError when the projection is not failing.
   * @throws ParkedPositionMismatchError when `expectedPosition` is not the held event's.
   */
  async parkHeld(manager: EntityManager, expectedPosition?: number): Promise<ParkedEvent> {
    const checkpoint = await this.lockCheckpoint(manager);
    if (checkpoint?.status !== 'failing') throw new NothingToParkError(this.projection);
    const [held] = await this.deps.store.readAll({ after: checkpoint.position, limit: 1 });
    if (!held) throw new NothingToParkError(this.projection);
    if (expectedPosition !== undefined && expectedPosition !== held.position) throw new ParkedPositionMismatchError(this.projection, expectedPosition, held.position);
    const parked: ParkedEvent = { projection: this.projection, position: held.position, type: held.type, error: checkpoint.lastError ?? 'unknown', parkedAt: new Date() };
    await manager.insert(ParkedEvent, parked);
    await manager.update(ProjectionCheckpoint, { name: this.projection }, { position: held.position, status: 'catching-up', lastError: null, updatedAt: new Date() });
    return parked;
  }

  /** Applies a parked event now (out of order, by the operator's choice) and forgets it; a failure leaves it parked. */
  async retry(manager: EntityManager, position: number): Promise<ParkedEvent> {
    const parked = await manager.findOneBy(ParkedEvent, { projection: this.projection, position });
    if (!parked) throw new ParkedEventNotFoundError(this.projection, position);
    const [stored] = await this.deps.store.readAll({ after: position - 1, limit: 1 });
    if (stored?.position === position && this.deps.handledTypes.has(stored.type)) {
      await this.deps.handler.handle(this.deps.registry.deserialize(stored), manager);
    }
    await manager.delete(ParkedEvent, { projection: this.projection, position });
    return parked;
  }

  list(manager: EntityManager): Promise<ParkedEvent[]> {
    return manager.find(ParkedEvent, { where: { projection: this.projection }, order: { position: 'ASC' } });
  }

  /** The checkpoint row, locked on PostgreSQL against the owner's batches (SQLite has one writer). */
  private lockCheckpoint(manager: EntityManager): Promise<ProjectionCheckpoint | null> {
    const postgres = manager.connection.options.type === 'postgres';
    return manager.findOne(ProjectionCheckpoint, { where: { name: this.projection }, ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }
}
