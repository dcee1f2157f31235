import type { Request } from 'express';
import type { EventActor } from '../event-sourcing';
import type { Role } from './roles';

/** Who caused an event, as recorded in its metadata (`process`: a process manager, by name). */
export interface Actor extends EventActor {
  type: 'user' | 'api-key' | 'anonymous' | 'process';
  /** The JWT `sub`, the API key's name, or the process manager's name; null when anonymous. */
  id: string | null;
}

/** The authenticated caller of one request: set by the AuthGuard before any handler runs. */
export interface Caller {
  actor: Actor;
  roles: ReadonlySet<Role>;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by AuthGuard on every guarded route; read it with `callerOf(request)`. */
    caller?: Caller;
  }
}

export const ANONYMOUS: Actor = Object.freeze({ type: 'anonymous', id: null });

/** The caller the AuthGuard identified (anonymous on open routes and when authentication is off). */
export function callerOf(request: Request): Caller {
  return request.caller ?? { actor: ANONYMOUS, roles: new Set() };
}

/** A stable key for per-caller state (rate limits, idempotency keys): `user:alice`, `api-key:billing`. */
export function actorKey(actor: Actor): string | null {
  return actor.id === null ? null : `${actor.type}:${actor.id}`;
}

/** For logs: `user 'alice'`, `api-key 'billing'`, `anonymous`. */
export function describeActor({ type, id }: Actor): string {
  return id === null ? type : `${type} '${id}'`;
}
