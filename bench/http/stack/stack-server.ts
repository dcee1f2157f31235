import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import Database from 'better-sqlite3';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ROW_READER, RowReader, rowReader, StackRoutesController } from './stack-routes';

export type Stack = 'node:http' | 'Nest + Express' | 'Nest + Fastify';

/**
 * A bench-only server process (forked by stack-comparison.ts): argv[2] is the stack, argv[3] the
 * SQLite file. Tells its parent the port it listens on, then serves until SIGTERM.
 */
async function serve(stack: Stack, file: string): Promise<void> {
  const read = rowReader(new Database(file, { readonly: true }));
  const server = stack === 'node:http' ? await listenRaw(read) : await listenNest(stack, read);
  process.send!({ port: (server.address() as AddressInfo).port });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

async function listenNest(stack: Stack, read: RowReader): Promise<Server> {
  @Module({ controllers: [StackRoutesController], providers: [{ provide: ROW_READER, useValue: read }] })
  class StackModule {}
  const app = stack === 'Nest + Fastify' ? await NestFactory.create(StackModule, new FastifyAdapter(), { logger: false }) : await NestFactory.create(StackModule, { logger: false });
  // As src/app.setup.ts does: no weak ETag hashed over every Express body.
  if (stack === 'Nest + Express') (app as NestExpressApplication).set('etag', false);
  await app.listen(0, '127.0.0.1');
  return app.getHttpServer() as Server;
}

const COUNTER_PATH = /^\/counters\/([0-9a-f-]{36})$/i;

/** The floor: the same two answers from node:http alone. */
function listenRaw(read: RowReader): Promise<Server> {
  const server = createServer((request, response) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
    };
    if (request.url === '/bench/bare') return send(200, { ok: true });
    const id = COUNTER_PATH.exec(request.url ?? '')?.[1];
    const row = id ? read(id) : undefined;
    return row ? send(200, row, { etag: `"${row.version}"` }) : send(404, { statusCode: 404 });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

serve(process.argv[2] as Stack, process.argv[3]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
