import { BadRequestException, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../../event-sourcing';
import { ProjectionRunner } from '../../event-sourcing';
import { ApiErrors } from '../../http/api-errors.decorator';
import { CommandCtx } from '../../http/command-context.decorator';
import { Idempotent } from '../../http/idempotency/idempotent.decorator';
import { MinPositionQuery } from '../../http/min-position.query';
import { uuidParam } from '../../http/uuid.pipe';
import { RequestTransferCommand } from '../commands/request-transfer.command';
import type { TransferView } from '../projections/transfer-view.entity';
import { TRANSFER_VIEWS } from '../projections/transfer-view.projection';
import { GetTransferQuery } from '../queries/get-transfer.query';
import { ListTransfersQuery } from '../queries/list-transfers.query';
import { ListTransfersQueryDto, RequestTransferDto } from './ledger-requests.dto';
import { RequestedTransferResponse, TransferListResponse, TransferResponse } from './ledger-responses.dto';

@ApiTags('transfers')
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @HttpCode(202)
  @Idempotent()
  @ApiOperation({
    operationId: 'requestTransfer',
    summary: 'Request a transfer between two accounts of one currency',
    description:
      'Answers 202 once the request is recorded; the transfer process manager then debits `from`, credits `to` and ' +
      'completes it, or fails it with a reason (insufficient funds, an account closed meanwhile: the debit is refunded). ' +
      'Follow it with GET /transfers/:id.',
  })
  @ApiAcceptedResponse({ type: RequestedTransferResponse })
  @ApiErrors(400, 404, 413, 422, 503)
  request(@Body() body: RequestTransferDto, @CommandCtx() context: CommandContext): Promise<RequestedTransferResponse> {
    if (body.from === body.to) throw new BadRequestException('to must be another account than from');
    return this.commands.execute(new RequestTransferCommand(body.from, body.to, body.amount, body.reference, context));
  }

  @Get()
  @ApiOperation({ operationId: 'listTransfers', summary: 'List transfers, oldest first, optionally of one account and in one status (from the transfer_views projection)' })
  @ApiOkResponse({ type: TransferListResponse })
  @ApiErrors(400, 503)
  async list(@Query() query: ListTransfersQueryDto): Promise<TransferListResponse> {
    await this.projections.ensureReadable([TRANSFER_VIEWS], query.minPosition);
    const filter = { account: query.account, status: query.status };
    const { items, total } = await this.queries.execute(new ListTransfersQuery(filter, query.limit ?? 20, query.offset ?? 0));
    return { items: items.map(toTransferResponse), total };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getTransfer', summary: 'Read a transfer: pending, then completed or failed (with the reason)' })
  @ApiOkResponse({ type: TransferResponse })
  @ApiErrors(400, 404, 503)
  async get(@Param('id', uuidParam('id')) id: string, @Query() query: MinPositionQuery): Promise<TransferResponse> {
    await this.projections.ensureReadable([TRANSFER_VIEWS], query.minPosition);
    return toTransferResponse(await this.queries.execute(new GetTransferQuery(id)));
  }
}

function toTransferResponse({ id, from, to, amount, status, reason, requestedAt, completedAt }: TransferView): TransferResponse {
  return { id, from, to, amount, status, ...(reason !== null && { reason }), requestedAt, ...(completedAt !== null && { completedAt }) };
}
