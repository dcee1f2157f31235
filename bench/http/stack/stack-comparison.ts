import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { extname, join, resolve } from 'node:path';
import type { BenchContext } from '../../support/suite';
import { LoadOutcome, runLoad } from '../load';
import { medianOutcome } from '../median-outcome';
import type { Stack } from './stack-server';

export const STACKS: Stack[] = ['node:http', 'Nest + Express', 'Nest + Fastify'];
export const STACK_CONNECTIONS = [10, 100];
const ROWS = 1000;

export interface StackMeasured {
  stack: Stack;
  connections: number;
  bare: LoadOutcome;
  read: LoadOutcome;
}

const ROUNDS = 3;

/**
 * Each stack in its own process over the same SQLite file, loaded by the same generator: bare
 * and read at 10 and 100 connections, stack after stack, in interleaved rounds (medians reported),
 * so that a burst of other work on the machine does not land on one stack only.
 */
export async function measureStacks(context: BenchContext): Promise<StackMeasured[]> {
  const file = join(context.tmpDir, 'stacks.db');
  const reads = seedRows(file).map((id) => `/counters/${id}`);
  const seconds = context.quick ? 1 : 4;
  const cells = STACK_CONNECTIONS.flatMap((connections) => [
    { method: 'GET' as const, paths: ['/bench/bare'], connections, seconds },
    { method: 'GET' as const, paths: reads, connections, seconds },
  ]);
  // A first run, not reported, gets both routes compiled by V8 before any is measured.
  const warmUp = { method: 'GET' as const, paths: ['/bench/bare', ...reads], connections: 10, seconds };
  const servers = await Promise.all(STACKS.map((stack) => startStack(stack, file)));
  const runs = STACKS.map(() => [] as LoadOutcome[][]);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      context.log(`http: HTTP stacks, round ${round + 1} of ${ROUNDS}`);
      for (const [i, server] of servers.entries()) {
        const plan = { url: server.url, serverPid: server.pid, warmupSeconds: context.quick ? 0.5 : 1, cells: round === 0 ? [warmUp, ...cells] : cells };
        runs[i].push((await runLoad(plan, context.tmpDir)).slice(round === 0 ? 1 : 0));
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  return STACKS.flatMap((stack, i) =>
    STACK_CONNECTIONS.map((connections, j) => ({
      stack,
      connections,
      bare: medianOutcome(runs[i].map((round) => round[2 * j])),
      read: medianOutcome(runs[i].map((round) => round[2 * j + 1])),
    })),
  );
}

function seedRows(file: string): string[] {
  const database = new Database(file);
  database.exec('CREATE TABLE counter_views (id VARCHAR(36) PRIMARY KEY, name TEXT NOT NULL, value INTEGER NOT NULL, version INTEGER NOT NULL, updated_at VARCHAR(30) NOT NULL)');
  const insert = database.prepare('INSERT INTO counter_views VALUES (?, ?, ?, ?, ?)');
  const ids = Array.from({ length: ROWS }, () => randomUUID());
  database.transaction(() => ids.forEach((id, i) => insert.run(id, `bench-${i}`, i, i + 1, new Date().toISOString())))();
  database.close();
  return ids;
}

async function startStack(stack: Stack, file: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  // Compiled like the rest of the bench; from its sources, through ts-node (see support/child.ts).
  const compiled = extname(__filename) === '.js';
  const child = fork(resolve(__dirname, `stack-server${extname(__filename)}`), [stack, file], {
    execArgv: compiled ? [] : ['-r', 'ts-node/register/transpile-only'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const port = await new Promise<number>((done, fail) => {
    child.once('message', (message) => done((message as { port: number }).port));
    child.once('exit', (code) => fail(new Error(`the ${stack} server exited with code ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
