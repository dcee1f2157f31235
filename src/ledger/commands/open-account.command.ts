import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../event-sourcing';
import type { AccountStatus } from '../domain/account.aggregate';
import type { AccountCommandResult } from './account-command-result';

export type OpenedAccount = AccountCommandResult & { owner: string; currency: string; status: AccountStatus };

export class OpenAccountCommand extends Command<OpenedAccount> {
  constructor(
    readonly owner: string,
    readonly currency: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
