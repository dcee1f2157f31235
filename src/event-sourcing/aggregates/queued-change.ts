import type { CommandContext } from '../metadata/event-metadata';
import type { CommandAnswer } from './idempotent-save';

export interface SaveResult {
  /** The stream version after the save. */
  version: number;
  /** The global position of the last event saved: what a reader waits for to see this write. */
  position: number;
}

export interface UpdateOptions<A = never> {
  context: CommandContext;
  /** The version the caller last saw (HTTP If-Match); without it, a lost race is retried on fresh state. */
  expectedVersion?: number;
  /** What the command answers; required when `context.idempotency` is set, to be recorded with the events. */
  answer?: CommandAnswer<A>;
}

/** What a caller of `update` gets: its own version and position, and the aggregate as its change left it. */
export type UpdateResult<A> = SaveResult & { aggregate: A };

export type Change<A> = (aggregate: A) => void;

/**
 * One caller's change waiting for its aggregate, with its outcome: still waiting, answered, or
 * refused. Settling twice is ignored, so whoever settles a group last cannot override a caller's
 * own answer.
 */
export class QueuedChange<A> {
  private outcome: 'waiting' | 'answered' | 'refused' = 'waiting';

  constructor(
    readonly change: Change<A>,
    readonly options: UpdateOptions<A>,
    private readonly resolve: (result: UpdateResult<A>) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  get isWaiting(): boolean {
    return this.outcome === 'waiting';
  }

  answer(result: UpdateResult<A>): void {
    if (!this.isWaiting) return;
    this.outcome = 'answered';
    this.resolve(result);
  }

  refuse(error: unknown): void {
    if (!this.isWaiting) return;
    this.outcome = 'refused';
    this.reject(error);
  }
}
