import type { EventMetadata } from '../../src/event-sourcing/metadata/event-metadata';
import type { NewEvent } from '../../src/event-sourcing/store/stored-event';

/** The payload of the issue's `ItemAdded` event. */
export interface ItemAdded {
  seq: number;
  amount: number;
  sku: string;
  note: string;
}

/** What a read hands back, whoever did the reading: data and metadata already parsed. */
export interface ReadItem {
  position: number;
  version: number;
  data: ItemAdded;
  metadata: { correlationId: string; actor: string };
}

export const ITEM_STREAM_TYPE = 'Item';

/** The event: `{type:'ItemAdded', data:{seq, amount, sku, note}, metadata:{correlationId, actor}}`. */
export function itemAdded(seq: number): NewEvent {
  return {
    type: 'ItemAdded',
    schemaVersion: 1,
    data: { seq, amount: (seq % 97) + 1, sku: `SKU-${seq % 1000}`, note: `item ${seq} added by the store benchmark` },
    // The metadata, which the peer numbers used; the store never looks inside it.
    metadata: { correlationId: `corr-${seq}`, actor: 'bench' } as unknown as EventMetadata,
    occurredAt: new Date(),
  };
}

/** The bound parameters of one event row, in INSERT_COLUMNS order, for the raw baselines. */
export function rowValues(streamId: string, version: number, event: NewEvent): unknown[] {
  const { type, schemaVersion, data, metadata, occurredAt } = event;
  return [streamId, ITEM_STREAM_TYPE, version, type, schemaVersion, JSON.stringify(data), JSON.stringify(metadata), occurredAt.toISOString()];
}

export interface ItemTotals {
  events: number;
  amount: number;
  actors: number;
}

export function emptyTotals(): ItemTotals {
  return { events: 0, amount: 0, actors: 0 };
}

/** The fold every read workload runs: touches both parsed objects, so no parse can be skipped. */
export function foldItems(totals: ItemTotals, events: ReadItem[]): ItemTotals {
  for (const event of events) {
    totals.events += 1;
    totals.amount += event.data.amount;
    if (event.metadata.actor === 'bench') totals.actors += 1;
  }
  return totals;
}
