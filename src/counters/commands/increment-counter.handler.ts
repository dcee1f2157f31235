import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { atVersions } from '../../event-sourcing';
import { CounterRepository } from '../counter.repository';
import { counterCommandResult } from './counter-command-result';
import { IncrementCounterCommand } from './increment-counter.command';

@CommandHandler(IncrementCounterCommand)
export class IncrementCounterHandler implements ICommandHandler<IncrementCounterCommand> {
  constructor(private readonly counters: CounterRepository) {}

  async execute({ counterId, by, context, expectedVersions }: IncrementCounterCommand) {
    const { aggregate, ...saved } = await this.counters.update(counterId, atVersions(expectedVersions, (counter) => counter.increment(by)), { context, answer: counterCommandResult });
    return counterCommandResult(aggregate, saved);
  }
}
