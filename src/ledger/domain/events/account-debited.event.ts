import { IsString, Length } from 'class-validator';
import { TransferMovementEvent } from './transfer-movement.event';

/** The source side of a transfer: the money left the account, on its way to `toAccountId`. */
export class AccountDebitedEvent extends TransferMovementEvent {
  static readonly type = 'AccountDebited';
  static readonly version = 1;

  @IsString()
  @Length(1, 200)
  readonly toAccountId: string;

  constructor(accountId: string, transferId: string, amount: number, toAccountId: string) {
    super(accountId, transferId, amount);
    this.toAccountId = toAccountId;
  }
}
