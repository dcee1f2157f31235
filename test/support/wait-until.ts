import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` until it returns a truthy value, failing after `timeoutMs`. */
export async function waitUntil<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
