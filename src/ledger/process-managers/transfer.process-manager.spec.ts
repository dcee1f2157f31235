import { ConcurrencyError, deterministicId, envelopeOf } from '../../event-sourcing';
import { recorded, whenProcess } from '../../event-sourcing/testing';
import type { AccountRepository } from '../account.repository';
import { CreditForTransferCommand, DebitForTransferCommand, RefundTransferDebitCommand, SettleTransferCommand } from '../commands/transfer-step.command';
import { Account } from '../domain/account.aggregate';
import { AccountCreditedEvent } from '../domain/events/account-credited.event';
import { AccountDebitedEvent } from '../domain/events/account-debited.event';
import { AccountOpenedEvent } from '../domain/events/account-opened.event';
import { DebitRefundedEvent } from '../domain/events/debit-refunded.event';
import { MoneyDepositedEvent } from '../domain/events/money-deposited.event';
import { TransferFailedEvent } from '../domain/events/transfer-failed.event';
import { TransferRequestedEvent } from '../domain/events/transfer-requested.event';
import { AccountClosedError, InsufficientFundsError } from '../domain/ledger.errors';
import { Transfer } from '../domain/transfer.aggregate';
import type { TransferRepository } from '../transfer.repository';
import { TRANSFER_PROCESS, TransferProcessManager } from './transfer.process-manager';

const [from, to, transferId] = ['a-1', 'a-2', 't-1'];
const requested = () => recorded(transferId, 'Transfer', new TransferRequestedEvent(transferId, from, to, 70, 'EUR'))[0];
const debited = () => recorded(from, 'Account', new AccountDebitedEvent(from, transferId, 70, to))[0];
const noAnswer = () => undefined;

/** The process manager over aggregates rebuilt from these histories (what its loads would read). */
function managerGiven(histories: { transfer?: object[]; source?: object[] }) {
  const load = <A extends Account | Transfer>(make: () => A, history: object[]) => {
    const aggregate = make();
    aggregate.loadFromHistory(history);
    return aggregate;
  };
  const accounts = { load: async () => load(() => new Account(from), histories.source ?? [new AccountOpenedEvent(from, 'Ada', 'EUR')]) };
  const transfers = { load: async () => load(() => new Transfer(transferId), histories.transfer ?? [new TransferRequestedEvent(transferId, from, to, 70, 'EUR')]) };
  return new TransferProcessManager(accounts as unknown as AccountRepository, transfers as unknown as TransferRepository);
}

const refuse = (error: Error, commandClass: abstract new (...args: never[]) => object) => (command: object) => {
  if (command instanceof commandClass) throw error;
};

describe('TransferProcessManager', () => {
  describe('when a transfer is requested', () => {
    it('debits the source, naming the transfer and the destination', async () => {
      await whenProcess(managerGiven({}), TRANSFER_PROCESS, requested(), noAnswer).thenSends(new DebitForTransferCommand(from, transferId, 70, to, null!));
    });

    it('fails the transfer with the reason when the debit is refused', async () => {
      const refusal = new InsufficientFundsError(from, 10, 70);
      await whenProcess(managerGiven({}), TRANSFER_PROCESS, requested(), refuse(refusal, DebitForTransferCommand)).thenSends(
        new DebitForTransferCommand(from, transferId, 70, to, null!),
        new SettleTransferCommand(transferId, refusal.message, null!),
      );
    });

    it('does nothing when replayed after the transfer already failed (a debit allowed since must not happen)', async () => {
      const failed = [new TransferRequestedEvent(transferId, from, to, 70, 'EUR'), new TransferFailedEvent(transferId, 'funds')];
      await whenProcess(managerGiven({ transfer: failed }), TRANSFER_PROCESS, requested()).thenSends();
    });

    it('holds (throws) on an error that is not a refusal, so the runner retries it', async () => {
      const lost = new ConcurrencyError(from, 1, 2);
      await whenProcess(managerGiven({}), TRANSFER_PROCESS, requested(), refuse(lost, DebitForTransferCommand)).thenThrows(ConcurrencyError);
    });
  });

  describe('when the source was debited', () => {
    it('credits the destination', async () => {
      await whenProcess(managerGiven({}), TRANSFER_PROCESS, debited()).thenSends(new CreditForTransferCommand(to, transferId, 70, from, null!));
    });

    it('refunds the source with the reason when the credit is refused (compensation)', async () => {
      const refusal = new AccountClosedError(to);
      await whenProcess(managerGiven({}), TRANSFER_PROCESS, debited(), refuse(refusal, CreditForTransferCommand)).thenSends(
        new CreditForTransferCommand(to, transferId, 70, from, null!),
        new RefundTransferDebitCommand(from, transferId, 70, refusal.message, null!),
      );
    });

    it('does nothing when replayed after the refund (a credit allowed since must not happen)', async () => {
      const source = [
        new AccountOpenedEvent(from, 'Ada', 'EUR'),
        new MoneyDepositedEvent(from, 70),
        new AccountDebitedEvent(from, transferId, 70, to),
        new DebitRefundedEvent(from, transferId, 70, 'closed'),
      ];
      await whenProcess(managerGiven({ source }), TRANSFER_PROCESS, debited()).thenSends();
    });
  });

  describe('when the destination was credited', () => {
    it('completes the transfer', async () => {
      const credited = recorded(to, 'Account', new AccountCreditedEvent(to, transferId, 70, from))[0];
      await whenProcess(managerGiven({}), TRANSFER_PROCESS, credited).thenSends(new SettleTransferCommand(transferId, null, null!));
    });
  });

  describe('when the debit was refunded', () => {
    it('fails the transfer with the refund’s reason', async () => {
      const refunded = recorded(from, 'Account', new DebitRefundedEvent(from, transferId, 70, 'Account a-2 is closed'))[0];
      await whenProcess(managerGiven({}), TRANSFER_PROCESS, refunded).thenSends(new SettleTransferCommand(transferId, 'Account a-2 is closed', null!));
    });
  });

  describe('the commands it sends', () => {
    it('carry ids derived from the event and the step (their idempotency key), the event as causation, its correlation id and the process as actor', async () => {
      const event = requested();
      const { eventId, correlationId } = envelopeOf(event).metadata;
      const debit = new DebitForTransferCommand(from, transferId, 70, to, null!);
      const [first] = (await whenProcess(managerGiven({}), TRANSFER_PROCESS, event).thenSends(debit)) as DebitForTransferCommand[];
      const [again] = (await whenProcess(managerGiven({}), TRANSFER_PROCESS, event).thenSends(debit)) as DebitForTransferCommand[];
      const commandId = deterministicId(TRANSFER_PROCESS, eventId, 'debit');
      expect(first.context).toEqual({
        commandId,
        correlationId,
        causationId: eventId,
        actor: { type: 'process', id: TRANSFER_PROCESS },
        idempotency: expect.objectContaining({ scope: `process-manager:${TRANSFER_PROCESS}`, key: commandId }),
      });
      expect(again.context).toEqual(first.context);
    });
  });
});
