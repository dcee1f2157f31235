import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { MAX_AMOUNT } from '../money';

/**
 * The validated fields every movement of money on an account shares. Not stored itself (no
 * `type`): each subclass declares its own stored type and schema version.
 */
export abstract class AmountMovedEvent {
  @IsString()
  @Length(1, 200)
  readonly accountId: string;

  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  readonly amount: number;

  constructor(accountId: string, amount: number) {
    this.accountId = accountId;
    this.amount = amount;
  }
}
