import type { CommandBus } from '@nestjs/cqrs';
import type { IdempotentRequest } from '../idempotency/idempotent-commands';
import type { IdempotencyClaim } from '../idempotency/processed-command';
import { envelopeOf } from '../metadata/event-envelope';
import type { ProcessManagerHandler } from '../process-managers/process-manager.decorator';
import { ProcessStep } from '../process-managers/process-step';

type ErrorClass = new (...args: never[]) => Error;

/** What a sent command gets back in a spec: its answer, or the error the command side refuses it with. */
export type CommandAnswer = (command: object) => unknown;

/** A sent command as specs compare it: its class and fields, without the context (ids are derived). */
function shapeOf(command: object): [string, Record<string, unknown>] {
  const fields = Object.entries(command).filter(([key]) => key !== 'context');
  return [command.constructor.name, Object.fromEntries(fields)];
}

/**
 * Process manager specs in given/when/then form: the given state lives in the collaborators the
 * handler was built with; `when` hands it one recorded event (see `recorded`), and `then` names
 * the commands it sent, in order. `answer` plays the command side (throw to refuse a command).
 *
 * ```ts
 * await whenProcess(manager, 'transfer_process', requested).thenSends(new DebitForTransferCommand(...));
 * ```
 */
export function whenProcess<E extends object>(handler: ProcessManagerHandler<E>, processName: string, event: E, answer: CommandAnswer = () => undefined) {
  const sent: object[] = [];
  const commandBus = {
    execute: async (command: object) => {
      sent.push(command);
      return answer(command);
    },
  } as unknown as CommandBus;
  // Executes each command once, recording nothing: the record's own behaviour has its own specs.
  const once = { execute: async (request: IdempotentRequest, run: (claim: IdempotencyClaim) => Promise<unknown>) => ({ answer: { status: 200, body: await run({ ...request }) }, replayed: false }) };
  const step = new ProcessStep(commandBus, once, processName, envelopeOf(event));
  const run = () => handler.handle(event, step);
  return {
    /** The handler sent exactly these commands (compared without their contexts), in this order. */
    async thenSends(...expected: object[]): Promise<object[]> {
      await run();
      expect(sent.map(shapeOf)).toEqual(expected.map(shapeOf));
      return sent;
    },
    /** The handler failed with this error (the runner would hold the process manager there). */
    async thenThrows(errorClass: ErrorClass): Promise<void> {
      await expect(run()).rejects.toThrow(errorClass);
    },
  };
}
