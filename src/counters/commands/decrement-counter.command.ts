import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../event-sourcing';
import type { CounterCommandResult } from './counter-command-result';

export class DecrementCounterCommand extends Command<CounterCommandResult> {
  constructor(
    readonly counterId: string,
    readonly by: number,
    readonly context: CommandContext,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
