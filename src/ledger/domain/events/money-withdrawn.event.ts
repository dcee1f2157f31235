import { CashMovedEvent } from './cash-moved.event';

export class MoneyWithdrawnEvent extends CashMovedEvent {
  static readonly type = 'MoneyWithdrawn';
  static readonly version = 1;
}
