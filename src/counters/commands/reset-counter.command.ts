import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../event-sourcing';
import type { CounterCommandResult } from './counter-command-result';

export class ResetCounterCommand extends Command<CounterCommandResult> {
  constructor(
    readonly counterId: string,
    readonly context: CommandContext,
    /** From If-Match: the change runs only at one of these versions. */
    readonly expectedVersions?: readonly number[],
  ) {
    super();
  }
}
