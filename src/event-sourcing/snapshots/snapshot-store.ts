import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { FindOptionsWhere, LessThanOrEqual, Not, Repository } from 'typeorm';
import { TransactionRunner } from '../store/transaction-runner';
import { SnapshotRecord } from './snapshot.entity';

export interface Snapshot {
  streamId: string;
  version: number;
  schemaVersion: number;
  state: unknown;
  /** When the last event folded into `state` occurred. */
  occurredAt: Date;
}

/** Bounds for a past state: only snapshots at or before this version, or this time, qualify. */
export interface SnapshotBound {
  version?: number;
  at?: Date;
}

/** Where aggregate snapshots are kept: the database (TypeOrmSnapshotStore) or memory, for unit specs. */
export abstract class SnapshotStore {
  /** The newest snapshot of `schemaVersion` within `bound`, or null. */
  abstract latest(streamId: string, schemaVersion: number, bound?: SnapshotBound): Promise<Snapshot | null>;

  /** Saves a snapshot, replacing one at the same version and dropping those of other schema versions. */
  abstract save(snapshot: Snapshot): Promise<void>;
}

/**
 * Aggregate snapshots in the `snapshots` table, through TypeORM so that it runs on SQLite and
 * PostgreSQL alike. Writes go through the TransactionRunner (on SQLite: the process-wide write lock).
 */
@Injectable()
export class TypeOrmSnapshotStore extends SnapshotStore {
  constructor(
    @InjectRepository(SnapshotRecord) private readonly snapshots: Repository<SnapshotRecord>,
    private readonly transactions: TransactionRunner,
  ) {
    super();
  }

  /** The newest snapshot of `schemaVersion` within `bound`, or null. */
  async latest(streamId: string, schemaVersion: number, bound: SnapshotBound = {}): Promise<Snapshot | null> {
    const where: FindOptionsWhere<SnapshotRecord> = { streamId, schemaVersion };
    if (bound.version !== undefined) where.version = LessThanOrEqual(bound.version);
    if (bound.at !== undefined) where.occurredAt = LessThanOrEqual(bound.at);
    const row = await this.snapshots.findOne({ where, order: { version: 'DESC' } });
    if (!row) return null;
    const { version, state, occurredAt } = row;
    return { streamId, version, schemaVersion, state, occurredAt: occurredAt ?? new Date(0) };
  }

  /** Saves a snapshot, replacing one at the same version and dropping those of other schema versions. */
  async save(snapshot: Snapshot): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.delete(SnapshotRecord, { streamId: snapshot.streamId, schemaVersion: Not(snapshot.schemaVersion) });
      await manager.delete(SnapshotRecord, { streamId: snapshot.streamId, version: snapshot.version });
      const row: SnapshotRecord = { ...snapshot, state: snapshot.state as Record<string, unknown>, takenAt: new Date() };
      await manager.save(SnapshotRecord, row);
    });
  }
}
