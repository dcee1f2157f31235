/**
 * The app's heaviest imports, each after what it imports itself, so that loading them one at a
 * time (main.ts) never holds the event loop for long: the frameworks, then the app's modules.
 */
export const APP_LOAD_ORDER = [
  // Whole packages only: a package's inner files can import each other in cycles that only its
  // own index resolves in the right order.
  '@nestjs/common',
  '@nestjs/core',
  'body-parser',
  'router',
  'express',
  '@nestjs/platform-express',
  'nestjs-pino',
  '@nestjs/swagger',
  'typeorm',
  '@nestjs/typeorm',
  '@nestjs/cqrs',
  '@nestjs/terminus',
  '@nestjs/throttler',
  'prom-client',
  'better-sqlite3',
  'helmet',
  './event-sourcing',
  './auth/auth.module',
  './counters/counters.module',
  './ledger/ledger.module',
  './operations/operations.module',
  './events/events.module',
  './observability/observability.module',
  './app.module',
  './app.setup',
] as const;
