import type { DestinationStream } from 'pino';
import pinoPretty from 'pino-pretty';
import type { Environment } from '../../config/environment';

/** Where logs go: tests override this token with a stream they read; `null` means stdout. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

export function logFormat(env: Environment): 'json' | 'pretty' {
  return env.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json');
}

/** Pretty output formats in-process (no worker thread), which is fine at a terminal's pace. */
export function prettyDestination(): DestinationStream {
  return pinoPretty({ colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}
