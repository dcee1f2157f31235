import { CommandRefusedError, ProcessManager, ProcessManagerHandler, ProcessStep } from '../../event-sourcing';
import { AccountRepository } from '../account.repository';
import { CreditForTransferCommand, DebitForTransferCommand, RefundTransferDebitCommand, SettleTransferCommand } from '../commands/transfer-step.command';
import { AccountCreditedEvent } from '../domain/events/account-credited.event';
import { AccountDebitedEvent } from '../domain/events/account-debited.event';
import { DebitRefundedEvent } from '../domain/events/debit-refunded.event';
import { TransferRequestedEvent } from '../domain/events/transfer-requested.event';
import { TransferRepository } from '../transfer.repository';

export const TRANSFER_PROCESS = 'transfer_process';

type StepEvent = TransferRequestedEvent | AccountDebitedEvent | AccountCreditedEvent | DebitRefundedEvent;

/**
 * Drives each transfer: debit the source → credit the destination → complete. A refused debit
 * fails the transfer with its reason; a refused credit refunds the source (compensation), and the
 * refund fails the transfer. Each step reacts to the event the previous one recorded, so a crash
 * anywhere resumes at the first step whose event is missing.
 */
@ProcessManager({
  name: TRANSFER_PROCESS,
  events: [TransferRequestedEvent, AccountDebitedEvent, AccountCreditedEvent, DebitRefundedEvent],
  // Each transfer's steps in order; different transfers side by side.
  partitionBy: (event) => (event as StepEvent).transferId,
})
export class TransferProcessManager implements ProcessManagerHandler<StepEvent> {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly transfers: TransferRepository,
  ) {}

  async handle(event: StepEvent, process: ProcessStep): Promise<void> {
    if (event instanceof TransferRequestedEvent) return this.debit(event, process);
    if (event instanceof AccountDebitedEvent) return this.credit(event, process);
    const reason = event instanceof DebitRefundedEvent ? event.reason : null;
    await process.send(reason === null ? 'complete' : 'fail', (context) => new SettleTransferCommand(event.transferId, reason, context));
  }

  private async debit({ transferId, from, to, amount }: TransferRequestedEvent, process: ProcessStep): Promise<void> {
    // Already failed: a replay must not debit now what was refused then, even once the refusal's
    // record has expired (IDEMPOTENCY_TTL_HOURS) while the process manager was held.
    if ((await this.transfers.load(transferId)).status !== 'pending') return;
    const refusal = await refusalOf(process.send('debit', (context) => new DebitForTransferCommand(from, transferId, amount, to, context)));
    if (refusal) await process.send('fail', (context) => new SettleTransferCommand(transferId, refusal, context));
  }

  private async credit({ accountId: from, transferId, amount, toAccountId: to }: AccountDebitedEvent, process: ProcessStep): Promise<void> {
    // Already refunded: likewise, a replay must not credit now what was refused then.
    if ((await this.accounts.load(from)).hasRefunded(transferId)) return;
    const refusal = await refusalOf(process.send('credit', (context) => new CreditForTransferCommand(to, transferId, amount, from, context)));
    if (refusal) await process.send('refund', (context) => new RefundTransferDebitCommand(from, transferId, amount, refusal, context));
  }
}

/** The reason a step was refused by the domain, or null if it went through; any other error holds the process manager. */
async function refusalOf(sent: Promise<unknown>): Promise<string | null> {
  try {
    await sent;
    return null;
  } catch (error) {
    if (error instanceof CommandRefusedError) return error.message;
    throw error;
  }
}
