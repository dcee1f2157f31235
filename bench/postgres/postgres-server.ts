import { Client } from 'pg';

/** The server, without a database: each measurement gets a database of its own there. */
export const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** Runs `work` on a short-lived connection to the server's `postgres` database. */
export async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${SERVER_URL}/postgres`, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates database `name`, runs `work` with its URL, and drops it again whatever happened. */
export async function withFreshDatabase<T>(name: string, work: (url: string) => Promise<T>): Promise<T> {
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  try {
    return await work(`${SERVER_URL}/${name}`);
  } finally {
    await onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
