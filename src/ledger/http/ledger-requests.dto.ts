import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import { MAX_POSITION, StoredText } from '../../event-sourcing';
import { MinPositionQuery } from '../../http/min-position.query';
import { OptionalInteger } from '../../http/optional-integer.decorator';
import { PageQuery } from '../../http/page.query';
import { CURRENCY_PATTERN, MAX_AMOUNT, MAX_REFERENCE_LENGTH } from '../domain/money';

export class OpenAccountDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Ada' })
  @StoredText(1, 100)
  owner: string;

  @ApiProperty({ pattern: CURRENCY_PATTERN.source, example: 'EUR' })
  @IsString()
  @Matches(CURRENCY_PATTERN, { message: 'currency must be three upper-case letters, such as EUR' })
  currency: string;
}

const AMOUNT = { type: 'integer', minimum: 1, maximum: MAX_AMOUNT, example: 500, description: 'Minor units (cents).' } as const;

const Reference = () =>
  applyDecorators(ApiPropertyOptional({ maxLength: MAX_REFERENCE_LENGTH, example: 'invoice 42' }), IsOptional(), StoredText(0, MAX_REFERENCE_LENGTH));

export class MoveMoneyDto {
  @ApiProperty(AMOUNT)
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount: number;

  @Reference()
  reference?: string;
}

/** Close takes no fields; declaring the empty body makes any field a 400. */
export class CloseAccountDto {}

export class RequestTransferDto {
  @ApiProperty({ format: 'uuid', description: 'The account the money leaves.' })
  @IsUUID('all', { message: 'from must be a UUID' })
  from: string;

  @ApiProperty({ format: 'uuid', description: 'The account the money goes to; not `from`.' })
  @IsUUID('all', { message: 'to must be a UUID' })
  to: string;

  @ApiProperty({ ...AMOUNT, example: 100 })
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT)
  amount: number;

  @Reference()
  reference?: string;
}

export class TransactionsQueryDto extends MinPositionQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_POSITION, default: 0, description: 'Exclusive: only movements with a greater position.' })
  @OptionalInteger({ min: 0, max: MAX_POSITION, fromQuery: true })
  after?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 100 })
  @OptionalInteger({ min: 1, max: 1000, fromQuery: true })
  limit?: number;
}

export const TRANSFER_STATUSES = ['pending', 'completed', 'failed'] as const;

export class ListTransfersQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only transfers from or to this account.' })
  @ValidateIf((query: ListTransfersQueryDto) => query.account !== undefined)
  @IsUUID('all', { message: 'account must be a UUID' })
  account?: string;

  @ApiPropertyOptional({ enum: TRANSFER_STATUSES })
  @ValidateIf((query: ListTransfersQueryDto) => query.status !== undefined)
  @IsIn(TRANSFER_STATUSES)
  status?: (typeof TRANSFER_STATUSES)[number];
}
