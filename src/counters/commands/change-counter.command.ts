import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../event-sourcing';
import type { CounterCommandResult } from './counter-command-result';

/** The shape shared by the commands that move a counter by an amount. */
export abstract class ChangeCounterCommand extends Command<CounterCommandResult> {
  constructor(
    readonly counterId: string,
    readonly by: number,
    readonly context: CommandContext,
    /** From If-Match: the change runs only at one of these versions. */
    readonly expectedVersions?: readonly number[],
  ) {
    super();
  }
}
