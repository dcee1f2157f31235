import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../store/bigint-column';

export type ProjectionStatus = 'running' | 'catching-up' | 'rebuilding' | 'failing';

@Entity('projection_checkpoints')
export class ProjectionCheckpoint {
  @PrimaryColumn({ type: 'varchar' })
  name: string;

  /** The last global position this projection has applied (or skipped as not its own). */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  position: number;

  @Column({ type: 'varchar' })
  status: ProjectionStatus;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'updated_at' })
  updatedAt: Date;
}
