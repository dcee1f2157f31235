import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The server tests create their databases on: any database there works as the admin entry. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Why PostgreSQL cannot be used here, or null. Synchronous (a tiny child process connects), so
 * suites can decide before declaring their tests.
 */
export function postgresUnavailable(): string | null {
  const probe = `const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.end()).catch((e) => { console.error(e.message); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', probe, POSTGRES_ADMIN_URL], { encoding: 'utf8', timeout: 10_000 });
  if (result.status === 0) return null;
  return `no PostgreSQL at ${POSTGRES_ADMIN_URL} (${(result.stderr || result.error?.message || 'probe failed').trim()}); set TEST_POSTGRES_URL`;
}

export interface TempPostgresDatabase {
  url: string;
  name: string;
  /** Drops the database, closing whatever connections are still open on it. */
  drop(): Promise<void>;
}

/** Runs `work` with the URL of a new database on the test server, and drops it again whatever happened. */
export async function withTempPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const database = await createTempPostgresDatabase();
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
}

/** A new, empty, uniquely named database on the test server. */
export async function createTempPostgresDatabase(): Promise<TempPostgresDatabase> {
  const name = `chronicle_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => dropPostgresDatabase(name) };
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Runs `work` on a short-lived connection to the admin database. */
export async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
