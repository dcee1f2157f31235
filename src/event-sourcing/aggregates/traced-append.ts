import type { CommandContext } from '../metadata/event-metadata';
import type { EventSourcingObserver } from '../observability/event-sourcing-observer';
import { activeTraceCarrier, inSpan } from '../observability/tracing';
import type { EventStore } from '../store/event-store';
import type { AppendOptions, AppendResult, ExpectedVersion, NewEvent } from '../store/stored-event';

/** One append as a repository makes it: in an `append <stream type>` span, timed for the observer. */
export function tracedAppend(
  store: EventStore,
  observer: EventSourcingObserver,
  append: { streamId: string; streamType: string; events: NewEvent[]; expected: ExpectedVersion; options?: AppendOptions },
): Promise<AppendResult> {
  const { streamId, streamType, events, expected, options } = append;
  const attributes = { 'chronicle.stream.id': streamId, 'chronicle.stream.type': streamType, 'chronicle.event.count': events.length };
  return inSpan(`append ${streamType}`, attributes, async (span) => {
    const started = performance.now();
    const result = await store.appendToStream(streamId, streamType, events, expected, options);
    span.setAttributes({ 'chronicle.stream.version': result.nextVersion, 'chronicle.position': result.lastPosition });
    observer.appended({ streamType, events: events.length, durationMs: performance.now() - started });
    return result;
  });
}

/** The command's context with the trace it runs in, unless it already carries one (a command issued elsewhere). */
export function withTrace(context: CommandContext): CommandContext {
  return context.trace ? context : { ...context, trace: activeTraceCarrier() };
}
