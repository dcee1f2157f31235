import { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';

/** What every command answers at least: the aggregate's id and its version after the command. */
export interface CommandAnswer {
  id: string;
  version: number;
}

/**
 * Puts the command's version in a strong `ETag: "<version>"` (what If-Match takes back) and, for a
 * created resource, its address in `Location`: `location` is a path template such as
 * `/counters/{id}`, filled from the answer's fields. Made per route by CommandRoute.
 */
export class CommandAnswerInterceptor implements NestInterceptor {
  constructor(private readonly location?: string) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((answer: CommandAnswer) => {
        response.setHeader('ETag', `"${answer.version}"`);
        if (this.location) response.setHeader('Location', fillPath(this.location, answer));
        return answer;
      }),
    );
  }
}

export function fillPath(template: string, values: object): string {
  return template.replace(/\{(\w+)\}/g, (_, field: string) => encodeURIComponent(String((values as Record<string, unknown>)[field])));
}
