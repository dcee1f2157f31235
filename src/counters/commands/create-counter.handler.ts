import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { SaveResult } from '../../event-sourcing';
import { CounterRepository } from '../counter.repository';
import { Counter } from '../domain/counter.aggregate';
import { counterCommandResult } from './counter-command-result';
import { CreateCounterCommand } from './create-counter.command';

function createdCounterResult(counter: Counter, saved: SaveResult) {
  return { ...counterCommandResult(counter, saved), name: counter.name };
}

@CommandHandler(CreateCounterCommand)
export class CreateCounterHandler implements ICommandHandler<CreateCounterCommand> {
  constructor(private readonly counters: CounterRepository) {}

  async execute({ name, context }: CreateCounterCommand) {
    const counter = Counter.create(randomUUID(), name);
    const saved = await this.counters.create(counter, context, createdCounterResult);
    return createdCounterResult(counter, saved);
  }
}
