import { IsString, Length } from 'class-validator';
import { TransferMovementEvent } from './transfer-movement.event';

/** The destination side of a transfer: the money arrived from `fromAccountId`. */
export class AccountCreditedEvent extends TransferMovementEvent {
  static readonly type = 'AccountCredited';
  static readonly version = 1;

  @IsString()
  @Length(1, 200)
  readonly fromAccountId: string;

  constructor(accountId: string, transferId: string, amount: number, fromAccountId: string) {
    super(accountId, transferId, amount);
    this.fromAccountId = fromAccountId;
  }
}
