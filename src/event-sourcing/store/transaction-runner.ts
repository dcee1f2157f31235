import type { DataSource, EntityManager } from 'typeorm';
import type { SqliteWriteLock } from './sqlite-write-lock';

/** Runs read-model writes (projections, checkpoints) in one database transaction. */
export abstract class TransactionRunner {
  abstract run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

export class SqliteTransactionRunner extends TransactionRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeLock: SqliteWriteLock,
  ) {
    super();
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.writeLock.run(() => this.dataSource.transaction(work));
  }
}

export class PooledTransactionRunner extends TransactionRunner {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
