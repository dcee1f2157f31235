import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../../event-sourcing';

/** One row per counter: what GET /counters reads. Rebuildable from the events at any time. */
@Entity('counter_views')
export class CounterView {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** TEXT, not VARCHAR(n): a read model holds whatever the event holds (see the 1764400000000 migration). */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  value: number;

  /** The stream version this row reflects. */
  @Column({ type: 'integer' })
  version: number;

  /** Global position of the CounterCreated event: a stable listing order. */
  @Column({ name: 'created_position', type: 'bigint', transformer: bigintAsNumber })
  createdPosition: number;

  /** ISO-8601 time of the last event applied. */
  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;
}
