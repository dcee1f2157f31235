import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { SaveResult } from '../../event-sourcing';
import { AccountRepository } from '../account.repository';
import { AccountClosedError, CurrencyMismatchError } from '../domain/ledger.errors';
import { Transfer } from '../domain/transfer.aggregate';
import { TransferRepository } from '../transfer.repository';
import { RequestedTransfer, RequestTransferCommand } from './request-transfer.command';

/**
 * Records the request only; the transfer process manager moves the money. Checked here, from the
 * accounts' events: both exist (404), same currency, destination open (422). Funds are not: the
 * debit decides, and a refused one fails the transfer with its reason.
 */
function requested(transfer: Transfer, { position }: SaveResult): RequestedTransfer {
  return { id: transfer.id, status: 'pending', position };
}

@CommandHandler(RequestTransferCommand)
export class RequestTransferHandler implements ICommandHandler<RequestTransferCommand> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly transfers: TransferRepository,
  ) {}

  async execute({ from, to, amount, reference, context }: RequestTransferCommand): Promise<RequestedTransfer> {
    const source = await this.accounts.load(from);
    const destination = await this.accounts.load(to);
    if (source.currency !== destination.currency) throw new CurrencyMismatchError(source.currency, destination.currency);
    if (destination.status === 'closed') throw new AccountClosedError(to);
    const transfer = Transfer.request(randomUUID(), from, to, amount, source.currency, reference);
    return requested(transfer, await this.transfers.create(transfer, context, requested));
  }
}
