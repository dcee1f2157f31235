import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

const SERVER = 'postgres://postgres@127.0.0.1:5432';

async function admin<T>(work: (db: DataSource) => Promise<T>): Promise<T> {
  const db = await new DataSource({ type: 'postgres', url: `${SERVER}/test` }).initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/**
 * A fresh, uniquely named PostgreSQL database on 127.0.0.1:5432, dropped by `drop()`. Null when
 * PostgreSQL is not reachable, except in CI (CI=true), where that is an error.
 */
export async function tempPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const name = `chronicle_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin((db) => db.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    console.warn(`PostgreSQL is not reachable at ${SERVER}: skipping its tests (${String(error)})`);
    return null;
  }
  return {
    url: `${SERVER}/${name}`,
    drop: () => admin((db) => db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}
