export class CounterIncrementedEvent {
  static readonly type = 'CounterIncremented';
  static readonly version = 1;

  constructor(
    readonly counterId: string,
    readonly by: number,
  ) {}
}
