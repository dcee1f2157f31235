import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, Repository } from 'typeorm';
import type { TransferStatus } from '../domain/transfer.aggregate';
import { TransferView } from '../projections/transfer-view.entity';

export interface TransferFilter {
  /** Transfers from or to this account. */
  account?: string;
  status?: TransferStatus;
}

export class ListTransfersQuery extends Query<{ items: TransferView[]; total: number }> {
  constructor(
    readonly filter: TransferFilter,
    readonly limit: number,
    readonly offset: number,
  ) {
    super();
  }
}

/** Oldest first, so that paging with offset is stable while transfers are being requested. */
@QueryHandler(ListTransfersQuery)
export class ListTransfersHandler implements IQueryHandler<ListTransfersQuery> {
  constructor(@InjectRepository(TransferView) private readonly views: Repository<TransferView>) {}

  async execute({ filter: { account, status }, limit, offset }: ListTransfersQuery) {
    // Only the criteria given: TypeORM refuses undefined values in a where clause.
    const byStatus: FindOptionsWhere<TransferView> = status === undefined ? {} : { status };
    const where = account === undefined ? [byStatus] : [{ ...byStatus, from: account }, { ...byStatus, to: account }];
    const [items, total] = await this.views.findAndCount({ where, order: { requestedPosition: 'ASC' }, take: limit, skip: offset });
    return { items, total };
  }
}
