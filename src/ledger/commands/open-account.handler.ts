import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { SaveResult } from '../../event-sourcing';
import { randomUUID } from 'node:crypto';
import { AccountRepository } from '../account.repository';
import { Account } from '../domain/account.aggregate';
import { accountCommandResult } from './account-command-result';
import { OpenAccountCommand, OpenedAccount } from './open-account.command';

function openedAccount(account: Account, saved: SaveResult): OpenedAccount {
  return { ...accountCommandResult(account, saved), owner: account.owner, currency: account.currency, status: account.status };
}

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ owner, currency, context }: OpenAccountCommand): Promise<OpenedAccount> {
    const account = Account.open(randomUUID(), owner, currency);
    return openedAccount(account, await this.accounts.create(account, context, openedAccount));
  }
}
