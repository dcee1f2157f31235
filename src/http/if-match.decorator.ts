import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * The version named by an `If-Match: "<version>"` header; undefined when there is none, or for
 * `If-Match: *` (any version of an existing resource: a missing one is a 404 anyway).
 */
export const IfMatchVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const header = ctx.switchToHttp().getRequest<Request>().header('if-match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match) throw new BadRequestException('If-Match must be a version in quotes, such as "3"');
  return Number(match[1]);
});
