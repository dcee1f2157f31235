/**
 * The command path without HTTP and without the projection: the app's module in one process
 * (`RUN_PROJECTIONS=false`), 1,000 counters, then increments sent straight to the CommandBus by
 * `concurrency` loops. Prints the process's CPU per command, so that a change below the controller
 * can be measured on a loaded machine (CPU time, unlike requests/s, barely moves with the load);
 * run it under `node --cpu-prof` for a profile of that path alone. After `npx tsc -p bench/tsconfig.json`:
 *
 *   node [--cpu-prof] .bench-build/bench/support/command-path.js [commands] [concurrency] [FULL|NORMAL]
 */
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

async function main(commands: number, concurrency: number, synchronous: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'command-path-'));
  Object.assign(process.env, { DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, SQLITE_SYNCHRONOUS: synchronous, RUN_PROJECTIONS: 'false', LOG_LEVEL: 'warn' });
  // Imported after the environment is set: modules read some settings while they load.
  const { AppModule } = await import('../../src/app.module');
  const { CreateCounterCommand } = await import('../../src/counters/commands/create-counter.command');
  const { IncrementCounterCommand } = await import('../../src/counters/commands/increment-counter.command');
  const { newCommandContext } = await import('../../src/event-sourcing');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  const bus = app.get(CommandBus);
  const ids: string[] = [];
  for (let i = 0; i < 1000; i++) ids.push((await bus.execute(new CreateCounterCommand(`c-${i}`, newCommandContext()))).id);
  const run = async (n: number) => {
    let next = 0;
    const loop = async () => {
      while (next++ < n) await bus.execute(new IncrementCounterCommand(ids[Math.floor(Math.random() * ids.length)], 1, newCommandContext()));
    };
    await Promise.all(Array.from({ length: concurrency }, loop));
  };
  await run(Math.min(commands, 5000)); // warm-up
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(commands);
  const { user, system } = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${commands} increments, ${concurrency} at a time, synchronous=${synchronous}: ${(commands / seconds).toFixed(0)}/s, ${((user + system) / 1000 / commands).toFixed(3)} ms CPU each`);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

const [commands = '20000', concurrency = '10', synchronous = 'FULL'] = process.argv.slice(2);
void main(Number(commands), Number(concurrency), synchronous);
