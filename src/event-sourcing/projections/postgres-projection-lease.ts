import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';
import type { EntityManager } from 'typeorm';
import { PROJECTION_LOCK_SPACE } from '../store/postgres-advisory-locks';
import { LeaseClaim, ProjectionLease, ProjectionLeaseLostError } from './projection-lease';

// How long a refused claim is remembered: a dead holder's projections move within about this
// (plus the runner's poll interval), and live instances do not query the lock on every poke.
const RECLAIM_INTERVAL_MS = 1000;

/**
 * Ownership by session advisory locks (`pg_try_advisory_lock`) held on one dedicated connection
 * per instance. When the instance dies, its connection closes and PostgreSQL frees the locks at
 * once; when the connection breaks, this instance drops everything it held and claims again on a
 * new connection.
 */
export class PostgresProjectionLease extends ProjectionLease {
  readonly shared = true;
  private readonly logger = new Logger('ProjectionLease');
  private readonly held = new Set<string>();
  private readonly refusedAt = new Map<string, number>();
  private session: Promise<Client> | null = null;
  private current: Client | null = null;
  private closed = false;
  private lastClaim: Promise<unknown> = Promise.resolve();

  constructor(private readonly config: ClientConfig) {
    super();
  }

  async claim(projection: string): Promise<LeaseClaim> {
    if (this.held.has(projection)) return 'held';
    const refused = this.refusedAt.get(projection);
    if (refused !== undefined && Date.now() - refused < RECLAIM_INTERVAL_MS) return 'elsewhere';
    // Runners claim at the same time, on one connection: pg wants one query at a time on a client
    // (it warns that queueing them is deprecated), so claims wait for each other.
    const claimed = this.lastClaim.then(() => this.tryLock(projection));
    this.lastClaim = claimed.catch(() => undefined);
    return claimed;
  }

  private async tryLock(projection: string): Promise<LeaseClaim> {
    if (this.held.has(projection)) return 'held';
    const client = await this.connection();
    const { rows } = await client
      .query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [PROJECTION_LOCK_SPACE, projection])
      .catch((error: Error) => {
        this.drop(client, error.message); // start over on a new connection next time
        throw error;
      });
    if (!rows[0].ok) {
      this.refusedAt.set(projection, Date.now());
      return 'elsewhere';
    }
    this.refusedAt.delete(projection);
    this.held.add(projection);
    this.logger.log(`advancing ${projection} from this instance`);
    return 'acquired';
  }

  async fence(manager: EntityManager, projection: string, expectedPosition: number): Promise<void> {
    if (!this.held.has(projection)) throw new ProjectionLeaseLostError(projection, expectedPosition, null);
    await fenceCheckpoint(manager, projection, expectedPosition);
  }

  forget(projection: string): void {
    this.held.delete(projection);
  }

  async releaseAll(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    this.held.clear();
    if (session) await (await session.catch(() => null))?.end().catch(() => undefined);
  }

  /** The session is gone or unusable: whatever it held is held no longer. */
  private drop(client: Client, reason: string): void {
    if (this.closed || this.current !== client) return;
    this.current = null;
    if (this.held.size > 0) this.logger.warn(`lost the ownership connection (${reason}); giving up ${[...this.held].join(', ')}`);
    this.held.clear();
    this.session = null;
    client.end().catch(() => undefined);
  }

  private connection(): Promise<Client> {
    if (this.closed) return Promise.reject(new Error('projection lease is closed'));
    this.session ??= this.open();
    return this.session;
  }

  private async open(): Promise<Client> {
    // TCP keepalives both ways: this instance notices a dead server, and the server notices a dead
    // instance (host crash, cut network) within about 15 s and frees its projections, instead of
    // after the operating system's default of two hours.
    const client = new Client({ ...this.config, keepAlive: true, keepAliveInitialDelayMillis: 5000 });
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', (error) => this.drop(client, error.message));
    client.on('end', () => this.drop(client, 'closed'));
    try {
      await client.connect();
      await client.query('SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 4');
      this.current = client;
      return client;
    } catch (error) {
      this.session = null;
      await client.end().catch(() => undefined);
      throw error;
    }
  }
}

/**
 * Locks the projection's checkpoint row for the rest of the transaction and refuses to go on when
 * it is not at `expectedPosition`. FOR UPDATE: a second writer waits for the first to commit, then
 * sees the moved checkpoint.
 */
export async function fenceCheckpoint(manager: EntityManager, projection: string, expectedPosition: number): Promise<void> {
  const rows: { position: string }[] = await manager.query('SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [projection]);
  const actual = rows.length > 0 ? Number(rows[0].position) : null;
  if (actual !== expectedPosition) throw new ProjectionLeaseLostError(projection, expectedPosition, actual);
}
