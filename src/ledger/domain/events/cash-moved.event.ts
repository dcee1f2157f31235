import { IsOptional } from 'class-validator';
import { StoredText } from '../../../event-sourcing';
import { MAX_REFERENCE_LENGTH } from '../money';
import { AmountMovedEvent } from './amount-moved.event';

/**
 * The fields deposits and withdrawals share: an amount and the caller's optional reference. Not
 * stored itself (no `type`); each subclass declares its own stored type and schema version.
 */
export abstract class CashMovedEvent extends AmountMovedEvent {
  @IsOptional()
  @StoredText(0, MAX_REFERENCE_LENGTH)
  readonly reference?: string;

  constructor(accountId: string, amount: number, reference?: string) {
    super(accountId, amount);
    this.reference = reference;
  }
}
