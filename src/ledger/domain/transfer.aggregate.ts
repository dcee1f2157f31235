import { AggregateEvents, Applies, EventSourcedAggregate } from '../../event-sourcing';
import { TransferFinishedError } from './ledger.errors';
import { TransferCompletedEvent } from './events/transfer-completed.event';
import { TransferFailedEvent } from './events/transfer-failed.event';
import { transferEvents } from './events/ledger-events';
import { TransferRequestedEvent } from './events/transfer-requested.event';

export type TransferStatus = 'pending' | 'completed' | 'failed';

/**
 * Money asked to move from one account to another. Its own stream records the request and the
 * outcome; the movements themselves are events of the two accounts, driven by the transfer
 * process manager. Completing or failing it again with the same outcome records nothing.
 */
@AggregateEvents(transferEvents)
export class Transfer extends EventSourcedAggregate {
  static readonly streamType = 'Transfer';

  private request: TransferRequestedEvent | null = null;
  private outcome: TransferStatus = 'pending';
  private failure: string | null = null;

  get from(): string {
    return this.requested().from;
  }

  get to(): string {
    return this.requested().to;
  }

  get amount(): number {
    return this.requested().amount;
  }

  get status(): TransferStatus {
    return this.outcome;
  }

  get reason(): string | null {
    return this.failure;
  }

  static request(id: string, from: string, to: string, amount: number, currency: string, reference?: string): Transfer {
    const transfer = new Transfer(id);
    transfer.apply(new TransferRequestedEvent(id, from, to, amount, currency, reference));
    return transfer;
  }

  complete(): void {
    if (this.outcome === 'completed') return;
    if (this.outcome === 'failed') throw new TransferFinishedError(this.id, this.outcome);
    this.apply(new TransferCompletedEvent(this.id));
  }

  fail(reason: string): void {
    if (this.outcome === 'failed') return;
    if (this.outcome === 'completed') throw new TransferFinishedError(this.id, this.outcome);
    this.apply(new TransferFailedEvent(this.id, reason));
  }

  private requested(): TransferRequestedEvent {
    if (!this.request) throw new Error(`Transfer ${this.id} has no request`);
    return this.request;
  }

  @Applies(TransferRequestedEvent)
  protected onRequested(event: TransferRequestedEvent): void {
    this.request = event;
  }

  @Applies(TransferCompletedEvent)
  protected onCompleted(): void {
    this.outcome = 'completed';
  }

  @Applies(TransferFailedEvent)
  protected onFailed(event: TransferFailedEvent): void {
    this.outcome = 'failed';
    this.failure = event.reason;
  }
}
