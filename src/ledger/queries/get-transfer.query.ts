import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AggregateNotFoundError } from '../../event-sourcing';
import { Transfer } from '../domain/transfer.aggregate';
import { TransferView } from '../projections/transfer-view.entity';

export class GetTransferQuery extends Query<TransferView> {
  constructor(readonly transferId: string) {
    super();
  }
}

@QueryHandler(GetTransferQuery)
export class GetTransferHandler implements IQueryHandler<GetTransferQuery> {
  constructor(@InjectRepository(TransferView) private readonly views: Repository<TransferView>) {}

  async execute({ transferId }: GetTransferQuery): Promise<TransferView> {
    const view = await this.views.findOneBy({ id: transferId });
    if (!view) throw new AggregateNotFoundError(Transfer.streamType, transferId);
    return view;
  }
}
