import { IsString, Length, Matches } from 'class-validator';
import { StoredText } from '../../../event-sourcing';
import { CURRENCY_PATTERN } from '../money';

export class AccountOpenedEvent {
  static readonly type = 'AccountOpened';
  static readonly version = 1;

  @IsString()
  @Length(1, 200)
  readonly accountId: string;

  @StoredText(1, 100)
  readonly owner: string;

  @Matches(CURRENCY_PATTERN)
  readonly currency: string;

  constructor(accountId: string, owner: string, currency: string) {
    this.accountId = accountId;
    this.owner = owner;
    this.currency = currency;
  }
}
