import { Injectable } from '@nestjs/common';
import { AggregateRepository } from '../event-sourcing';
import { Transfer } from './domain/transfer.aggregate';

/** No snapshots: a transfer has at most two events. */
@Injectable()
export class TransferRepository extends AggregateRepository<Transfer> {
  protected readonly streamType = Transfer.streamType;

  protected createEmpty(id: string): Transfer {
    return new Transfer(id);
  }
}
