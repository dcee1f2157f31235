import type { StreamLocks } from './stream-locks';

/**
 * Per-aggregate queues: while one group holds the stream's lock, the items that arrive wait
 * together, and the next turn of the lock takes all of them (up to `maxGroup`) at once. `serve`
 * must settle every item of the group it is given; if it throws, `refuse` settles those left.
 */
export class UpdateQueues<T> {
  private readonly waiting = new Map<string, T[]>();

  constructor(
    private readonly locks: StreamLocks,
    private readonly maxGroup: number,
    private readonly serve: (id: string, group: T[]) => Promise<void>,
    private readonly refuse: (item: T, error: unknown) => void,
  ) {}

  enqueue(id: string, item: T): void {
    const queue = this.waiting.get(id);
    if (queue && queue.length < this.maxGroup) {
      queue.push(item);
      return;
    }
    const group = [item];
    this.waiting.set(id, group);
    void this.locks.run(id, () => {
      if (this.waiting.get(id) === group) this.waiting.delete(id);
      return this.serve(id, group).catch((error: unknown) => group.forEach((queued) => this.refuse(queued, error)));
    });
  }
}
