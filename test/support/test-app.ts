import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { copyFileSync } from 'node:fs';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import type { StoreBackend } from './store-backends';
import { tempSqliteUrl } from './temp-database';

export interface TestApp {
  app: INestApplication;
  /** The HTTP server, for supertest. */
  server: Parameters<typeof import('supertest')>[0];
  databaseUrl: string;
  close(): Promise<void>;
}

/** A provider the test replaces (for example the log destination, to read what the app logs). */
export interface ProviderOverride {
  provide: unknown;
  useValue: unknown;
}

/**
 * The real app, configured as main.ts does, on its own database (a temp SQLite file unless
 * `DATABASE_URL` is given), with any extra modules a test needs beside it.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  extraImports: ModuleMetadata['imports'] = [],
  overrides: ProviderOverride[] = [],
): Promise<TestApp> {
  const temp = env.DATABASE_URL ? null : tempSqliteUrl();
  const databaseUrl = env.DATABASE_URL ?? temp!.url;
  const saved = { ...process.env };
  Object.assign(process.env, { LOG_LEVEL: 'error', ...env, DATABASE_URL: databaseUrl });
  try {
    const builder = Test.createTestingModule({ imports: [AppModule, ...extraImports] });
    for (const { provide, useValue } of overrides) builder.overrideProvider(provide).useValue(useValue);
    const moduleRef = await builder.compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    configureApp(app);
    await app.init();
    return {
      app,
      server: app.getHttpServer(),
      databaseUrl,
      close: async () => {
        await app.close();
        temp?.cleanup();
      },
    };
  } finally {
    process.env = saved;
  }
}

/** `startTestApp` on a new database of `backend`, dropped again by `close()`. */
export async function startTestAppOn(
  backend: StoreBackend,
  env: Record<string, string> = {},
  extraImports: ModuleMetadata['imports'] = [],
): Promise<TestApp> {
  const database = await backend.createDatabase();
  try {
    const t = await startTestApp({ ...env, DATABASE_URL: database.url }, extraImports);
    return {
      ...t,
      close: async () => {
        await t.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** `startTestApp` on a copy of a committed SQLite fixture (the fixture itself is never written). */
export async function startTestAppOnCopyOf(fixture: string): Promise<TestApp & { file: string }> {
  const temp = tempSqliteUrl();
  copyFileSync(fixture, temp.file);
  const t = await startTestApp({ DATABASE_URL: temp.url });
  return {
    ...t,
    file: temp.file,
    close: async () => {
      await t.close();
      temp.cleanup();
    },
  };
}
