import { given } from '../../event-sourcing/testing';
import { TransferCompletedEvent } from './events/transfer-completed.event';
import { TransferFailedEvent } from './events/transfer-failed.event';
import { TransferRequestedEvent } from './events/transfer-requested.event';
import { TransferFinishedError } from './ledger.errors';
import { Transfer } from './transfer.aggregate';

const id = 't-1';
const blank = () => new Transfer(id);
const requested = new TransferRequestedEvent(id, 'a-1', 'a-2', 70, 'EUR', 'rent');

describe('Transfer', () => {
  describe('when it does not exist yet', () => {
    it('records the request, pending', () => {
      const transfer = Transfer.request(id, 'a-1', 'a-2', 70, 'EUR', 'rent');
      expect(transfer.getUncommittedEvents()).toStrictEqual([requested]);
      expect([transfer.status, transfer.from, transfer.to, transfer.amount]).toEqual(['pending', 'a-1', 'a-2', 70]);
    });
  });

  describe('when it is pending', () => {
    it('records its completion', () => {
      expect(given(blank, requested).when((t) => t.complete()).then(new TransferCompletedEvent(id)).status).toBe('completed');
    });

    it('records its failure with the reason', () => {
      const transfer = given(blank, requested).when((t) => t.fail('closed')).then(new TransferFailedEvent(id, 'closed'));
      expect([transfer.status, transfer.reason]).toEqual(['failed', 'closed']);
    });
  });

  describe('when it is completed', () => {
    const history = [requested, new TransferCompletedEvent(id)];

    it('records nothing when completed again (a retried step)', () => {
      given(blank, ...history).when((t) => t.complete()).then();
    });

    it('refuses to fail', () => {
      given(blank, ...history).when((t) => t.fail('late')).thenThrows(TransferFinishedError);
    });
  });

  describe('when it is failed', () => {
    const history = [requested, new TransferFailedEvent(id, 'closed')];

    it('records nothing when failed again', () => {
      given(blank, ...history).when((t) => t.fail('closed')).then();
    });

    it('refuses to complete', () => {
      given(blank, ...history).when((t) => t.complete()).thenThrows(TransferFinishedError);
    });
  });
});
