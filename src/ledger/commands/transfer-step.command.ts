import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../event-sourcing';
import type { AccountCommandResult } from './account-command-result';

/** The steps of a transfer on its accounts, sent by the transfer process manager only. */
abstract class TransferMovementCommand extends Command<AccountCommandResult> {
  constructor(
    readonly accountId: string,
    readonly transferId: string,
    readonly amount: number,
    readonly context: CommandContext,
  ) {
    super();
  }
}

export class DebitForTransferCommand extends TransferMovementCommand {
  constructor(accountId: string, transferId: string, amount: number, readonly toAccountId: string, context: CommandContext) {
    super(accountId, transferId, amount, context);
  }
}

export class CreditForTransferCommand extends TransferMovementCommand {
  constructor(accountId: string, transferId: string, amount: number, readonly fromAccountId: string, context: CommandContext) {
    super(accountId, transferId, amount, context);
  }
}

export class RefundTransferDebitCommand extends TransferMovementCommand {
  constructor(accountId: string, transferId: string, amount: number, readonly reason: string, context: CommandContext) {
    super(accountId, transferId, amount, context);
  }
}

/** Settles a transfer: `reason` absent completes it, present fails it with that reason. */
export class SettleTransferCommand extends Command<{ version: number; position: number }> {
  constructor(
    readonly transferId: string,
    readonly reason: string | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}
