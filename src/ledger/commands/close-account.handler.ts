import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { atVersions } from '../../event-sourcing';
import { AccountRepository } from '../account.repository';
import type { Account } from '../domain/account.aggregate';
import { accountCommandResult } from './account-command-result';
import { CloseAccountCommand } from './close-account.command';

@CommandHandler(CloseAccountCommand)
export class CloseAccountHandler implements ICommandHandler<CloseAccountCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, context, expectedVersions }: CloseAccountCommand) {
    const { aggregate, ...saved } = await this.accounts.update(accountId, atVersions(expectedVersions, (account: Account) => account.close()), { context, answer: accountCommandResult });
    return accountCommandResult(aggregate, saved);
  }
}
