import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { PastPoint } from '../../event-sourcing';
import { AccountRepository } from '../account.repository';
import type { AccountStatus } from '../domain/account.aggregate';

export interface AccountState {
  id: string;
  owner: string;
  currency: string;
  balance: number;
  status: AccountStatus;
  version: number;
  /** When the last event folded into this state occurred. */
  asOf: Date;
}

/** An account as it was after a version or at an instant: rehydrated from the event store, not the projection. */
export class GetAccountStateQuery extends Query<AccountState> {
  constructor(
    readonly accountId: string,
    readonly point: PastPoint,
  ) {
    super();
  }
}

@QueryHandler(GetAccountStateQuery)
export class GetAccountStateHandler implements IQueryHandler<GetAccountStateQuery> {
  constructor(private readonly accounts: AccountRepository) {}

  async execute({ accountId, point }: GetAccountStateQuery): Promise<AccountState> {
    const { aggregate: a, asOf } = await this.accounts.loadAt(accountId, point);
    return { id: a.id, owner: a.owner, currency: a.currency, balance: a.balance, status: a.status, version: a.version, asOf };
  }
}
