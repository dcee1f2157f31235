import { randomUUID } from 'node:crypto';
import { AggregateNotFoundError, newCommandContext } from '../../event-sourcing';
import { commandScenario, CommandScenario } from '../../event-sourcing/testing';
import { Account } from '../domain/account.aggregate';
import { AccountClosedEvent } from '../domain/events/account-closed.event';
import { AccountOpenedEvent } from '../domain/events/account-opened.event';
import { TransferRequestedEvent } from '../domain/events/transfer-requested.event';
import { AccountClosedError, CurrencyMismatchError } from '../domain/ledger.errors';
import { ledgerWriteProviders } from '../ledger-write.providers';
import { RequestTransferCommand } from './request-transfer.command';
import { RequestTransferHandler } from './request-transfer.handler';

describe('RequestTransferHandler', () => {
  let scenario: CommandScenario;
  const [from, to] = [randomUUID(), randomUUID()];
  const request = (amount = 70) => new RequestTransferCommand(from, to, amount, 'rent', newCommandContext());

  beforeEach(async () => {
    scenario = await commandScenario({ providers: [...ledgerWriteProviders, RequestTransferHandler] });
  });
  afterEach(() => scenario.close());

  describe('when both accounts are open in one currency', () => {
    beforeEach(async () => {
      await scenario.given(Account.streamType, from, new AccountOpenedEvent(from, 'Ada', 'EUR'));
      await scenario.given(Account.streamType, to, new AccountOpenedEvent(to, 'Bob', 'EUR'));
    });

    it('records the request only, pending, whatever the source holds (the debit decides)', async () => {
      const result = await scenario.when(request(70)).then(new TransferRequestedEvent(expect.any(String) as string, from, to, 70, 'EUR', 'rent'));
      expect(result).toEqual({ id: expect.any(String), status: 'pending', position: expect.any(Number) });
    });

    it('refuses a destination closed meanwhile, recording nothing', async () => {
      await scenario.given(Account.streamType, to, new AccountClosedEvent(to));
      await scenario.when(request()).thenThrows(AccountClosedError);
    });
  });

  it('refuses accounts of two currencies', async () => {
    await scenario.given(Account.streamType, from, new AccountOpenedEvent(from, 'Ada', 'EUR'));
    await scenario.given(Account.streamType, to, new AccountOpenedEvent(to, 'Bob', 'USD'));
    await scenario.when(request()).thenThrows(CurrencyMismatchError);
  });

  it('refuses an account that does not exist', async () => {
    await scenario.given(Account.streamType, from, new AccountOpenedEvent(from, 'Ada', 'EUR'));
    await scenario.when(request()).thenThrows(AggregateNotFoundError);
  });
});
