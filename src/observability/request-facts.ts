import type { IncomingMessage } from 'node:http';

/** The parts of an HTTP request that logs, metrics and spans name it by. */
type RoutedRequest = IncomingMessage & { route?: { path?: string }; actor?: Caller; user?: Caller };

export interface Caller {
  type?: string;
  id?: string;
}

/** Requests that happen every few seconds from machines: logged at debug only. */
const QUIET_ROUTES = new Set(['/health', '/health/live', '/metrics']);

/**
 * The route pattern (`/counters/:id/increment`), never the raw URL: ids would make every request
 * its own log group or metric series. `(unmatched)` for a request no route took (404, or refused
 * before routing such as a body over the limit).
 */
export function routeOf(request: IncomingMessage): string {
  return (request as RoutedRequest).route?.path ?? '(unmatched)';
}

export function isQuietRoute(request: IncomingMessage): boolean {
  return QUIET_ROUTES.has((request.url ?? '').split('?')[0]);
}

/**
 * Who made the request, once authentication has put an actor (`{ type, id }`) on it as
 * `request.actor` or `request.user`; undefined before that or for an anonymous request.
 */
export function callerOf(request: IncomingMessage): Caller | undefined {
  const { actor, user } = request as RoutedRequest;
  const caller = actor ?? user;
  return caller && typeof caller === 'object' ? { type: caller.type, id: caller.id } : undefined;
}
