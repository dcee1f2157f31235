export class CounterResetEvent {
  static readonly type = 'CounterReset';
  static readonly version = 1;

  /** `previousValue` keeps the audit trail readable without a replay. */
  constructor(
    readonly counterId: string,
    readonly previousValue: number,
  ) {}
}
