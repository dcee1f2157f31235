export class CounterCreatedEvent {
  static readonly type = 'CounterCreated';
  static readonly version = 1;

  constructor(
    readonly counterId: string,
    readonly name: string,
  ) {}
}
