import { StoredText } from '../../../event-sourcing';

export class CounterCreatedEvent {
  static readonly type = 'CounterCreated';
  static readonly version = 1;

  @StoredText(1, 200)
  readonly counterId: string;

  @StoredText(1, 100)
  readonly name: string;

  constructor(counterId: string, name: string) {
    this.counterId = counterId;
    this.name = name;
  }
}
