import { request, type ClientRequest } from 'node:http';

/**
 * A Server-Sent Events client that only counts messages and checks their ids increase: cheap
 * enough that thirty of them in a test process do not slow it down and skew what it measures.
 */
export class CountingSseClient {
  status = 0;
  count = 0;
  lastId = 0;
  inOrder = true;
  private readonly req: ClientRequest;
  private carry = '';

  constructor(url: string) {
    this.req = request(url, { headers: { Accept: 'text/event-stream' } }, (res) => {
      this.status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.receive(chunk));
      res.on('error', () => undefined);
    });
    this.req.on('error', () => undefined);
    this.req.end();
  }

  close(): void {
    this.req.destroy();
  }

  private receive(chunk: string): void {
    const text = this.carry + chunk;
    const cut = text.lastIndexOf('\n');
    this.carry = text.slice(cut + 1);
    for (const match of text.slice(0, cut + 1).matchAll(/^id: (\d+)$/gm)) {
      const id = Number(match[1]);
      if (id <= this.lastId) this.inOrder = false;
      this.lastId = id;
      this.count += 1;
    }
  }
}
