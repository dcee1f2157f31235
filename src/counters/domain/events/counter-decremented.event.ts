import { CounterChangedEvent } from './counter-changed.event';

export class CounterDecrementedEvent extends CounterChangedEvent {
  static readonly type = 'CounterDecremented';
  static readonly version = 1;
}
