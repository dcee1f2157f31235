import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventClass } from '../serialization/event-class';

export const PROJECTION_METADATA = Symbol('chronicle:projection');

export interface ProjectionOptions {
  /** Stable name: the key of its checkpoint. */
  name: string;
  /** The event classes it handles; others only move its checkpoint. */
  events: EventClass[];
}

/**
 * A read model kept by the projection runner: `handle` gets every listed event once, in global
 * order, inside the transaction that also moves the projection's checkpoint, so the change and
 * the checkpoint commit together. `reset` empties the read model before a rebuild.
 */
export interface ProjectionHandler<E extends object = object> {
  handle(event: E, manager: EntityManager): Promise<void>;
  /**
   * Optional, for speed: all the listed events of one batch, in order, in one call, so that a
   * projection can read and write each row once per batch instead of once per event.
   */
  handleBatch?(events: E[], manager: EntityManager): Promise<void>;
  reset(manager: EntityManager): Promise<void>;
  /**
   * Optional: runs on the listed events of each batch before the transaction that moves the
   * checkpoint, for work that commits on its own (process managers send their commands here).
   */
  beforeCommit?(events: E[]): Promise<void>;
}

/** Marks a provider as a projection, like `@EventsHandler` marks an event handler. */
export function Projection(options: ProjectionOptions): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(PROJECTION_METADATA, options));
}
