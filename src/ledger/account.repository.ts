import { Injectable } from '@nestjs/common';
import { AggregateRepository, SnapshotPolicy } from '../event-sourcing';
import { Account } from './domain/account.aggregate';

@Injectable()
export class AccountRepository extends AggregateRepository<Account> {
  protected readonly streamType = Account.streamType;
  protected readonly snapshotPolicy = Account.snapshots as SnapshotPolicy<Account>;

  protected createEmpty(id: string): Account {
    return new Account(id);
  }
}
