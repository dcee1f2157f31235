import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { atVersions } from '../../event-sourcing';
import { AccountRepository } from '../account.repository';
import type { Account } from '../domain/account.aggregate';
import { accountCommandResult } from './account-command-result';
import { DepositMoneyCommand } from './move-money.command';

@CommandHandler(DepositMoneyCommand)
export class DepositMoneyHandler implements ICommandHandler<DepositMoneyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, amount, reference, context, expectedVersions }: DepositMoneyCommand) {
    const { aggregate, ...saved } = await this.accounts.update(accountId, atVersions(expectedVersions, (account: Account) => account.deposit(amount, reference)), {
      context,
      answer: accountCommandResult,
    });
    return accountCommandResult(aggregate, saved);
  }
}
