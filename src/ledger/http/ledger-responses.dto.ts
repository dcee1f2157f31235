import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';

export class AccountCommandResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 500, description: 'Minor units (cents), after the command.' })
  balance: number;

  @ApiProperty({ description: 'Version of the account stream after the command.', example: 2 })
  version: number;

  @ApiProperty({ description: 'Global log position of the last event recorded: pass it as minPosition to read your write.', example: 42 })
  position: number;
}

export class OpenedAccountResponse extends AccountCommandResponse {
  @ApiProperty({ example: 'Ada' })
  owner: string;

  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({ enum: ['open'] })
  status: 'open' | 'closed';
}

export class AccountResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Ada' })
  owner: string;

  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({ example: 500 })
  balance: number;

  @ApiProperty({ enum: ['open', 'closed'] })
  status: 'open' | 'closed';

  @ApiProperty({ example: 2 })
  version: number;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class AccountListResponse {
  @ApiProperty({ type: [AccountResponse] })
  items: AccountResponse[];

  @ApiProperty({ example: 1 })
  total: number;
}

/** An account as it was at a past version or time, with `asOf` instead of `updatedAt`. */
export class AccountStateResponse extends OmitType(AccountResponse, ['updatedAt'] as const) {
  @ApiProperty({ format: 'date-time', description: 'When the last event folded into this state occurred.' })
  asOf: string;
}

export class AccountTransactionResponse {
  @ApiProperty({ example: 42, description: 'Global log position of the movement’s event.' })
  position: number;

  @ApiProperty({ enum: ['deposit', 'withdrawal', 'transfer-out', 'transfer-in', 'refund'] })
  kind: string;

  @ApiProperty({ example: 100 })
  amount: number;

  @ApiProperty({ example: 400 })
  balanceAfter: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Transfer movements and refunds only.' })
  transferId?: string;

  @ApiPropertyOptional({ example: 'invoice 42' })
  reference?: string;

  @ApiProperty({ format: 'date-time' })
  occurredAt: string;
}

export class AccountTransactionsResponse {
  @ApiProperty({ type: [AccountTransactionResponse] })
  items: AccountTransactionResponse[];

  @ApiProperty({ example: 42, description: 'Pass as `after` for the next page: the position of the last item, or `after` itself when the page is empty.' })
  nextAfter: number;
}

export class RequestedTransferResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['pending'] })
  status: 'pending';

  @ApiProperty({ example: 42, description: 'Pass as minPosition to GET /transfers/:id to see at least the pending transfer.' })
  position: number;
}

export class TransferResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  from: string;

  @ApiProperty({ format: 'uuid' })
  to: string;

  @ApiProperty({ example: 100 })
  amount: number;

  @ApiProperty({ enum: ['pending', 'completed', 'failed'] })
  status: 'pending' | 'completed' | 'failed';

  @ApiPropertyOptional({ description: 'Why it failed (failed transfers only).' })
  reason?: string;

  @ApiProperty({ format: 'date-time' })
  requestedAt: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Completed transfers only.' })
  completedAt?: string;
}

export class TransferListResponse {
  @ApiProperty({ type: [TransferResponse] })
  items: TransferResponse[];

  @ApiProperty({ example: 1 })
  total: number;
}
