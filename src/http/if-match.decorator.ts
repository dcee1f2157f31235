import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { MAX_STREAM_VERSION } from '../event-sourcing';

// One entity-tag of RFC 9110 §8.8.3, optionally weak; and what may stand between two (OWS and commas).
const ENTITY_TAG = /(W\/)?"([\x21\x23-\x7E\x80-\xFF]*)"/y;
const SEPARATORS = /[ \t,]*/y;
const VERSION = /^(0|[1-9]\d{0,9})$/;

/**
 * The versions an `If-Match` header accepts, per RFC 9110 §13.1.1: undefined when there is no
 * header or it is `*` (any version of an existing counter: a missing one is a 404 anyway);
 * otherwise the version of each strong tag `"<n>"`. If-Match compares strongly, so a weak tag
 * (`W/"3"`) or a tag that is no version of ours never matches: an empty list, answered 412.
 * @throws BadRequestException when the header is not `*` or a comma-separated list of entity-tags.
 */
export function parseIfMatch(header: string | undefined): number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const versions: number[] = [];
  let tags = 0;
  for (let at = 0; ; ) {
    SEPARATORS.lastIndex = at;
    const gap = SEPARATORS.exec(header)![0];
    at += gap.length;
    if (at >= header.length) break;
    if (tags > 0 && !gap.includes(',')) throw malformed();
    ENTITY_TAG.lastIndex = at;
    const tag = ENTITY_TAG.exec(header);
    if (!tag) throw malformed();
    at = ENTITY_TAG.lastIndex;
    tags += 1;
    if (!tag[1] && VERSION.test(tag[2]) && Number(tag[2]) <= MAX_STREAM_VERSION) versions.push(Number(tag[2]));
  }
  if (tags === 0) throw malformed();
  return versions;
}

function malformed(): BadRequestException {
  return new BadRequestException('If-Match must be * or a list of entity-tags such as "3" (quoted; W/"3" never matches)');
}

/** The versions named by `If-Match`, for a command's precondition (see `parseIfMatch`). */
export const IfMatchVersions = createParamDecorator((_: unknown, ctx: ExecutionContext): number[] | undefined =>
  parseIfMatch(ctx.switchToHttp().getRequest<Request>().header('if-match')),
);
