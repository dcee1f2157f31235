import type { CommandBus } from '@nestjs/cqrs';
import type { IdempotentCommands } from '../idempotency/idempotent-commands';
import { envelopeOf } from '../metadata/event-envelope';
import type { ProjectionHandler } from '../projections/projection.decorator';
import type { ProcessManagerHandler } from './process-manager.decorator';
import { ProcessStep } from './process-step';

// Partitions handled at once: enough for their commands to share commits, few enough that the
// requests the service is serving meanwhile are not starved (a batch may hold 500 flows).
const MAX_PARALLEL_PARTITIONS = 20;

/**
 * A process manager as the projection worker drives it: no read model (nothing to write with the
 * checkpoint, nothing to empty), and the listed events of each batch acted on before the
 * checkpoint's transaction: the commands commit on their own, and the checkpoint moves after the
 * batch. A crash in between replays those events; their commands are the same (deterministic
 * ids), and each is answered from the record its first execution left.
 */
export class ProcessManagerSteps implements ProjectionHandler {
  constructor(
    private readonly name: string,
    private readonly reactor: ProcessManagerHandler,
    private readonly commandBus: CommandBus,
    private readonly idempotent: IdempotentCommands,
    private readonly partitionBy: ((event: object) => string) | undefined,
  ) {}

  async handle(): Promise<void> {}

  async reset(): Promise<void> {}

  /**
   * Events of one partition in order, up to MAX_PARALLEL_PARTITIONS partitions side by side (one
   * partition without `partitionBy`); all of them finish before a failure is reported, so that the
   * one-event-at-a-time retry that follows never overlaps a step.
   */
  async beforeCommit(events: object[]): Promise<void> {
    const partitions = new Map<string, object[]>();
    for (const event of events) {
      const key = this.partitionBy?.(event) ?? '';
      const partition = partitions.get(key);
      if (partition) partition.push(event);
      else partitions.set(key, [event]);
    }
    const waiting = [...partitions.values()];
    const lane = async () => {
      for (let partition = waiting.shift(); partition; partition = waiting.shift()) await this.handleInOrder(partition);
    };
    const outcomes = await Promise.allSettled(Array.from({ length: Math.min(MAX_PARALLEL_PARTITIONS, waiting.length) }, lane));
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async handleInOrder(events: object[]): Promise<void> {
    for (const event of events) await this.reactor.handle(event, new ProcessStep(this.commandBus, this.idempotent, this.name, envelopeOf(event)));
  }
}
