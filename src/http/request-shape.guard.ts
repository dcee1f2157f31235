import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** What any request of this API needs at most; far more only costs the server time. */
export const MAX_DEPTH = 32;
export const MAX_KEYS = 100;
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why a parsed body or query is refused, or null. Walks without recursion, so a body nested
 * 10,000 deep costs a loop rather than the stack. A prototype key is refused rather than dropped:
 * dropping it silently ran the command with its defaults.
 */
export function requestShapeProblem(root: unknown, where: string): string | null {
  const pending: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 1, path: where }];
  let keys = 0;
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, depth, path } = item;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_DEPTH) return `${where} is nested more than ${MAX_DEPTH} levels deep`;
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) return `${path}.${key}: the key '${key}' is not allowed`;
      if (++keys > MAX_KEYS) return `${where} has more than ${MAX_KEYS} keys`;
      pending.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return null;
}

/**
 * Express middleware placed right after the JSON parser: refuses a body or query of a shape no
 * route takes (too deep, too many keys, prototype keys) with 400 before class-transformer, whose
 * cost grows with the square of the key count, and Nest's recursive prototype-key stripping see it.
 */
export function requestShapeGuard(request: Request, _response: Response, next: NextFunction): void {
  const problem = requestShapeProblem(request.body, 'body') ?? requestShapeProblem(request.query, 'query');
  next(problem ? new BadRequestException(problem) : undefined);
}
