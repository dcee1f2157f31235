import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { AccountRepository } from '../account.repository';
import { Account } from '../domain/account.aggregate';
import { OpenAccountCommand, OpenedAccount } from './open-account.command';

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ owner, currency, context }: OpenAccountCommand): Promise<OpenedAccount> {
    const account = Account.open(randomUUID(), owner, currency);
    const { version, position } = await this.accounts.create(account, context);
    return { id: account.id, owner, currency, balance: account.balance, status: account.status, version, position };
  }
}
