import { Module } from '@nestjs/common';
import { LoggerModule, Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { Environment } from '../../config/environment';
import { LOG_DESTINATION, logFormat, prettyDestination } from './log-destination';
import { pinoHttpOptions } from './pino-http-options';
import { StartupLog } from './startup-log';

/** nestjs-pino's parameters; main.ts builds its start-up logger from the same ones. */
export function loggingParams(env: Environment, destination: DestinationStream | null = null): Params {
  const options = pinoHttpOptions(env);
  const stream = destination ?? (logFormat(env) === 'pretty' ? prettyDestination() : undefined);
  return { pinoHttp: stream ? [options, stream] : options };
}

/**
 * Structured logs through nestjs-pino: Nest's own Logger (used everywhere, the core included)
 * writes through pino once `app.useLogger(app.get(Logger))` ran (see app.setup.ts), and every line
 * written while a request is handled carries its ids through nestjs-pino's AsyncLocalStorage.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LOG_DESTINATION, useValue: null }],
      inject: [Environment, LOG_DESTINATION],
      useFactory: loggingParams,
    }),
  ],
  providers: [StartupLog],
})
export class LoggingModule {}
