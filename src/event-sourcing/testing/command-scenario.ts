import type { INestApplicationContext, Provider } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Command, CommandBus } from '@nestjs/cqrs';
import type { EventSourcingOptions } from '../event-sourcing.options';
import { EventRegistry } from '../serialization/event-registry';
import { EventStore } from '../store/event-store';
import type { StoredEvent } from '../store/stored-event';
import { InMemoryEventSourcingModule } from './in-memory-event-sourcing.module';

type ErrorClass = new (...args: never[]) => Error;

@Module({})
class ModuleUnderTest {}

/**
 * Command handler specs in given/when/then form, on the in-memory store (no database): the
 * handler, its repository and the registry are the real ones, built by Nest as in the app.
 *
 * ```ts
 * const scenario = await commandScenario({ providers: [registerEvents(...counterEvents), CounterRepository, IncrementCounterHandler] });
 * await scenario.given('Counter', id, new CounterCreatedEvent(id, 'a'));
 * await scenario.when(new IncrementCounterCommand(id, 2, context)).then(new CounterIncrementedEvent(id, 2));
 * await scenario.close();
 * ```
 */
export async function commandScenario(setup: InMemoryAppSetup): Promise<CommandScenario> {
  return new CommandScenario(await startInMemoryApp(setup));
}

export interface InMemoryAppSetup {
  /** The domain's providers under test: `registerEvents(...)`, repositories, handlers. */
  providers: Provider[];
  options?: Partial<EventSourcingOptions>;
}

/** The providers under test beside the in-memory core, built and initialized by Nest. Close it after. */
export async function startInMemoryApp({ providers, options }: InMemoryAppSetup): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    { module: ModuleUnderTest, imports: [InMemoryEventSourcingModule.forRoot(options)], providers },
    { logger: false },
  );
  return app.init();
}

export class CommandScenario {
  readonly store: EventStore;
  private readonly registry: EventRegistry;

  constructor(readonly app: INestApplicationContext) {
    this.store = app.get(EventStore);
    this.registry = app.get(EventRegistry);
  }

  /** Stream `streamId` (of `streamType`) already holds these events, after any it had. */
  async given(streamType: string, streamId: string, ...history: object[]): Promise<this> {
    const events = history.map((event) => ({
      ...this.registry.serialize(event),
      metadata: { eventId: `given-${streamId}-${Math.random()}`, correlationId: 'given', causationId: 'given' },
      occurredAt: new Date(),
    }));
    await this.store.appendToStream(streamId, streamType, events, 'any');
    return this;
  }

  when<R>(command: Command<R>) {
    return {
      /** The command recorded exactly these events (in any stream), in this order; resolves to its result. */
      then: async (...expected: object[]): Promise<R> => {
        const head = await this.store.headPosition();
        const result = await this.app.get(CommandBus).execute(command);
        const recorded = (await this.store.readAll({ after: head, limit: Number.MAX_SAFE_INTEGER })).map((e: StoredEvent) => this.registry.deserialize(e));
        expect(recorded.map((event) => event.constructor)).toEqual(expected.map((event) => event.constructor));
        expect(recorded).toEqual(expected);
        return result;
      },
      /** The command was refused with this error and recorded nothing. */
      thenThrows: async (errorClass: ErrorClass): Promise<void> => {
        const head = await this.store.headPosition();
        await expect(this.app.get(CommandBus).execute(command)).rejects.toThrow(errorClass);
        expect(await this.store.headPosition()).toBe(head);
      },
    };
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
