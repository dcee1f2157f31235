import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AggregateNotFoundError } from '../../event-sourcing';
import { Account } from '../domain/account.aggregate';
import { AccountView } from '../projections/account-view.entity';

export class GetAccountQuery extends Query<AccountView> {
  constructor(readonly accountId: string) {
    super();
  }
}

@QueryHandler(GetAccountQuery)
export class GetAccountHandler implements IQueryHandler<GetAccountQuery> {
  constructor(@InjectRepository(AccountView) private readonly views: Repository<AccountView>) {}

  async execute({ accountId }: GetAccountQuery): Promise<AccountView> {
    const view = await this.views.findOneBy({ id: accountId });
    if (!view) throw new AggregateNotFoundError(Account.streamType, accountId);
    return view;
  }
}
