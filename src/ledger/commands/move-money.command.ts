import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../event-sourcing';
import type { AccountCommandResult } from './account-command-result';

/** A deposit or a withdrawal asked for by a client. */
export abstract class MoveMoneyCommand extends Command<AccountCommandResult> {
  constructor(
    readonly accountId: string,
    readonly amount: number,
    readonly reference: string | undefined,
    readonly context: CommandContext,
    /** If-Match: the versions the caller accepts (absent: any). */
    readonly expectedVersions?: readonly number[],
  ) {
    super();
  }
}

export class DepositMoneyCommand extends MoveMoneyCommand {}

export class WithdrawMoneyCommand extends MoveMoneyCommand {}
