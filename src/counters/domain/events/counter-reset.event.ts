import { IsInt, Min } from 'class-validator';
import { StoredText } from '../../../event-sourcing';

export class CounterResetEvent {
  static readonly type = 'CounterReset';
  static readonly version = 1;

  @StoredText(1, 200)
  readonly counterId: string;

  /** Keeps the audit trail readable without a replay. */
  @IsInt()
  @Min(0)
  readonly previousValue: number;

  constructor(counterId: string, previousValue: number) {
    this.counterId = counterId;
    this.previousValue = previousValue;
  }
}
