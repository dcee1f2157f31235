import { IsInt, IsString, Length, Min } from 'class-validator';
import type { Upcaster } from '../../../event-sourcing';

export class CounterIncrementedEvent {
  static readonly type = 'CounterIncremented';
  /** v1 could omit `by`, meaning +1; v2 always carries it. */
  static readonly version = 2;

  @IsString()
  @Length(1, 200)
  readonly counterId: string;

  @IsInt()
  @Min(1)
  readonly by: number;

  constructor(counterId: string, by: number) {
    this.counterId = counterId;
    this.by = by;
  }
}

/** v1 → v2: a missing `by` meant +1. Early v1 rows already carry `by`, which is kept. */
export const counterIncrementedV1ToV2: Upcaster = {
  type: CounterIncrementedEvent.type,
  fromVersion: 1,
  upcast: (data) => ({ ...data, by: data.by ?? 1 }),
};
