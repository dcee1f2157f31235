import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Rows 1..BENCH_CRUD_COUNTERS exist once the module has started. */
export const BENCH_CRUD_COUNTERS = 1000;

/** The CRUD baseline's row: a counter as a user would store it without event sourcing. */
@Entity('bench_crud_counters')
export class BenchCrudCounter {
  @PrimaryColumn('integer')
  id: number;

  @Column('integer')
  value: number;
}
