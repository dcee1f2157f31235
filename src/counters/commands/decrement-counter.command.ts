import { ChangeCounterCommand } from './change-counter.command';

export class DecrementCounterCommand extends ChangeCounterCommand {}
