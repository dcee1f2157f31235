import { IsInt, IsString, Length, Min } from 'class-validator';

/**
 * The validated fields increments and decrements share. Not stored itself (no `type`): each
 * subclass declares its own stored type and schema version, and one that evolves apart from the
 * other simply stops extending this.
 */
export abstract class CounterChangedEvent {
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
