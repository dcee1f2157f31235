import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../event-sourcing';
import type { CounterCommandResult } from './counter-command-result';

export class CreateCounterCommand extends Command<CounterCommandResult & { name: string }> {
  constructor(
    readonly name: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
