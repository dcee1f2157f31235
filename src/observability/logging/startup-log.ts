import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Environment } from '../../config/environment';

const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY|CREDENTIAL/i;

/**
 * The settings as the process runs with them, secrets redacted: a password inside a URL, and any
 * setting whose name says it is secret (for the ones authentication will add).
 */
export function redactedSettings(env: Environment): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(env)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, SECRET_NAME.test(name) ? '[redacted]' : typeof value === 'string' ? withoutPassword(value) : value]),
  );
}

function withoutPassword(value: string): string {
  return value.replace(/^([a-z][\w+.-]*:\/\/[^:/@\s]*):[^@\s]*@/i, '$1:[redacted]@');
}

/** Logs the start-up settings once, at info, so an operator sees what the process runs with. */
@Injectable()
export class StartupLog implements OnApplicationBootstrap {
  private readonly logger = new Logger('Startup');

  constructor(private readonly env: Environment) {}

  onApplicationBootstrap(): void {
    this.logger.log({ settings: redactedSettings(this.env) }, 'settings');
  }
}
