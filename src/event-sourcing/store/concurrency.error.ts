import type { ExpectedVersion } from './stored-event';

/** An append lost a race: the stream was not at the version the writer expected. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, expected ${expected === 'no-stream' ? 'no stream' : expected}`);
    this.name = 'ConcurrencyError';
  }
}

/** Whether a stream at version `current` satisfies what the writer expected. */
export function expectationMet(expected: ExpectedVersion, current: number): boolean {
  return expected === 'any' || (expected === 'no-stream' ? current === 0 : expected === current);
}
