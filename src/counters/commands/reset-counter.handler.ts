import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { atVersions } from '../../event-sourcing';
import { CounterRepository } from '../counter.repository';
import { counterCommandResult } from './counter-command-result';
import { ResetCounterCommand } from './reset-counter.command';

@CommandHandler(ResetCounterCommand)
export class ResetCounterHandler implements ICommandHandler<ResetCounterCommand> {
  constructor(private readonly counters: CounterRepository) {}

  async execute({ counterId, context, expectedVersions }: ResetCounterCommand) {
    const { aggregate, ...saved } = await this.counters.update(counterId, atVersions(expectedVersions, (counter) => counter.reset()), { context, answer: counterCommandResult });
    return counterCommandResult(aggregate, saved);
  }
}
