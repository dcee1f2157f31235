import type { EntityManager } from 'typeorm';
import { envelopeOf, Projection, ProjectionHandler, ReadModelTable } from '../../event-sourcing';
import { TransferEvent, transferEvents } from '../domain/events/ledger-events';
import { TransferFailedEvent } from '../domain/events/transfer-failed.event';
import { TransferRequestedEvent } from '../domain/events/transfer-requested.event';
import { TransferView } from './transfer-view.entity';

export const TRANSFER_VIEWS = 'transfer_views';

const transferViews = new ReadModelTable(TransferView);

/** Keeps one `transfer_views` row per transfer: pending until completed or failed. */
@Projection({ name: TRANSFER_VIEWS, events: transferEvents })
export class TransferViewProjection implements ProjectionHandler<TransferEvent> {
  handle(event: TransferEvent, manager: EntityManager): Promise<void> {
    return this.handleBatch([event], manager);
  }

  async handleBatch(events: TransferEvent[], manager: EntityManager): Promise<void> {
    const views = transferViews.in(manager);
    const rows = await views.getMany(events.map((event) => event.transferId));
    for (const event of events) {
      const { position, occurredAt } = envelopeOf(event);
      if (event instanceof TransferRequestedEvent) {
        const { transferId: id, from, to, amount } = event;
        const requestedAt = occurredAt.toISOString();
        rows.set(id, { id, from, to, amount, status: 'pending', reason: null, requestedAt, completedAt: null, requestedPosition: position });
        continue;
      }
      const row = rows.get(event.transferId);
      if (!row) throw new Error(`${event.constructor.name} for transfer ${event.transferId}, which the view has never seen requested`);
      if (event instanceof TransferFailedEvent) Object.assign(row, { status: 'failed', reason: event.reason });
      else Object.assign(row, { status: 'completed', completedAt: occurredAt.toISOString() });
    }
    await views.upsert(rows.values());
  }

  reset(manager: EntityManager): Promise<void> {
    return transferViews.in(manager).clear();
  }
}
