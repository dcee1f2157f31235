import { Global, Module } from '@nestjs/common';
import { Environment, validateEnvironment } from './environment';

/** Validated settings, injectable as `Environment`. A bad value stops the app at start. */
@Global()
@Module({
  providers: [{ provide: Environment, useFactory: () => validateEnvironment(process.env) }],
  exports: [Environment],
})
export class ConfigModule {}
