import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { atVersions } from '../../event-sourcing';
import { AccountRepository } from '../account.repository';
import type { Account } from '../domain/account.aggregate';
import { accountCommandResult } from './account-command-result';
import { WithdrawMoneyCommand } from './move-money.command';

@CommandHandler(WithdrawMoneyCommand)
export class WithdrawMoneyHandler implements ICommandHandler<WithdrawMoneyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, amount, reference, context, expectedVersions }: WithdrawMoneyCommand) {
    const { aggregate, ...saved } = await this.accounts.update(accountId, atVersions(expectedVersions, (account: Account) => account.withdraw(amount, reference)), {
      context,
      answer: accountCommandResult,
    });
    return accountCommandResult(aggregate, saved);
  }
}
