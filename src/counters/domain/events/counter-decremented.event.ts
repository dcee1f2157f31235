export class CounterDecrementedEvent {
  static readonly type = 'CounterDecremented';
  static readonly version = 1;

  constructor(
    readonly counterId: string,
    readonly by: number,
  ) {}
}
