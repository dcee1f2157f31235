import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import type { EventClass } from '../serialization/event-class';
import type { ProcessStep } from './process-step';

export const PROCESS_MANAGER_METADATA = Symbol('chronicle:process-manager');

export interface ProcessManagerOptions {
  /** Stable name: the key of its checkpoint, and part of every id it derives for its commands. */
  name: string;
  /** The event classes it reacts to; others only move its checkpoint. */
  events: EventClass[];
  /**
   * Optional, for throughput: the flow an event belongs to (a transfer's id). Events of one flow
   * are handled in global order, one at a time; events of different flows in one batch are handled
   * side by side, so their commands share commits. Without it, every event waits for the one before.
   */
  partitionBy?: (event: object) => string;
}

/**
 * A durable reaction: `handle` gets every listed event in global order, at least once, and turns
 * it into commands sent through `process.send(step, …)`. Each command's id derives from the event
 * and the step, so a replay after a crash sends the same command again, and the command side
 * answers it without acting twice. The handler must not write anything but those commands.
 */
export interface ProcessManagerHandler<E extends object = object> {
  handle(event: E, process: ProcessStep): Promise<void>;
}

/** Marks a provider as a process manager, driven by the projection runner like a `@Projection`. */
export function ProcessManager(options: ProcessManagerOptions): ClassDecorator {
  return applyDecorators(Injectable(), SetMetadata(PROCESS_MANAGER_METADATA, options));
}
