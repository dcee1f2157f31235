import { CashMovedEvent } from './cash-moved.event';

export class MoneyDepositedEvent extends CashMovedEvent {
  static readonly type = 'MoneyDeposited';
  static readonly version = 1;
}
