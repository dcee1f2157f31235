import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpSink {
  url: string;
  /** Export requests received (each carries a batch of spans). */
  requests: number;
  close(): Promise<void>;
}

/** Stands in for an OpenTelemetry collector: accepts every OTLP/HTTP export and answers 200. */
export async function startOtlpSink(): Promise<OtlpSink> {
  const sink: OtlpSink = { url: '', requests: 0, close: async () => undefined };
  const server: Server = createServer((request, response) => {
    sink.requests += 1;
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sink.close = () => new Promise<void>((done) => server.close(() => done()));
  return sink;
}
