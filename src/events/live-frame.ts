import type { StoredEvent } from '../event-sourcing';
import { toStreamEventResponse } from '../http/recorded-event.response';

/** One Server-Sent Events message, serialized once and written to any number of connections. */
export interface LiveFrame {
  position: number;
  type: string;
  streamId: string;
  text: string;
}

/** `id:` is the position: a reconnecting browser sends it back as Last-Event-ID. */
export function toLiveFrame(event: StoredEvent): LiveFrame {
  return {
    position: event.position,
    type: event.type,
    streamId: event.streamId,
    text: `id: ${event.position}\ndata: ${JSON.stringify(toStreamEventResponse(event))}\n\n`,
  };
}
