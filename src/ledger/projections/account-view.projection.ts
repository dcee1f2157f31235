import type { EntityManager } from 'typeorm';
import { envelopeOf, Projection, ProjectionHandler, ReadModelTable } from '../../event-sourcing';
import { AccountCreditedEvent } from '../domain/events/account-credited.event';
import { AccountDebitedEvent } from '../domain/events/account-debited.event';
import { AccountOpenedEvent } from '../domain/events/account-opened.event';
import { AmountMovedEvent } from '../domain/events/amount-moved.event';
import { DebitRefundedEvent } from '../domain/events/debit-refunded.event';
import { AccountEvent, accountEvents } from '../domain/events/ledger-events';
import { MoneyDepositedEvent } from '../domain/events/money-deposited.event';
import { MoneyWithdrawnEvent } from '../domain/events/money-withdrawn.event';
import { TransferMovementEvent } from '../domain/events/transfer-movement.event';
import { AccountTransaction, TransactionKind } from './account-transaction.entity';
import { AccountView } from './account-view.entity';

export const ACCOUNT_VIEWS = 'account_views';

const KIND_OF = new Map<unknown, TransactionKind>([
  [MoneyDepositedEvent, 'deposit'],
  [MoneyWithdrawnEvent, 'withdrawal'],
  [AccountDebitedEvent, 'transfer-out'],
  [AccountCreditedEvent, 'transfer-in'],
  [DebitRefundedEvent, 'refund'],
]);

const accountViews = new ReadModelTable(AccountView);
const accountTransactions = new ReadModelTable(AccountTransaction);

/** Keeps `account_views` (one row per account) and `account_transactions` (one row per movement). */
@Projection({ name: ACCOUNT_VIEWS, events: accountEvents })
export class AccountViewProjection implements ProjectionHandler<AccountEvent> {
  handle(event: AccountEvent, manager: EntityManager): Promise<void> {
    return this.handleBatch([event], manager);
  }

  async handleBatch(events: AccountEvent[], manager: EntityManager): Promise<void> {
    const views = accountViews.in(manager);
    const rows = await views.getMany(events.map((event) => event.accountId));
    const movements: AccountTransaction[] = [];
    for (const event of events) {
      const { version, position, occurredAt } = envelopeOf(event);
      const updatedAt = occurredAt.toISOString();
      if (event instanceof AccountOpenedEvent) {
        const { accountId: id, owner, currency } = event;
        rows.set(id, { id, owner, currency, balance: 0, status: 'open', version, createdPosition: position, updatedAt });
        continue;
      }
      const row = rows.get(event.accountId);
      if (!row) throw new Error(`${event.constructor.name} for account ${event.accountId}, which the view has never seen opened`);
      Object.assign(row, { version, updatedAt });
      if (event instanceof AmountMovedEvent) movements.push(this.movement(row, event, position, updatedAt));
      else row.status = 'closed';
    }
    await views.upsert(rows.values());
    await accountTransactions.in(manager).insert(movements);
  }

  async reset(manager: EntityManager): Promise<void> {
    await accountTransactions.in(manager).clear();
    await accountViews.in(manager).clear();
  }

  private movement(row: AccountView, event: AmountMovedEvent, position: number, occurredAt: string): AccountTransaction {
    const kind = kindOf(event);
    row.balance += kind === 'withdrawal' || kind === 'transfer-out' ? -event.amount : event.amount;
    const transferId = event instanceof TransferMovementEvent ? event.transferId : null;
    const reference = event instanceof MoneyDepositedEvent || event instanceof MoneyWithdrawnEvent ? (event.reference ?? null) : null;
    return { position, accountId: row.id, kind, amount: event.amount, balanceAfter: row.balance, transferId, reference, occurredAt };
  }
}

function kindOf(event: AmountMovedEvent): TransactionKind {
  const kind = KIND_OF.get(event.constructor);
  if (!kind) throw new Error(`${event.constructor.name} is not a movement of money`);
  return kind;
}
