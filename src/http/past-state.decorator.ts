import { ApiExtension } from '@nestjs/swagger';

/** The OpenAPI extension naming the stream type whose past states a GET route answers. */
export const PAST_STATE_EXTENSION = 'x-past-state-of';

/**
 * Marks a route answering an aggregate's state right after a version: one path parameter (the
 * stream id) and a `version` query parameter. The explorer finds these routes in the OpenAPI
 * document and shows, for any stream of that type, the state after each of its events.
 */
export function ApiPastState(streamType: string): MethodDecorator {
  return ApiExtension(PAST_STATE_EXTENSION, streamType);
}
