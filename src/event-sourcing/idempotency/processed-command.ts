import type { AppendResult } from '../store/stored-event';

/**
 * A command that is executed at most once per key: an HTTP request with an `Idempotency-Key`, or a
 * command a process manager derives from the event that caused it. Keys are unique per `scope`
 * (the HTTP routes' scope, a process manager's name, later one scope per caller).
 */
export interface CommandKey {
  scope: string;
  key: string;
}

/** What a command answered, stored so that a repeat gets exactly the same. */
export interface RecordedAnswer {
  status: number;
  body: unknown;
}

/** One row of `processed_commands`. */
export interface ProcessedCommand extends CommandKey {
  /** Identifies the request (route and body): a repeat with the same key must carry the same. */
  fingerprint: string;
  answer: RecordedAnswer;
  createdAt: Date;
}

/**
 * An idempotent command on its way to the event store: carried by the `CommandContext`, so the
 * repository records the command's answer in the same transaction as its events.
 */
export interface IdempotencyClaim extends CommandKey {
  fingerprint: string;
  /** The status a success answers (HTTP 200, 201, 202…). */
  successStatus: number;
  /** Set once the answer is committed with the events: what the caller answers, byte for byte. */
  recorded?: RecordedAnswer;
}

/** A command an append completes: its row is written in the append's transaction. */
export interface CompletedCommand {
  claim: IdempotencyClaim;
  /** The answer, from what the append stored (positions are known only inside its transaction). */
  answer(result: AppendResult): RecordedAnswer;
}

/** An append carried a command key that is already recorded: nothing of the append was written. */
export class CommandAlreadyProcessedError extends Error {
  constructor(readonly keys: CommandKey[]) {
    super(`Already processed: ${keys.map(({ scope, key }) => `${scope}/${key}`).join(', ')}`);
    this.name = 'CommandAlreadyProcessedError';
  }

  covers(key: CommandKey): boolean {
    return this.keys.some((k) => k.scope === key.scope && k.key === key.key);
  }
}

/** The key was first used for another request (another route or body): 422, naming the key. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key '${key}' was already used for a different request (another route or body)`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
