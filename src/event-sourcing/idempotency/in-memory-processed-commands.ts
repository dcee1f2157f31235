import { CommandAlreadyProcessedError, CommandKey, ProcessedCommand } from './processed-command';
import { ProcessedCommands } from './processed-commands';

const idOf = ({ scope, key }: CommandKey) => `${scope}\u0000${key}`;

/** `processed_commands` in this process's memory, beside the InMemoryEventStore (unit specs). */
export class InMemoryProcessedCommands extends ProcessedCommands {
  private readonly records = new Map<string, ProcessedCommand>();

  async find(key: CommandKey): Promise<ProcessedCommand | null> {
    return copy(this.records.get(idOf(key))) ?? null;
  }

  async recordRefusal(command: ProcessedCommand): Promise<ProcessedCommand> {
    const existing = this.records.get(idOf(command));
    if (existing) return copy(existing)!;
    this.records.set(idOf(command), copy(command)!);
    return command;
  }

  async purgeBefore(before: Date): Promise<number> {
    const expired = [...this.records].filter(([, record]) => record.createdAt < before);
    for (const [id] of expired) this.records.delete(id);
    return expired.length;
  }

  /**
   * Records an append's commands, all or none (the store calls it before it changes anything).
   * @throws CommandAlreadyProcessedError when one is recorded already.
   */
  insert(commands: ProcessedCommand[]): void {
    const duplicates = commands.filter((command) => this.records.has(idOf(command)));
    if (duplicates.length > 0) throw new CommandAlreadyProcessedError(duplicates.map(({ scope, key }) => ({ scope, key })));
    for (const command of commands) this.records.set(idOf(command), copy(command)!);
  }
}

/** What a database would give back: the answer through JSON, a Date of its own. */
function copy(record: ProcessedCommand | undefined): ProcessedCommand | undefined {
  return record && { ...record, answer: JSON.parse(JSON.stringify(record.answer)), createdAt: new Date(record.createdAt) };
}
