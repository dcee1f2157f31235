import { CanActivate, ExecutionContext, Injectable, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * 415 for a command whose body is not JSON. A `text/plain` or form body is what a web page can send
 * to another site without a CORS preflight: refusing it closes that cross-site request forgery.
 * A command without a body and without Content-Type (`curl -XPOST …/reset`) is accepted.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return true;
    const type = request.header('content-type');
    if (type === undefined ? !hasBody(request) : JSON_TYPE.test(type)) return true;
    throw new UnsupportedMediaTypeException(`Send the body as application/json${type === undefined ? ' (Content-Type is missing)' : `, not ${type.split(';')[0]}`}`);
  }
}

function hasBody(request: Request): boolean {
  return request.header('transfer-encoding') !== undefined || Number(request.header('content-length') ?? 0) > 0;
}
