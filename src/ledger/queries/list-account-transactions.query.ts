import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { AggregateNotFoundError } from '../../event-sourcing';
import { Account } from '../domain/account.aggregate';
import { AccountTransaction } from '../projections/account-transaction.entity';
import { AccountView } from '../projections/account-view.entity';

export class ListAccountTransactionsQuery extends Query<AccountTransaction[]> {
  constructor(
    readonly accountId: string,
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}

/** Keyset paging on the event position: stable while movements are being added. */
@QueryHandler(ListAccountTransactionsQuery)
export class ListAccountTransactionsHandler implements IQueryHandler<ListAccountTransactionsQuery> {
  constructor(
    @InjectRepository(AccountView) private readonly accounts: Repository<AccountView>,
    @InjectRepository(AccountTransaction) private readonly transactions: Repository<AccountTransaction>,
  ) {}

  async execute({ accountId, after, limit }: ListAccountTransactionsQuery): Promise<AccountTransaction[]> {
    if (!(await this.accounts.existsBy({ id: accountId }))) throw new AggregateNotFoundError(Account.streamType, accountId);
    return this.transactions.find({ where: { accountId, position: MoreThan(after) }, order: { position: 'ASC' }, take: limit });
  }
}
