import type { Upcaster } from '../../../event-sourcing';
import { CounterChangedEvent } from './counter-changed.event';

export class CounterIncrementedEvent extends CounterChangedEvent {
  static readonly type = 'CounterIncremented';
  /** v1 could omit `by`, meaning +1; v2 always carries it. */
  static readonly version = 2;
}

/** v1 → v2: a missing `by` meant +1. Early v1 rows already carry `by`, which is kept. */
export const counterIncrementedV1ToV2: Upcaster = {
  type: CounterIncrementedEvent.type,
  fromVersion: 1,
  upcast: (data) => ({ ...data, by: data.by ?? 1 }),
};
