import { Injectable } from '@nestjs/common';
import { Mutex } from 'async-mutex';

/**
 * One lock per stream id, so that commands on one aggregate inside this process take turns
 * instead of racing to a ConcurrencyError and retrying. Other processes still race, which the
 * store's expected-version check settles.
 */
@Injectable()
export class StreamLocks {
  private readonly locks = new Map<string, { mutex: Mutex; holders: number }>();

  async run<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const lock = this.locks.get(streamId) ?? { mutex: new Mutex(), holders: 0 };
    this.locks.set(streamId, lock);
    lock.holders += 1;
    try {
      return await lock.mutex.runExclusive(work);
    } finally {
      lock.holders -= 1;
      if (lock.holders === 0) this.locks.delete(streamId);
    }
  }
}
