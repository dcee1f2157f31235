import { AccountClosedEvent } from './account-closed.event';
import { AccountCreditedEvent } from './account-credited.event';
import { AccountDebitedEvent } from './account-debited.event';
import { AccountOpenedEvent } from './account-opened.event';
import { DebitRefundedEvent } from './debit-refunded.event';
import { MoneyDepositedEvent } from './money-deposited.event';
import { MoneyWithdrawnEvent } from './money-withdrawn.event';
import { TransferCompletedEvent } from './transfer-completed.event';
import { TransferFailedEvent } from './transfer-failed.event';
import { TransferRequestedEvent } from './transfer-requested.event';

/** Every event of the account stream. */
export const accountEvents = [
  AccountOpenedEvent,
  MoneyDepositedEvent,
  MoneyWithdrawnEvent,
  AccountDebitedEvent,
  AccountCreditedEvent,
  DebitRefundedEvent,
  AccountClosedEvent,
];

/** Every event of the transfer stream. */
export const transferEvents = [TransferRequestedEvent, TransferCompletedEvent, TransferFailedEvent];

export type AccountEvent = InstanceType<(typeof accountEvents)[number]>;
export type TransferEvent = InstanceType<(typeof transferEvents)[number]>;
