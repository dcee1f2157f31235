import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../account.repository';
import { accountCommandResult } from './account-command-result';
import { CloseAccountCommand } from './close-account.command';

@CommandHandler(CloseAccountCommand)
export class CloseAccountHandler implements ICommandHandler<CloseAccountCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, context, expectedVersion }: CloseAccountCommand) {
    const { aggregate, ...saved } = await this.accounts.update(accountId, (account) => account.close(), { context, expectedVersion, answer: accountCommandResult });
    return accountCommandResult(aggregate, saved);
  }
}
