import { given } from '../../event-sourcing/testing';
import { Account } from './account.aggregate';
import { AccountClosedEvent } from './events/account-closed.event';
import { AccountCreditedEvent } from './events/account-credited.event';
import { AccountDebitedEvent } from './events/account-debited.event';
import { AccountOpenedEvent } from './events/account-opened.event';
import { DebitRefundedEvent } from './events/debit-refunded.event';
import { MoneyDepositedEvent } from './events/money-deposited.event';
import { MoneyWithdrawnEvent } from './events/money-withdrawn.event';
import { AccountClosedError, AccountNotEmptyError, BalanceOverflowError, InsufficientFundsError, NothingToRefundError } from './ledger.errors';

const id = 'a-1';
const other = 'a-2';
const transfer = 't-1';
const blank = () => new Account(id);
const opened = new AccountOpenedEvent(id, 'Ada', 'EUR');

describe('Account', () => {
  describe('when it does not exist yet', () => {
    it('records its opening at a balance of 0', () => {
      const account = Account.open(id, 'Ada', 'EUR');
      expect(account.getUncommittedEvents()).toStrictEqual([opened]);
      expect([account.balance, account.status, account.currency, account.owner]).toEqual([0, 'open', 'EUR', 'Ada']);
    });
  });

  describe('when it is open and empty', () => {
    it('records a deposit with its reference', () => {
      const account = given(blank, opened).when((a) => a.deposit(500, 'salary')).then(new MoneyDepositedEvent(id, 500, 'salary'));
      expect(account.balance).toBe(500);
    });

    it('refuses a withdrawal: the balance would go below zero', () => {
      given(blank, opened).when((a) => a.withdraw(1)).thenThrows(InsufficientFundsError);
    });

    it('refuses a transfer debit it cannot cover', () => {
      given(blank, opened).when((a) => a.debitForTransfer(transfer, 1, other)).thenThrows(InsufficientFundsError);
    });

    it('records a close', () => {
      const account = given(blank, opened).when((a) => a.close()).then(new AccountClosedEvent(id));
      expect(account.status).toBe('closed');
    });

    it('records a transfer credit', () => {
      given(blank, opened).when((a) => a.creditForTransfer(transfer, 70, other)).then(new AccountCreditedEvent(id, transfer, 70, other));
    });

    it('refuses to refund a transfer it was never debited for', () => {
      given(blank, opened).when((a) => a.refundDebit(transfer, 70, 'closed')).thenThrows(NothingToRefundError);
    });
  });

  describe('when it holds 100', () => {
    const history = [opened, new MoneyDepositedEvent(id, 150), new MoneyWithdrawnEvent(id, 50)];

    it('was rebuilt from its history', () => {
      expect(given(blank, ...history).when(() => undefined).then().balance).toBe(100);
    });

    it('records a withdrawal down to exactly 0', () => {
      expect(given(blank, ...history).when((a) => a.withdraw(100)).then(new MoneyWithdrawnEvent(id, 100)).balance).toBe(0);
    });

    it('refuses a withdrawal of 101', () => {
      given(blank, ...history).when((a) => a.withdraw(101)).thenThrows(InsufficientFundsError);
    });

    it('refuses to close: only an empty account closes', () => {
      given(blank, ...history).when((a) => a.close()).thenThrows(AccountNotEmptyError);
    });

    it('records a transfer debit naming the transfer and the destination', () => {
      const account = given(blank, ...history).when((a) => a.debitForTransfer(transfer, 70, other)).then(new AccountDebitedEvent(id, transfer, 70, other));
      expect(account.balance).toBe(30);
    });

    it('refuses a deposit that would pass the largest safe integer', () => {
      const near = new MoneyDepositedEvent(id, Number.MAX_SAFE_INTEGER - 100);
      given(blank, ...history, near).when((a) => a.deposit(1)).thenThrows(BalanceOverflowError);
    });
  });

  describe('when it was debited 70 for a transfer', () => {
    const history = [opened, new MoneyDepositedEvent(id, 100), new AccountDebitedEvent(id, transfer, 70, other)];

    it('records nothing when asked to debit the same transfer again (a retried step)', () => {
      expect(given(blank, ...history).when((a) => a.debitForTransfer(transfer, 70, other)).then().balance).toBe(30);
    });

    it('records the refund of that debit with the reason', () => {
      const account = given(blank, ...history).when((a) => a.refundDebit(transfer, 70, 'closed')).then(new DebitRefundedEvent(id, transfer, 70, 'closed'));
      expect([account.balance, account.hasRefunded(transfer)]).toEqual([100, true]);
    });

    it('records nothing when asked to refund it again', () => {
      const refunded = new DebitRefundedEvent(id, transfer, 70, 'closed');
      expect(given(blank, ...history, refunded).when((a) => a.refundDebit(transfer, 70, 'closed')).then().balance).toBe(100);
    });

    it('still takes the refund once closed meanwhile: the money has nowhere else to go', () => {
      const emptied = [new MoneyWithdrawnEvent(id, 30), new AccountClosedEvent(id)];
      const account = given(blank, ...history, ...emptied).when((a) => a.refundDebit(transfer, 70, 'closed')).then(new DebitRefundedEvent(id, transfer, 70, 'closed'));
      expect(account.balance).toBe(70);
    });
  });

  describe('when it was credited for a transfer', () => {
    it('records nothing when asked to credit the same transfer again', () => {
      const credited = new AccountCreditedEvent(id, transfer, 70, other);
      expect(given(blank, opened, credited).when((a) => a.creditForTransfer(transfer, 70, other)).then().balance).toBe(70);
    });
  });

  describe('when it is closed', () => {
    const history = [opened, new AccountClosedEvent(id)];

    it.each([
      ['a deposit', (a: Account) => a.deposit(1)],
      ['a withdrawal', (a: Account) => a.withdraw(1)],
      ['a transfer credit', (a: Account) => a.creditForTransfer(transfer, 1, other)],
      ['a transfer debit', (a: Account) => a.debitForTransfer(transfer, 1, other)],
      ['closing again', (a: Account) => a.close()],
    ])('refuses %s', (_, act) => {
      given(blank, ...history).when(act).thenThrows(AccountClosedError);
    });
  });

  describe('snapshots', () => {
    it('restores balance, status and the transfers already moved', () => {
      const account = given(blank, opened, new MoneyDepositedEvent(id, 100), new AccountDebitedEvent(id, transfer, 70, other)).when(() => undefined).then();
      const restored = blank();
      restored.loadFromSnapshot(3, () => Account.snapshots.restore(restored, JSON.parse(JSON.stringify(Account.snapshots.take(account)))));
      expect([restored.balance, restored.status, restored.version]).toEqual([30, 'open', 3]);
      restored.debitForTransfer(transfer, 70, other);
      expect(restored.getUncommittedEvents()).toEqual([]);
    });
  });
});
