import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { StoredText } from '../../../event-sourcing';
import { CURRENCY_PATTERN, MAX_AMOUNT, MAX_REFERENCE_LENGTH } from '../money';

export class TransferRequestedEvent {
  static readonly type = 'TransferRequested';
  static readonly version = 1;

  @IsString()
  @Length(1, 200)
  readonly transferId: string;

  @IsString()
  @Length(1, 200)
  readonly from: string;

  @IsString()
  @Length(1, 200)
  readonly to: string;

  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  readonly amount: number;

  @Matches(CURRENCY_PATTERN)
  readonly currency: string;

  @IsOptional()
  @StoredText(0, MAX_REFERENCE_LENGTH)
  readonly reference?: string;

  constructor(transferId: string, from: string, to: string, amount: number, currency: string, reference?: string) {
    this.transferId = transferId;
    this.from = from;
    this.to = to;
    this.amount = amount;
    this.currency = currency;
    this.reference = reference;
  }
}
