import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { counterEvents } from '../../src/counters/domain/events/counter-events';
import { CounterIncrementedEvent } from '../../src/counters/domain/events/counter-incremented.event';
import { envelopeOf, Projection, ProjectionHandler } from '../../src/event-sourcing';
import { sql } from '../support/sql';

/**
 * Switched on and off by the test: while on, the projection throws on any increment by 13, and
 * runs a query the database refuses on any increment by 14.
 */
export const fault = { active: true };

/**
 * A second projection over the counter events that logs every event it applies, keyed by global
 * position, so applying one twice would break the primary key and show in the log.
 */
@Projection({ name: 'flaky_log', events: counterEvents })
export class FlakyProjection implements ProjectionHandler {
  async handle(event: object, manager: EntityManager): Promise<void> {
    if (fault.active && event instanceof CounterIncrementedEvent && event.by === 13) throw new Error('unlucky thirteen');
    if (fault.active && event instanceof CounterIncrementedEvent && event.by === 14) await manager.query('SELECT secret_column FROM no_such_table_14');
    const { position, streamId, type } = envelopeOf(event);
    const by = event instanceof CounterIncrementedEvent ? event.by : 0;
    await manager.query(sql(manager.connection, 'INSERT INTO flaky_log (position, stream_id, type, by_value) VALUES (?, ?, ?, ?)'), [position, streamId, type, by]);
  }

  async reset(manager: EntityManager): Promise<void> {
    await manager.query('DELETE FROM flaky_log');
  }
}

@Injectable()
class FlakyTable implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.dataSource.query('CREATE TABLE IF NOT EXISTS flaky_log (position INTEGER PRIMARY KEY, stream_id TEXT, type TEXT, by_value INTEGER)');
  }
}

@Module({ providers: [FlakyTable, FlakyProjection] })
export class FlakyProjectionModule {}
