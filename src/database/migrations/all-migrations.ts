import { CreateEventStore1764200000000 } from './1764200000000-create-event-store';
import { CreateCounterViews1764200000001 } from './1764200000001-create-counter-views';
import { AddSnapshotEventTime1764300000000 } from './1764300000000-add-snapshot-event-time';
import { CreateApiKeys1764400000000 } from './1764400000000-create-api-keys';

/** In the order they run. A migration, once released, is never edited: add a new one. */
export const migrations = [CreateEventStore1764200000000, CreateCounterViews1764200000001, AddSnapshotEventTime1764300000000, CreateApiKeys1764400000000];
