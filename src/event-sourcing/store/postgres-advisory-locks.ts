/**
 * PostgreSQL advisory lock keys used by Chronicle, as (space, key) pairs of 32-bit integers so
 * that they cannot collide with locks another application takes with the one-argument form on
 * the same database.
 */
export const CHRONICLE_LOCK_SPACE = 0x4348524e; // 'CHRN'

/** Held by every event append from its first position until its commit (transaction-scoped). */
export const APPEND_LOCK = 0;

/** Projection ownership locks: key = hashtext(projection name), held on a session. */
export const PROJECTION_LOCK_SPACE = 0x43485250; // 'CHRP'

/** Held by the instance running migrations at start-up (session-scoped, see migrations/initialize-data-source.ts). */
export const MIGRATION_LOCK = 1;
