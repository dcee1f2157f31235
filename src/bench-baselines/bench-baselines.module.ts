import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TransactionRunner } from '../event-sourcing';
import { BenchBaselinesController } from './bench-baselines.controller';
import { BENCH_CRUD_COUNTERS, BenchCrudCounter } from './bench-crud-counter.entity';

/** The baselines `npm run bench` compares with; imported only when BENCH_BASELINES=true. */
@Module({
  imports: [TypeOrmModule.forFeature([BenchCrudCounter])],
  controllers: [BenchBaselinesController],
})
export class BenchBaselinesModule implements OnModuleInit {
  constructor(private readonly transactions: TransactionRunner) {}

  async onModuleInit(): Promise<void> {
    // Not a migration: migrations are the product's schema and would put this table in every
    // database. It exists only where the baselines are switched on, and the same SQL suits SQLite
    // and PostgreSQL.
    await this.transactions.run(async (manager) => {
      await manager.query('CREATE TABLE IF NOT EXISTS bench_crud_counters (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)');
      const rows = Array.from({ length: BENCH_CRUD_COUNTERS }, (_, i) => ({ id: i + 1, value: 0 }));
      await manager.createQueryBuilder().insert().into(BenchCrudCounter).values(rows).orIgnore().execute();
    });
  }
}
