import { IsString, Length } from 'class-validator';
import { TransferMovementEvent } from './transfer-movement.event';

/** Compensation: a transfer's debit given back to its source because the credit was refused. */
export class DebitRefundedEvent extends TransferMovementEvent {
  static readonly type = 'DebitRefunded';
  static readonly version = 1;

  /** Why the destination refused the credit: becomes the failed transfer's reason. */
  @IsString()
  @Length(1, 500)
  readonly reason: string;

  constructor(accountId: string, transferId: string, amount: number, reason: string) {
    super(accountId, transferId, amount);
    this.reason = reason;
  }
}
