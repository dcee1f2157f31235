import { IsInt, IsString, Length, Min } from 'class-validator';

export class CounterDecrementedEvent {
  static readonly type = 'CounterDecremented';
  static readonly version = 1;

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
