import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

// The bodies the running app gives: terminus's for a check list with nothing in it, and the
// error shape of http-exception.filter.ts, so a probe or client sees one contract throughout.
const LIVE_BODY = JSON.stringify({ status: 'ok', info: {}, error: {}, details: {} });
const STARTING_BODY = JSON.stringify({ statusCode: 503, error: 'Service Unavailable', message: 'Starting up' });
/** Seconds a client is told to wait: start-up usually ends within one. */
const STARTING_RETRY_AFTER_S = '1';

/** The port is taken: said in one line, like a bad setting, rather than as a stack trace. */
export class PortInUseError extends Error {
  constructor(port: number) {
    super(`Port ${port} is already in use by another process: stop it, or set PORT to a free port`);
  }
}

/** The HTTP server of the process, answering before the app exists; the app takes it over once built. */
export interface EarlyServer {
  readonly server: Server;
  /** From now on every request (on new and already open connections) goes to `listener`. */
  handOver(listener: RequestListener): void;
}

/**
 * Opens the port before NestJS, TypeORM and the app's modules load (most of the start-up time):
 * `GET /health/live` answers 200 at once, anything else 503 "Starting up" with Retry-After.
 * Readiness (`GET /health`) is one of those 503s until the app has taken over.
 */
export async function listenEarly(port: number): Promise<EarlyServer> {
  let listener: RequestListener = answerWhileStarting;
  const server = createServer((request, response) => listener(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error));
    server.listen(port, resolve);
  });
  server.removeAllListeners('error');
  return { server, handOver: (next) => (listener = next) };
}

function answerWhileStarting(request: IncomingMessage, response: ServerResponse): void {
  request.resume(); // a body nobody reads would hold the connection
  const live = (request.method === 'GET' || request.method === 'HEAD') && (request.url ?? '').split('?')[0] === '/health/live';
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };
  if (!live) headers['Retry-After'] = STARTING_RETRY_AFTER_S;
  response.writeHead(live ? 200 : 503, headers).end(live ? LIVE_BODY : STARTING_BODY);
}
