import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, SaveResult } from '../../event-sourcing';
import { AccountRepository } from '../account.repository';
import type { Account } from '../domain/account.aggregate';
import type { Transfer } from '../domain/transfer.aggregate';
import { TransferRepository } from '../transfer.repository';
import { accountCommandResult } from './account-command-result';
import { CreditForTransferCommand, DebitForTransferCommand, RefundTransferDebitCommand, SettleTransferCommand } from './transfer-step.command';

async function onAccount(accounts: AccountRepository, accountId: string, context: CommandContext, change: (account: Account) => void) {
  const { aggregate, ...saved } = await accounts.update(accountId, change, { context, answer: accountCommandResult });
  return accountCommandResult(aggregate, saved);
}

@CommandHandler(DebitForTransferCommand)
export class DebitForTransferHandler implements ICommandHandler<DebitForTransferCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  execute({ accountId, transferId, amount, toAccountId, context }: DebitForTransferCommand) {
    return onAccount(this.accounts, accountId, context, (account) => account.debitForTransfer(transferId, amount, toAccountId));
  }
}

@CommandHandler(CreditForTransferCommand)
export class CreditForTransferHandler implements ICommandHandler<CreditForTransferCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  execute({ accountId, transferId, amount, fromAccountId, context }: CreditForTransferCommand) {
    return onAccount(this.accounts, accountId, context, (account) => account.creditForTransfer(transferId, amount, fromAccountId));
  }
}

@CommandHandler(RefundTransferDebitCommand)
export class RefundTransferDebitHandler implements ICommandHandler<RefundTransferDebitCommand> {
  constructor(private readonly accounts: AccountRepository) {}

  execute({ accountId, transferId, amount, reason, context }: RefundTransferDebitCommand) {
    return onAccount(this.accounts, accountId, context, (account) => account.refundDebit(transferId, amount, reason));
  }
}

const settled = (_: unknown, { version, position }: SaveResult) => ({ version, position });

@CommandHandler(SettleTransferCommand)
export class SettleTransferHandler implements ICommandHandler<SettleTransferCommand> {
  constructor(private readonly transfers: TransferRepository) {}

  async execute({ transferId, reason, context }: SettleTransferCommand) {
    const change = (transfer: Transfer) => (reason === null ? transfer.complete() : transfer.fail(reason));
    const { version, position } = await this.transfers.update(transferId, change, { context, answer: settled });
    return settled(null, { version, position });
  }
}
