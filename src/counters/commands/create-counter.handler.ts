import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CounterRepository } from '../counter.repository';
import { Counter } from '../domain/counter.aggregate';
import { counterCommandResult } from './counter-command-result';
import { CreateCounterCommand } from './create-counter.command';

@CommandHandler(CreateCounterCommand)
export class CreateCounterHandler implements ICommandHandler<CreateCounterCommand> {
  constructor(private readonly counters: CounterRepository) {}

  async execute({ name, context }: CreateCounterCommand) {
    const counter = Counter.create(randomUUID(), name);
    const saved = await this.counters.create(counter, context);
    return { ...counterCommandResult(counter, saved), name: counter.name };
  }
}
