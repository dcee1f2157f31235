import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../event-sourcing';

export interface RequestedTransfer {
  id: string;
  status: 'pending';
  position: number;
}

export class RequestTransferCommand extends Command<RequestedTransfer> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly amount: number,
    readonly reference: string | undefined,
    readonly context: CommandContext,
  ) {
    super();
  }
}
