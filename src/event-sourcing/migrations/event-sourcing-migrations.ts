import { CreateEventStore1764200000000 } from './1764200000000-create-event-store';
import { AddSnapshotEventTime1764300000000 } from './1764300000000-add-snapshot-event-time';
import { CreateParkedEvents1764500000000 } from './1764500000000-create-parked-events';
import { CreateProcessedCommands1764600000000 } from './1764600000000-create-processed-commands';
import { CreateAppendFunction1764910000000 } from './1764910000000-create-append-function';

/**
 * The migrations of the core's own tables (events, snapshots, projection_checkpoints,
 * parked_events, processed_commands; on PostgreSQL the chronicle_append function), in the order they run. The host app lists them with its read models' migrations (TypeORM orders them
 * all by the timestamp in their names). Their class names are what TypeORM records in its
 * `migrations` table, so they never change; a released migration is never edited: add a new one.
 */
export const eventSourcingMigrations = [
  CreateEventStore1764200000000,
  AddSnapshotEventTime1764300000000,
  CreateParkedEvents1764500000000,
  CreateProcessedCommands1764600000000,
  CreateAppendFunction1764910000000,
];
