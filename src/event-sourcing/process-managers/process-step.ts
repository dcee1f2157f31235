import type { Command, CommandBus } from '@nestjs/cqrs';
import type { EventEnvelope } from '../metadata/event-envelope';
import type { CommandContext } from '../metadata/event-metadata';
import { deterministicId } from './deterministic-id';

/**
 * What a process manager's handler is given with each event: the way to send commands whose ids
 * derive from (process manager, event, step), so that the same step of the same event is always
 * the same command, however often it is replayed.
 */
export class ProcessStep {
  private readonly steps = new Set<string>();

  constructor(
    private readonly commandBus: CommandBus,
    readonly processName: string,
    /** The envelope of the event being handled. */
    readonly cause: EventEnvelope,
  ) {}

  /**
   * The context of the command sent as `step`: a deterministic command id, the event's
   * correlation id carried over, and the event's id as the causation id of what it records.
   */
  context(step: string): CommandContext {
    const { eventId, correlationId } = this.cause.metadata;
    return { commandId: deterministicId(this.processName, eventId, step), correlationId, causationId: eventId };
  }

  /** Sends the command `make` builds with `context(step)` on the CommandBus and answers its result. */
  send<R>(step: string, make: (context: CommandContext) => Command<R>): Promise<R> {
    if (this.steps.has(step)) throw new Error(`${this.processName} sent step '${step}' twice for one event: each step needs its own name`);
    this.steps.add(step);
    return this.commandBus.execute(make(this.context(step)));
  }
}
