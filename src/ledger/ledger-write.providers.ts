import { registerEvents } from '../event-sourcing';
import { AccountRepository } from './account.repository';
import { accountEvents, transferEvents } from './domain/events/ledger-events';
import { TransferRepository } from './transfer.repository';

/**
 * The ledger's write side as the core needs it (event classes, repositories): listed by
 * LedgerModule, and by specs that run its command handlers on the in-memory core.
 */
export const ledgerWriteProviders = [registerEvents(...accountEvents, ...transferEvents), AccountRepository, TransferRepository];
