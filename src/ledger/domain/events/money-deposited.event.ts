import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_REFERENCE_LENGTH } from '../money';
import { AmountMovedEvent } from './amount-moved.event';

export class MoneyDepositedEvent extends AmountMovedEvent {
  static readonly type = 'MoneyDeposited';
  static readonly version = 1;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_REFERENCE_LENGTH)
  readonly reference?: string;

  constructor(accountId: string, amount: number, reference?: string) {
    super(accountId, amount);
    this.reference = reference;
  }
}
