import type { CommandContext } from '../metadata/event-metadata';
import type { CompletedCommand } from '../idempotency/processed-command';
import type { AppendResult } from '../store/stored-event';
import type { SaveResult } from './aggregate-repository';

/**
 * What a command answers from the state it left: given to the repository so that, for an
 * idempotent command, the answer can be recorded in the transaction of its events.
 */
export type CommandAnswer<A> = (aggregate: A, saved: SaveResult) => unknown;

/**
 * The record an idempotent command leaves with its events; none for a command without a claim.
 * `outcome` rebuilds, from the append's result, the state and save result this command's turn left.
 */
export function completedCommands<A>(
  context: CommandContext,
  answer: CommandAnswer<A> | undefined,
  outcome: (result: AppendResult) => SaveResult & { aggregate: A },
): CompletedCommand[] {
  const claim = context.idempotency;
  if (!claim) return [];
  if (!answer) throw new Error(`Command ${context.commandId} carries an idempotency key, but its handler gives the repository no \`answer\` to record`);
  return [
    {
      claim,
      answer: (result) => {
        const { aggregate, ...saved } = outcome(result);
        return { status: claim.successStatus, body: answer(aggregate, saved) };
      },
    },
  ];
}
