import type { CommandKey, ProcessedCommand } from './processed-command';

/**
 * The `processed_commands` table: what each idempotent command answered. A success is written by
 * the event store in the transaction of the command's events (see `AppendOptions.commands`); a
 * refusal, which records no events, through `recordRefusal` in its own transaction.
 */
export abstract class ProcessedCommands {
  /** The committed record of a key, or null. */
  abstract find(key: CommandKey): Promise<ProcessedCommand | null>;

  /**
   * Records a refusal unless the key is already recorded; resolves to the record that holds after
   * the call (this one, or the one that got there first: a concurrent request on another instance).
   */
  abstract recordRefusal(command: ProcessedCommand): Promise<ProcessedCommand>;

  /** Deletes the records created before `before`; resolves to how many. */
  abstract purgeBefore(before: Date): Promise<number>;
}
