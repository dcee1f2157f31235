import { IsString, Length } from 'class-validator';

export class AccountClosedEvent {
  static readonly type = 'AccountClosed';
  static readonly version = 1;

  @IsString()
  @Length(1, 200)
  readonly accountId: string;

  constructor(accountId: string) {
    this.accountId = accountId;
  }
}
