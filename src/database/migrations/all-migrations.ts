import { eventSourcingMigrations } from '../../event-sourcing';
import { CreateCounterViews1764200000001 } from './1764200000001-create-counter-views';
import { CounterViewNameAsText1764400000000 } from './1764400000000-counter-view-name-as-text';
import { CreateLedgerViews1764700000000 } from './1764700000000-create-ledger-views';

/**
 * The core's tables and the app's read models. TypeORM runs pending ones in timestamp order, so
 * a new database gets the same schema, in the same order, as before the core owned its own.
 * A migration, once released, is never edited: add a new one.
 */
export const migrations = [...eventSourcingMigrations, CreateCounterViews1764200000001, CounterViewNameAsText1764400000000, CreateLedgerViews1764700000000];
