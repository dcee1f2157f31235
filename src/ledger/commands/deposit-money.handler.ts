import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../account.repository';
import { accountCommandResult } from './account-command-result';
import { DepositMoneyCommand } from './move-money.command';

@CommandHandler(DepositMoneyCommand)
export class DepositMoneyHandler implements ICommandHandler<DepositMoneyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, amount, reference, context, expectedVersion }: DepositMoneyCommand) {
    const { aggregate, ...saved } = await this.accounts.update(accountId, (account) => account.deposit(amount, reference), {
      context,
      expectedVersion,
      answer: accountCommandResult,
    });
    return accountCommandResult(aggregate, saved);
  }
}
