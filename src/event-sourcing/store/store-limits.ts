/** The largest global position a reader may name: positions are BIGINT, read into JS numbers. */
export const MAX_POSITION = Number.MAX_SAFE_INTEGER;

/** The largest stream version: `events.version` is an INTEGER column (32-bit on PostgreSQL). */
export const MAX_STREAM_VERSION = 2_147_483_647;
