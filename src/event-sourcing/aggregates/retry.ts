import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryOptions {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Whether a failure is worth another attempt; any other error is thrown at once. */
  isRetryable(error: unknown): boolean;
  /** How long to wait after failed attempt number `attempt`. */
  delayMs(attempt: number): number;
}

/** Runs `attempt` until it succeeds, throws a non-retryable error, or runs out of attempts. */
export async function retry<T>(attempt: (attemptNumber: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!options.isRetryable(error) || attemptNumber >= options.maxAttempts) throw error;
      await sleep(options.delayMs(attemptNumber));
    }
  }
}
