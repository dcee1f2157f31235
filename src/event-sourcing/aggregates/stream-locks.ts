import { Injectable } from '@nestjs/common';

const settled = () => undefined;

/**
 * One lock per stream id, so that commands on one aggregate inside this process take turns
 * instead of racing to a ConcurrencyError and retrying. Other processes still race, which the
 * store's expected-version check settles.
 *
 * A chain of promises per stream rather than a mutex object: a turn costs three promises, which
 * matters on the path every command takes, and a stream nobody waits on keeps no entry.
 */
@Injectable()
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    // Always after the current turn of the event loop's microtasks, as a mutex would: the callers
    // that queue up meanwhile (see UpdateQueues) still join the group that runs.
    const turn = (this.tails.get(streamId) ?? Promise.resolve()).then(work);
    const tail = turn.then(settled, settled);
    this.tails.set(streamId, tail);
    void tail.then(() => this.tails.get(streamId) === tail && this.tails.delete(streamId));
    return turn;
  }
}
