import type { EventEmitter } from 'node:events';

// How often a reader waiting on an instance that does not own the projection re-reads its checkpoint.
const FOLLOW_INTERVAL_MS = 100;

/**
 * Resolves true once `reached()` holds, checked whenever `moved` emits 'moved', or false after
 * `timeoutMs`. `follow`, when given, is called every FOLLOW_INTERVAL_MS meanwhile (another
 * instance may be advancing the projection: look at its checkpoint row until it gets there).
 */
export function waitForProgress(reached: () => boolean, moved: EventEmitter, timeoutMs: number, follow: (() => void) | null): Promise<boolean> {
  if (reached()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const check = () => reached() && finish(true);
    const finish = (result: boolean) => {
      clearTimeout(timer);
      if (following) clearInterval(following);
      moved.off('moved', check);
      resolve(result);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const following = follow ? setInterval(follow, FOLLOW_INTERVAL_MS) : null;
    moved.on('moved', check);
  });
}
