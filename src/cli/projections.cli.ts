import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppModule } from '../app.module';
import { Environment, validateEnvironment } from '../config/environment';
import { parseDatabaseUrl } from '../database/database-url';
import { DatabaseHeldError, SqliteWriterLock } from '../database/sqlite-writer-lock';
import { ProjectionRunner } from '../event-sourcing';
import { readStoredProjectionStates } from './stored-projection-states';

/**
 * `npm run projections -- status`, `-- rebuild <name|--all>`, `-- park <name>`, `-- parked <name>`
 * and `-- retry-parked <name> <position>`, run from the compiled build (`dist/cli/projections.cli.js`,
 * no TypeScript needed). `status` only reads the database; the others boot the app without its
 * HTTP server, and on SQLite refuse while another process (the service) holds the database for
 * writing: SQLite has one writer process (use the HTTP routes of the running service instead).
 */
async function withApp<T>(work: (runner: ProjectionRunner) => Promise<T>): Promise<T> {
  refuseWhileHeld(validateEnvironment(process.env));
  const app: INestApplicationContext = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    return await work(app.get(ProjectionRunner));
  } finally {
    await app.close();
  }
}

/** Checked before the app opens the database (the app takes the lock itself once it runs). */
function refuseWhileHeld(env: Environment): void {
  const target = parseDatabaseUrl(env.DATABASE_URL);
  if (target.kind !== 'sqlite' || target.file === ':memory:') return;
  const lock = SqliteWriterLock.tryAcquire(target.file);
  if (!lock) throw new DatabaseHeldError(target.file);
  lock.release();
}

async function rebuild(runner: ProjectionRunner, name: string): Promise<void> {
  await runner.rebuild(name);
  const bar = new SingleBar({ format: `${name.padEnd(24)} {bar} {percentage}% | {value}/{total} | {eta_formatted} left` }, Presets.shades_classic);
  bar.start(Math.max(1, (await runner.states()).find((s) => s.name === name)!.headPosition), 0);
  let progress = runner.progress(name);
  while (progress.status === 'rebuilding') {
    bar.update(progress.position);
    await sleep(200);
    progress = runner.progress(name);
  }
  bar.update(progress.position);
  bar.stop();
  if (progress.status === 'failing') throw new Error(`${name} failed while rebuilding: ${progress.lastError}`);
  console.log(`${name}: rebuilt up to position ${progress.position}`);
}

const program = new Command('projections').description('Inspect and rebuild Chronicle projections');

program
  .command('status')
  .description("print each projection's (and process manager's) stored checkpoint, the head of the log, the lag and the stored status")
  .action(async () => {
    const states = await readStoredProjectionStates(validateEnvironment(process.env));
    if (states.length === 0) console.log('No projection has recorded a checkpoint yet.');
    else console.table(states);
  });

program
  .command('rebuild')
  .description('empty a read model and replay the whole event log into it')
  .argument('[name]', 'the projection to rebuild')
  .option('--all', 'rebuild every projection')
  .action((name: string | undefined, options: { all?: boolean }) =>
    withApp(async (runner) => {
      const names = options.all ? runner.list('projection').map((p) => p.name) : name ? [name] : [];
      if (names.length === 0) program.error('name a projection, or pass --all');
      names.forEach((n) => known(runner, n));
      for (const n of names) await rebuild(runner, n);
    }),
  );

program
  .command('park')
  .description('park the event a failing projection holds at (recorded with its error) and move past it')
  .argument('<name>', 'the failing projection')
  .option('--position <n>', 'only if it holds at this position', (value) => Number(value))
  .action((name: string, options: { position?: number }) =>
    withApp(async (runner) => {
      known(runner, name);
      console.table([await runner.park(name, options.position)]);
    }),
  );

program
  .command('parked')
  .description('list the events parked out of a projection, with their errors')
  .argument('<name>', 'the projection')
  .action((name: string) =>
    withApp(async (runner) => {
      known(runner, name);
      console.table(await runner.parkedEvents(name));
    }),
  );

program
  .command('retry-parked')
  .description('apply a parked event now (after a fix); it stays parked if it fails again')
  .argument('<name>', 'the projection')
  .argument('<position>', 'the parked event\'s position', (value) => Number(value))
  .action((name: string, position: number) =>
    withApp(async (runner) => {
      known(runner, name);
      console.table([await runner.retryParked(name, position)]);
    }),
  );

function known(runner: ProjectionRunner, name: string): void {
  if (!runner.has(name)) program.error(`no projection is named '${name}'; known: ${runner.list('projection').map((p) => p.name).join(', ')}`);
}

program.parseAsync().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
