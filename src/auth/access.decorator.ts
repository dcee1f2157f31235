import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ACCESS = 'chronicle:access';

/**
 * What a route requires beyond its default (`read` for GET and HEAD, `write` for every other method):
 * a stronger role, or `public` for routes anyone may call (health checks, metrics).
 */
export const Access = (required: Role | 'public') => SetMetadata(ACCESS, required);
