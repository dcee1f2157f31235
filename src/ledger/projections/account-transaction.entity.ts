import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../event-sourcing';

export type TransactionKind = 'deposit' | 'withdrawal' | 'transfer-out' | 'transfer-in' | 'refund';

/**
 * One row per movement of money on an account, keyed by the position of its event. A unique index
 * on (account, kind, transfer) makes a second movement of one kind for one transfer impossible
 * even here: the projection would stop on it rather than show it.
 */
@Entity('account_transactions')
export class AccountTransaction {
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  position: number;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: TransactionKind;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amount: number;

  @Column({ name: 'balance_after', type: 'bigint', transformer: bigintAsNumber })
  balanceAfter: number;

  @Column({ name: 'transfer_id', type: 'varchar', length: 36, nullable: true })
  transferId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ name: 'occurred_at', type: 'varchar', length: 30 })
  occurredAt: string;
}
