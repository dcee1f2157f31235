import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../event-sourcing';
import type { AccountStatus } from '../domain/account.aggregate';

/** One row per account: what GET /accounts reads. Rebuildable from the events at any time. */
@Entity('account_views')
export class AccountView {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  owner: string;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  balance: number;

  @Column({ type: 'varchar', length: 10 })
  status: AccountStatus;

  /** The stream version this row reflects. */
  @Column({ type: 'integer' })
  version: number;

  /** Global position of the AccountOpened event: a stable listing order. */
  @Column({ name: 'created_position', type: 'bigint', transformer: bigintAsNumber })
  createdPosition: number;

  /** ISO-8601 time of the last event applied. */
  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;
}
