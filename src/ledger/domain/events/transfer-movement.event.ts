import { IsString, Length } from 'class-validator';
import { AmountMovedEvent } from './amount-moved.event';

/** A movement made for a transfer: it names the transfer, so an account records each one at most once. */
export abstract class TransferMovementEvent extends AmountMovedEvent {
  @IsString()
  @Length(1, 200)
  readonly transferId: string;

  constructor(accountId: string, transferId: string, amount: number) {
    super(accountId, amount);
    this.transferId = transferId;
  }
}
