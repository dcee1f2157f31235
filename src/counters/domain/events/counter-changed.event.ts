import { IsInt, Min } from 'class-validator';
import { StoredText } from '../../../event-sourcing';

/**
 * The validated fields increments and decrements share. Not stored itself (no `type`): each
 * subclass declares its own stored type and schema version, and one that evolves apart from the
 * other simply stops extending this.
 */
export abstract class CounterChangedEvent {
  @StoredText(1, 200)
  readonly counterId: string;

  @IsInt()
  @Min(1)
  readonly by: number;

  constructor(counterId: string, by: number) {
    this.counterId = counterId;
    this.by = by;
  }
}
