import { IsOptional } from 'class-validator';
import { StoredText } from '../../../event-sourcing';
import { MAX_REFERENCE_LENGTH } from '../money';
import { AmountMovedEvent } from './amount-moved.event';

export class MoneyWithdrawnEvent extends AmountMovedEvent {
  static readonly type = 'MoneyWithdrawn';
  static readonly version = 1;

  @IsOptional()
  @StoredText(0, MAX_REFERENCE_LENGTH)
  readonly reference?: string;

  constructor(accountId: string, amount: number, reference?: string) {
    super(accountId, amount);
    this.reference = reference;
  }
}
