import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../store/bigint-column';

/** An event an operator parked: the projection moved past it; it can be retried later. */
@Entity('parked_events')
export class ParkedEvent {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  projection: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  type: string;

  /** The classified reason it failed (the full error is in the log of when it failed). */
  @Column({ type: 'text' })
  error: string;

  @Column({ name: 'parked_at' })
  parkedAt: Date;
}
