import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CounterRepository } from '../counter.repository';
import { counterCommandResult } from './counter-command-result';
import { ResetCounterCommand } from './reset-counter.command';

@CommandHandler(ResetCounterCommand)
export class ResetCounterHandler implements ICommandHandler<ResetCounterCommand> {
  constructor(private readonly counters: CounterRepository) {}

  async execute({ counterId, context, expectedVersion }: ResetCounterCommand) {
    const { aggregate, ...saved } = await this.counters.update(counterId, (counter) => counter.reset(), { context, expectedVersion, answer: counterCommandResult });
    return counterCommandResult(aggregate, saved);
  }
}
