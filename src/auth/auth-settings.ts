import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Environment } from '../config/environment';
import { authConfigured } from '../config/environment-rules';

/** Whether requests must authenticate; off (with a warning at start) when no auth setting is given. */
@Injectable()
export class AuthSettings implements OnApplicationBootstrap {
  readonly enabled: boolean;

  constructor(env: Environment) {
    this.enabled = authConfigured(env);
  }

  get status(): 'enabled' | 'disabled' {
    return this.enabled ? 'enabled' : 'disabled';
  }

  onApplicationBootstrap(): void {
    if (this.enabled) return;
    new Logger('Auth').warn(
      'Authentication is OFF: every client may read, write and rebuild projections. Set AUTH_JWT_SECRET, ' +
        'AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL or AUTH_API_KEYS=true to require credentials (see README, Authentication).',
    );
  }
}
