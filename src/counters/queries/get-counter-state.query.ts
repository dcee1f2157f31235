import { Query } from '@nestjs/cqrs';
import type { PastPoint } from '../../event-sourcing';

export interface CounterState {
  id: string;
  name: string;
  value: number;
  version: number;
  /** When the last event folded into this state occurred. */
  asOf: Date;
}

/** A counter as it was after a version or at an instant: rehydrated from the event store, not the projection. */
export class GetCounterStateQuery extends Query<CounterState> {
  constructor(
    readonly counterId: string,
    readonly point: PastPoint,
  ) {
    super();
  }
}
