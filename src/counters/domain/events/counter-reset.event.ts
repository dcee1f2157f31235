import { IsInt, IsString, Length, Min } from 'class-validator';

export class CounterResetEvent {
  static readonly type = 'CounterReset';
  static readonly version = 1;

  @IsString()
  @Length(1, 200)
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
