import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client, ClientConfig } from 'pg';

const CHANNEL = 'chronicle_events_appended';
const RECONNECT_DELAY_MS = 1000;

/**
 * Appends announced across instances with LISTEN/NOTIFY, so that a projection owned by one
 * instance starts on an event written by another at once instead of at its next poll. Only a
 * hint: a lost notification costs latency (the poll still runs), never an event.
 */
export class PostgresAppendSignal {
  private readonly logger = new Logger('AppendSignal');
  /** Tags this process's own announcements, which its listeners already heard in-process. */
  private readonly source = randomUUID();
  private client: Client | null = null;
  private started = false;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: ClientConfig,
    private readonly onRemoteAppend: (lastPosition: number) => void,
  ) {}

  /** The statement an append runs inside its transaction: PostgreSQL delivers it only on commit. */
  announcement(lastPosition: number): { text: string; values: unknown[] } {
    return { text: 'SELECT pg_notify($1, $2)', values: [CHANNEL, `${this.source} ${lastPosition}`] };
  }

  /** The channel and source tag that `chronicle_append` announces with, the same announcement. */
  get target(): { channel: string; source: string } {
    return { channel: CHANNEL, source: this.source };
  }

  /** Starts listening (once); keeps reconnecting until closed. */
  listen(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ ...this.config, keepAlive: true });
    const lost = () => {
      if (this.client !== client && this.client !== null) return;
      this.client = null;
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', ({ payload }) => {
      const [source, position] = (payload ?? '').split(' ');
      if (source !== this.source && position) this.onRemoteAppend(Number(position));
    });
    try {
      this.client = client;
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      this.logger.warn(`cannot listen for other instances' appends yet: ${(error as Error).message}`);
      lost();
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, RECONNECT_DELAY_MS);
    this.retry.unref();
  }
}
