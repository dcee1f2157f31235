import { AggregateEvents, Applies, EventSourcedAggregate, SnapshotPolicy } from '../../event-sourcing';
import { AccountClosedError, AccountNotEmptyError, BalanceOverflowError, InsufficientFundsError, NothingToRefundError } from './ledger.errors';
import { AccountClosedEvent } from './events/account-closed.event';
import { AccountCreditedEvent } from './events/account-credited.event';
import { AccountDebitedEvent } from './events/account-debited.event';
import { AccountOpenedEvent } from './events/account-opened.event';
import { accountEvents } from './events/ledger-events';
import { DebitRefundedEvent } from './events/debit-refunded.event';
import { MoneyDepositedEvent } from './events/money-deposited.event';
import { MoneyWithdrawnEvent } from './events/money-withdrawn.event';

export type AccountStatus = 'open' | 'closed';

/** What an account snapshot keeps (snapshot schema version 1). */
export interface AccountSnapshot {
  owner: string;
  currency: string;
  balance: number;
  status: AccountStatus;
  debited: string[];
  credited: string[];
  refunded: string[];
}

/**
 * Money held in one currency, never below zero. Each transfer moves money on an account at most
 * once per kind (debit, credit, refund): asked again, the account records nothing, so a retried
 * step of a transfer can never show twice.
 */
@AggregateEvents(accountEvents)
export class Account extends EventSourcedAggregate {
  static readonly streamType = 'Account';

  static readonly snapshots: SnapshotPolicy<Account, AccountSnapshot> = {
    schemaVersion: 1,
    take: (a) => ({ ...a.state, debited: [...a.debited], credited: [...a.credited], refunded: [...a.refunded] }),
    restore: (a, { debited, credited, refunded, ...state }) => {
      a.state = state;
      a.debited = new Set(debited);
      a.credited = new Set(credited);
      a.refunded = new Set(refunded);
    },
  };

  private state = { owner: '', currency: '', balance: 0, status: 'open' as AccountStatus };
  private debited = new Set<string>();
  private credited = new Set<string>();
  private refunded = new Set<string>();

  get owner(): string {
    return this.state.owner;
  }

  get currency(): string {
    return this.state.currency;
  }

  get balance(): number {
    return this.state.balance;
  }

  get status(): AccountStatus {
    return this.state.status;
  }

  static open(id: string, owner: string, currency: string): Account {
    const account = new Account(id);
    account.apply(new AccountOpenedEvent(id, owner, currency));
    return account;
  }

  deposit(amount: number, reference?: string): void {
    this.mustBeOpen();
    this.mustHoldMore(amount);
    this.apply(new MoneyDepositedEvent(this.id, amount, reference));
  }

  withdraw(amount: number, reference?: string): void {
    this.mustBeOpen();
    this.mustHold(amount);
    this.apply(new MoneyWithdrawnEvent(this.id, amount, reference));
  }

  close(): void {
    this.mustBeOpen();
    if (this.state.balance !== 0) throw new AccountNotEmptyError(this.id, this.state.balance);
    this.apply(new AccountClosedEvent(this.id));
  }

  /** The source side of a transfer; nothing if this transfer was already debited here. */
  debitForTransfer(transferId: string, amount: number, toAccountId: string): void {
    if (this.debited.has(transferId)) return;
    this.mustBeOpen();
    this.mustHold(amount);
    this.apply(new AccountDebitedEvent(this.id, transferId, amount, toAccountId));
  }

  /** The destination side of a transfer; nothing if this transfer was already credited here. */
  creditForTransfer(transferId: string, amount: number, fromAccountId: string): void {
    if (this.credited.has(transferId)) return;
    this.mustBeOpen();
    this.mustHoldMore(amount);
    this.apply(new AccountCreditedEvent(this.id, transferId, amount, fromAccountId));
  }

  /**
   * Gives a transfer's debit back; nothing if it already was. A refund always lands, even on an
   * account closed meanwhile: the money has nowhere else to go.
   */
  refundDebit(transferId: string, amount: number, reason: string): void {
    if (this.refunded.has(transferId)) return;
    if (!this.debited.has(transferId)) throw new NothingToRefundError(this.id, transferId);
    this.mustHoldMore(amount);
    this.apply(new DebitRefundedEvent(this.id, transferId, amount, reason));
  }

  /** Whether this account got a transfer's debit back: that transfer must not be credited any more. */
  hasRefunded(transferId: string): boolean {
    return this.refunded.has(transferId);
  }

  private mustBeOpen(): void {
    if (this.state.status === 'closed') throw new AccountClosedError(this.id);
  }

  private mustHold(amount: number): void {
    if (this.state.balance - amount < 0) throw new InsufficientFundsError(this.id, this.state.balance, amount);
  }

  private mustHoldMore(amount: number): void {
    if (this.state.balance + amount > Number.MAX_SAFE_INTEGER) throw new BalanceOverflowError(this.id, this.state.balance, amount);
  }

  @Applies(AccountOpenedEvent)
  protected onOpened(event: AccountOpenedEvent): void {
    this.state = { owner: event.owner, currency: event.currency, balance: 0, status: 'open' };
  }

  @Applies(MoneyDepositedEvent)
  protected onDeposited(event: MoneyDepositedEvent): void {
    this.state.balance += event.amount;
  }

  @Applies(MoneyWithdrawnEvent)
  protected onWithdrawn(event: MoneyWithdrawnEvent): void {
    this.state.balance -= event.amount;
  }

  @Applies(AccountDebitedEvent)
  protected onDebited(event: AccountDebitedEvent): void {
    this.state.balance -= event.amount;
    this.debited.add(event.transferId);
  }

  @Applies(AccountCreditedEvent)
  protected onCredited(event: AccountCreditedEvent): void {
    this.state.balance += event.amount;
    this.credited.add(event.transferId);
  }

  @Applies(DebitRefundedEvent)
  protected onRefunded(event: DebitRefundedEvent): void {
    this.state.balance += event.amount;
    this.refunded.add(event.transferId);
  }

  @Applies(AccountClosedEvent)
  protected onClosed(): void {
    this.state.status = 'closed';
  }
}
