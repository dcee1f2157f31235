import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CommandContext } from '../../event-sourcing';
import { ProjectionRunner } from '../../event-sourcing';
import { ApiErrors } from '../../http/api-errors.decorator';
import { CommandCtx } from '../../http/command-context.decorator';
import { Idempotent } from '../../http/idempotency/idempotent.decorator';
import { IfMatchVersions } from '../../http/if-match.decorator';
import { MinPositionQuery } from '../../http/min-position.query';
import { PageQuery } from '../../http/page.query';
import { PastPointQuery, pastPointOf } from '../../http/past-point.query';
import { CloseAccountCommand } from '../commands/close-account.command';
import { DepositMoneyCommand, WithdrawMoneyCommand } from '../commands/move-money.command';
import { OpenAccountCommand } from '../commands/open-account.command';
import type { AccountTransaction } from '../projections/account-transaction.entity';
import type { AccountView } from '../projections/account-view.entity';
import { ACCOUNT_VIEWS } from '../projections/account-view.projection';
import { GetAccountStateQuery } from '../queries/get-account-state.query';
import { GetAccountQuery } from '../queries/get-account.query';
import { ListAccountTransactionsQuery } from '../queries/list-account-transactions.query';
import { ListAccountsQuery } from '../queries/list-accounts.query';
import { CloseAccountDto, MoveMoneyDto, OpenAccountDto, TransactionsQueryDto } from './ledger-requests.dto';
import {
  AccountCommandResponse,
  AccountListResponse,
  AccountResponse,
  AccountStateResponse,
  AccountTransactionResponse,
  AccountTransactionsResponse,
  OpenedAccountResponse,
} from './ledger-responses.dto';
import { ApiPastState } from '../../http/past-state.decorator';
import { uuidParam } from '../../http/uuid.pipe';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'The version you last saw, in quotes ("4"). If the account has moved on, 412 and nothing is recorded.',
};

@ApiTags('accounts')
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @Idempotent()
  @ApiOperation({ operationId: 'openAccount', summary: 'Open an account at a balance of 0' })
  @ApiCreatedResponse({ type: OpenedAccountResponse })
  @ApiErrors(400, 413, 422, 503)
  open(@Body() body: OpenAccountDto, @CommandCtx() context: CommandContext): Promise<OpenedAccountResponse> {
    return this.commands.execute(new OpenAccountCommand(body.owner, body.currency, context));
  }

  @Post(':id/deposits')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ operationId: 'depositToAccount', summary: 'Add `amount` (minor units); 422 on a closed account' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AccountCommandResponse })
  @ApiErrors(400, 404, 409, 412, 413, 422, 503)
  deposit(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: MoveMoneyDto,
    @IfMatchVersions() expectedVersions: number[] | undefined,
    @CommandCtx() context: CommandContext,
  ): Promise<AccountCommandResponse> {
    return this.commands.execute(new DepositMoneyCommand(id, body.amount, body.reference, context, expectedVersions));
  }

  @Post(':id/withdrawals')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ operationId: 'withdrawFromAccount', summary: 'Take `amount` out; 422 if the balance would go below zero or the account is closed' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AccountCommandResponse })
  @ApiErrors(400, 404, 409, 412, 413, 422, 503)
  withdraw(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: MoveMoneyDto,
    @IfMatchVersions() expectedVersions: number[] | undefined,
    @CommandCtx() context: CommandContext,
  ): Promise<AccountCommandResponse> {
    return this.commands.execute(new WithdrawMoneyCommand(id, body.amount, body.reference, context, expectedVersions));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Idempotent()
  @ApiOperation({ operationId: 'closeAccount', summary: 'Close the account; 422 unless its balance is 0' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AccountCommandResponse })
  @ApiErrors(400, 404, 409, 412, 413, 422, 503)
  close(
    @Param('id', uuidParam('id')) id: string,
    @Body() _body: CloseAccountDto,
    @IfMatchVersions() expectedVersions: number[] | undefined,
    @CommandCtx() context: CommandContext,
  ): Promise<AccountCommandResponse> {
    return this.commands.execute(new CloseAccountCommand(id, context, expectedVersions));
  }

  @Get()
  @ApiOperation({ operationId: 'listAccounts', summary: 'List accounts, oldest first (from the account_views projection)' })
  @ApiOkResponse({ type: AccountListResponse })
  @ApiErrors(400, 503)
  async list(@Query() query: PageQuery): Promise<AccountListResponse> {
    await this.awaitProjection(query.minPosition);
    const { items, total } = await this.queries.execute(new ListAccountsQuery(query.limit ?? 20, query.offset ?? 0));
    return { items: items.map(toAccountResponse), total };
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getAccount', summary: 'Read an account (from the account_views projection); ETag is its version' })
  @ApiOkResponse({ type: AccountResponse, headers: { ETag: { description: 'The version, quoted ("4"): send it as If-Match', schema: { type: 'string', example: '"4"' } } } })
  @ApiErrors(400, 404, 503)
  async get(@Param('id', uuidParam('id')) id: string, @Query() query: MinPositionQuery, @Res({ passthrough: true }) response: Response): Promise<AccountResponse> {
    await this.awaitProjection(query.minPosition);
    const view = await this.queries.execute(new GetAccountQuery(id));
    response.setHeader('ETag', `"${view.version}"`);
    return toAccountResponse(view);
  }

  @Get(':id/transactions')
  @ApiOperation({ operationId: 'listAccountTransactions', summary: 'The account’s movements, oldest first, keyset paged on their position (from the account_views projection)' })
  @ApiOkResponse({ type: AccountTransactionsResponse })
  @ApiErrors(400, 404, 503)
  async transactions(@Param('id', uuidParam('id')) id: string, @Query() query: TransactionsQueryDto): Promise<AccountTransactionsResponse> {
    await this.awaitProjection(query.minPosition);
    const after = query.after ?? 0;
    const rows = await this.queries.execute(new ListAccountTransactionsQuery(id, after, query.limit ?? 100));
    return { items: rows.map(toTransactionResponse), nextAfter: rows.at(-1)?.position ?? after };
  }

  @Get(':id/state')
  @Header('Cache-Control', 'no-store')
  @ApiPastState('Account')
  @ApiOperation({
    operationId: 'getAccountState',
    summary: 'A past state: the account right after `version`, or at the instant `at` (exactly one of them)',
    description: 'Rehydrated from the event store (from a snapshot at or before that point, then the events up to it), never from the projection.',
  })
  @ApiOkResponse({ type: AccountStateResponse })
  @ApiErrors(400, 404)
  async state(@Param('id', uuidParam('id')) id: string, @Query() query: PastPointQuery): Promise<AccountStateResponse> {
    const state = await this.queries.execute(new GetAccountStateQuery(id, pastPointOf(query)));
    return { ...state, asOf: state.asOf.toISOString() };
  }

  private awaitProjection(minPosition: number | undefined): Promise<void> {
    return this.projections.ensureReadable([ACCOUNT_VIEWS], minPosition);
  }
}

function toAccountResponse({ id, owner, currency, balance, status, version, updatedAt }: AccountView): AccountResponse {
  return { id, owner, currency, balance, status, version, updatedAt };
}

function toTransactionResponse(row: AccountTransaction): AccountTransactionResponse {
  const { position, kind, amount, balanceAfter, transferId, reference, occurredAt } = row;
  return {
    position,
    kind,
    amount,
    balanceAfter,
    ...(transferId !== null && { transferId }),
    ...(reference !== null && { reference }),
    occurredAt,
  };
}
