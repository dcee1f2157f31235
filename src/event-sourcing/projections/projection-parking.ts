import { Logger } from '@nestjs/common';
import { describeFailure } from '../store/database-errors';
import type { TransactionRunner } from '../store/transaction-runner';
import type { EventParking } from './event-parking';
import type { ParkedEvent } from './parked-event.entity';
import { ParkedEventNotFoundError, ParkedEventStillFailingError } from './parking.errors';
import type { ProjectionWorker } from './projection-worker';

const logger = new Logger('Parking');

/**
 * Parks the event a failing projection holds at: it is recorded with its error and the projection
 * moves past it. An operator's deliberate act (holding stays the default), audited in the log.
 */
export async function parkHeldEvent(
  worker: ProjectionWorker,
  parking: EventParking,
  transactions: TransactionRunner,
  expectedPosition?: number,
): Promise<ParkedEvent> {
  return worker.whilePaused(async () => {
    const parked = await transactions.run((manager) => parking.parkHeld(manager, expectedPosition));
    logger.warn(`audit: ${worker.name}: parked ${parked.type} at position ${parked.position} (${parked.error}); moving past it`);
    await worker.reloadCheckpoint();
    return parked;
  });
}

/**
 * Applies a parked event now and forgets it, audited in the log.
 * @throws ParkedEventStillFailingError when it fails again (it stays parked).
 */
export async function retryParkedEvent(worker: ProjectionWorker, parking: EventParking, transactions: TransactionRunner, position: number): Promise<ParkedEvent> {
  return worker.whilePaused(async () => {
    try {
      const parked = await transactions.run((manager) => parking.retry(manager, position));
      logger.warn(`audit: ${worker.name}: applied the parked ${parked.type} at position ${position}`);
      return parked;
    } catch (error) {
      if (error instanceof ParkedEventNotFoundError) throw error;
      logger.error(`${worker.name}: the parked event at position ${position} failed again: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ParkedEventStillFailingError(worker.name, position, describeFailure(error));
    }
  });
}
