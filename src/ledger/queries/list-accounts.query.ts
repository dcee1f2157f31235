import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AccountView } from '../projections/account-view.entity';

export class ListAccountsQuery extends Query<{ items: AccountView[]; total: number }> {
  constructor(
    readonly limit: number,
    readonly offset: number,
  ) {
    super();
  }
}

/** Oldest first, so that paging with offset is stable while accounts are being opened. */
@QueryHandler(ListAccountsQuery)
export class ListAccountsHandler implements IQueryHandler<ListAccountsQuery> {
  constructor(@InjectRepository(AccountView) private readonly views: Repository<AccountView>) {}

  async execute({ limit, offset }: ListAccountsQuery) {
    const [items, total] = await this.views.findAndCount({ order: { createdPosition: 'ASC' }, take: limit, skip: offset });
    return { items, total };
  }
}
