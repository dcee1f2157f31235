import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../event-sourcing';
import type { AccountCommandResult } from './account-command-result';

export class CloseAccountCommand extends Command<AccountCommandResult> {
  constructor(
    readonly accountId: string,
    readonly context: CommandContext,
    /** If-Match: the versions the caller accepts (absent: any). */
    readonly expectedVersions?: readonly number[],
  ) {
    super();
  }
}
