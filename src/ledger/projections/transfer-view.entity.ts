import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../event-sourcing';
import type { TransferStatus } from '../domain/transfer.aggregate';

/** One row per transfer: what GET /transfers reads. */
@Entity('transfer_views')
export class TransferView {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'from_account', type: 'varchar', length: 36 })
  from: string;

  @Column({ name: 'to_account', type: 'varchar', length: 36 })
  to: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  amount: number;

  @Column({ type: 'varchar', length: 10 })
  status: TransferStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ name: 'requested_at', type: 'varchar', length: 30 })
  requestedAt: string;

  @Column({ name: 'completed_at', type: 'varchar', length: 30, nullable: true })
  completedAt: string | null;

  /** Global position of the TransferRequested event: a stable listing order. */
  @Column({ name: 'requested_position', type: 'bigint', transformer: bigintAsNumber })
  requestedPosition: number;
}
