import type { Command, CommandBus } from '@nestjs/cqrs';
import { AggregateNotFoundError, BusinessRuleError } from '../aggregates/aggregate.errors';
import type { IdempotentCommands } from '../idempotency/idempotent-commands';
import type { IdempotencyClaim, RecordedAnswer } from '../idempotency/processed-command';
import type { EventEnvelope } from '../metadata/event-envelope';
import type { CommandContext } from '../metadata/event-metadata';
import { deterministicId } from './deterministic-id';

/**
 * A command a process manager sent was refused by the domain (a broken rule, 422, or a missing
 * aggregate, 404). The handler gets this same error the first time and on every replay, when the
 * refusal comes from the record: so it takes the same branch every time.
 */
export class CommandRefusedError extends BusinessRuleError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRefusedError';
  }
}

/** The refusals recorded with a process manager's command key; anything else is retried. */
function refusalOf(error: unknown): RecordedAnswer | null {
  if (error instanceof BusinessRuleError) return { status: 422, body: { message: error.message } };
  if (error instanceof AggregateNotFoundError) return { status: 404, body: { message: error.message } };
  return null;
}

/**
 * What a process manager's handler is given with each event: the way to send commands whose ids
 * derive from (process manager, event, step). Each is executed once: its answer (or refusal) is
 * recorded with its events under that id, and a replay of the event gets the recorded answer
 * back without the command acting again.
 */
export class ProcessStep {
  private readonly steps = new Set<string>();

  constructor(
    private readonly commandBus: CommandBus,
    private readonly idempotent: Pick<IdempotentCommands, 'execute'>,
    readonly processName: string,
    /** The envelope of the event being handled. */
    readonly cause: EventEnvelope,
  ) {}

  /**
   * The context of the command sent as `step`: a deterministic command id, the event's
   * correlation id and trace context carried over, and the event's id as the causation id of what
   * it records.
   */
  context(step: string): CommandContext {
    const { eventId, correlationId, traceparent, tracestate } = this.cause.metadata;
    // The flow's trace goes on through its steps: the event's trace context, when it has one.
    const trace = typeof traceparent === 'string' ? { traceparent, ...(typeof tracestate === 'string' && { tracestate }) } : undefined;
    return { commandId: deterministicId(this.processName, eventId, step), correlationId, causationId: eventId, ...(trace && { trace }) };
  }

  /**
   * Sends the command `make` builds with `context(step)` on the CommandBus, at most once per step
   * of this event, and answers its result (the recorded one on a replay).
   * @throws CommandRefusedError when the domain refused it (now, or when it was first sent).
   */
  async send<R>(step: string, make: (context: CommandContext) => Command<R>): Promise<R> {
    if (this.steps.has(step)) throw new Error(`${this.processName} sent step '${step}' twice for one event: each step needs its own name`);
    this.steps.add(step);
    const context = this.context(step);
    const command = make(context);
    const request = { scope: `process-manager:${this.processName}`, key: context.commandId, fingerprint: command.constructor.name, successStatus: 200 };
    const run = (claim: IdempotencyClaim) => {
      context.idempotency = claim; // the command holds this very context: its repository records the answer
      return this.commandBus.execute(command);
    };
    const { answer } = await this.idempotent.execute(request, run, refusalOf).catch((error: unknown) => {
      const refusal = refusalOf(error);
      throw refusal ? new CommandRefusedError(refusal.status, (error as Error).message) : error;
    });
    if (answer.status >= 400) throw new CommandRefusedError(answer.status, (answer.body as { message: string }).message);
    return answer.body as R;
  }
}
