import { ChangeCounterCommand } from './change-counter.command';

export class IncrementCounterCommand extends ChangeCounterCommand {}
