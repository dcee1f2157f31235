import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountRepository } from '../account.repository';
import { accountCommandResult } from './account-command-result';
import { WithdrawMoneyCommand } from './move-money.command';

@CommandHandler(WithdrawMoneyCommand)
export class WithdrawMoneyHandler implements ICommandHandler<WithdrawMoneyCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, amount, reference, context, expectedVersion }: WithdrawMoneyCommand) {
    const { aggregate, ...saved } = await this.accounts.update(accountId, (account) => account.withdraw(amount, reference), {
      context,
      expectedVersion,
      answer: accountCommandResult,
    });
    return accountCommandResult(aggregate, saved);
  }
}
