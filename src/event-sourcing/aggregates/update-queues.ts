import type { StreamLocks } from './stream-locks';

/** One caller's change, waiting for its turn on the aggregate. */
export interface QueuedUpdate<C, R> {
  command: C;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * Per-aggregate queues of changes: while one group holds the stream's lock, the changes that
 * arrive wait together, and the next turn takes all of them (up to `maxGroup`) at once. `run`
 * must settle every update of the group it is given.
 */
export class UpdateQueues<C, R> {
  private readonly waiting = new Map<string, QueuedUpdate<C, R>[]>();

  constructor(
    private readonly locks: StreamLocks,
    private readonly maxGroup: number,
    private readonly run: (id: string, group: QueuedUpdate<C, R>[]) => Promise<void>,
  ) {}

  enqueue(id: string, command: C): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(id);
      if (queue && queue.length < this.maxGroup) {
        queue.push({ command, resolve, reject });
        return;
      }
      const fresh = [{ command, resolve, reject }];
      this.waiting.set(id, fresh);
      void this.locks.run(id, () => {
        if (this.waiting.get(id) === fresh) this.waiting.delete(id);
        return this.run(id, fresh).catch((error: unknown) => fresh.forEach((update) => update.reject(error)));
      });
    });
  }
}
