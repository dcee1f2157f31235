// The core's test helpers: a second public entry point beside ../index.ts, for specs only (they
// use jest's `expect`), so the production entry point never loads them.
export * from './command-scenario';
export * from './given-when-then';
export * from './in-memory-event-sourcing.module';
export * from './recorded';
export * from './process-manager-spec';
