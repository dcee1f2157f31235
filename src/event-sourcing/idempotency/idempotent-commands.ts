import { Injectable, Logger } from '@nestjs/common';
import { CommandAlreadyProcessedError, CommandKey, IdempotencyClaim, IdempotencyKeyReusedError, RecordedAnswer } from './processed-command';
import { ProcessedCommands } from './processed-commands';

/** A command to execute at most once per key. */
export interface IdempotentRequest extends CommandKey {
  /** Identifies what was asked (route and body, or command and payload): a repeat must carry the same. */
  fingerprint: string;
  /** The status a success answers. */
  successStatus: number;
}

export interface IdempotentOutcome {
  answer: RecordedAnswer;
  /** True when the answer comes from the record of an earlier execution. */
  replayed: boolean;
}

/**
 * Executes commands at most once per (scope, key), for the HTTP `Idempotency-Key` and for process
 * managers' derived command ids alike:
 *
 * 1. a key already recorded is answered from its record (or refused with IdempotencyKeyReusedError
 *    when the fingerprint differs), without executing anything;
 * 2. otherwise `run` executes the command with a claim it must pass on in its `CommandContext`, so
 *    the repository records the answer in the transaction of the command's events;
 * 3. a refusal that `refusal` deems final is recorded in its own transaction, then rethrown;
 * 4. a key recorded meanwhile by another instance (the append finds it, nothing is written) is
 *    answered from that record.
 *
 * In this process a second request with a key waits for the first to finish, then goes through
 * the same steps (so it is usually answered from the first one's record).
 */
@Injectable()
export class IdempotentCommands {
  private readonly logger = new Logger('Idempotency');
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly processed: ProcessedCommands) {}

  /**
   * @param run executes the command; must put `claim` in the command's context.
   * @param refusal the answer to record for an error `run` threw, or null for an error that is not
   *   a final answer (the caller may retry the key): nothing is recorded for it.
   */
  async execute(
    request: IdempotentRequest,
    run: (claim: IdempotencyClaim) => Promise<unknown>,
    refusal: (error: unknown) => RecordedAnswer | null,
  ): Promise<IdempotentOutcome> {
    const id = `${request.scope}\u0000${request.key}`;
    for (let earlier = this.running.get(id); earlier; earlier = this.running.get(id)) await earlier.catch(() => undefined);
    const done = this.executeOnce(request, run, refusal);
    this.running.set(id, done);
    try {
      return await done;
    } finally {
      if (this.running.get(id) === done) this.running.delete(id);
    }
  }

  private async executeOnce(
    request: IdempotentRequest,
    run: (claim: IdempotencyClaim) => Promise<unknown>,
    refusal: (error: unknown) => RecordedAnswer | null,
  ): Promise<IdempotentOutcome> {
    const recorded = await this.processed.find(request);
    if (recorded) return replay(request, recorded);
    const claim: IdempotencyClaim = { ...request };
    try {
      const body = await run(claim);
      if (!claim.recorded) this.logger.warn(`${request.scope}/${request.key}: the command recorded no answer (its handler does not pass the claim on)`);
      return { answer: claim.recorded ?? { status: request.successStatus, body }, replayed: false };
    } catch (error) {
      if (error instanceof CommandAlreadyProcessedError) {
        const winner = await this.processed.find(request);
        if (winner) return replay(request, winner);
        throw error; // purged in between: nothing to answer from, and nothing was written
      }
      const answer = refusal(error);
      if (!answer) throw error;
      const { scope, key, fingerprint } = request;
      const stored = await this.processed.recordRefusal({ scope, key, fingerprint, answer, createdAt: new Date() });
      if (stored.answer !== answer) return replay(request, stored);
      throw error;
    }
  }
}

function replay(request: IdempotentRequest, recorded: { fingerprint: string; answer: RecordedAnswer }): IdempotentOutcome {
  if (recorded.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError(request.key);
  return { answer: recorded.answer, replayed: true };
}
