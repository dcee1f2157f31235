import { Controller, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { TransactionRunner } from '../event-sourcing';
import { BenchCrudCounter } from './bench-crud-counter.entity';

/**
 * What `npm run bench` measures the counters API against: the same increment written as plain
 * CRUD, and endpoints that do no I/O at all (the framework's own limit).
 */
@ApiExcludeController()
@Controller('bench')
export class BenchBaselinesController {
  constructor(private readonly transactions: TransactionRunner) {}

  @Post('crud-counters/:id/increment')
  @HttpCode(200)
  increment(@Param('id', ParseIntPipe) id: number): Promise<BenchCrudCounter> {
    // The TransactionRunner is the app's one way to write through TypeORM: on SQLite it holds the
    // process-wide write lock, without which this UPDATE could land inside a projection's open
    // transaction on the shared connection (and be rolled back with it).
    return this.transactions.run(async (manager) => {
      const counters = manager.getRepository(BenchCrudCounter);
      const { affected } = await counters.increment({ id }, 'value', 1);
      if (!affected) throw new NotFoundException(`No bench counter ${id}`);
      return counters.findOneByOrFail({ id });
    });
  }

  @Post('bare')
  @HttpCode(200)
  barePost(): { ok: true } {
    return { ok: true };
  }

  @Get('bare')
  bareGet(): { ok: true } {
    return { ok: true };
  }
}
