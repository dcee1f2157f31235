import { Controller, Get, Logger, Module, Post } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';

export class ProbeCommand extends Command<string> {
  constructor(readonly context?: { commandId: string; correlationId: string }) {
    super();
  }
}

/** A command handler that logs, to see which fields its lines carry. */
@CommandHandler(ProbeCommand)
export class ProbeHandler implements ICommandHandler<ProbeCommand> {
  private readonly logger = new Logger('ProbeHandler');

  async execute(): Promise<string> {
    await new Promise((resolve) => setImmediate(resolve)); // the context must survive an await
    this.logger.log('inside the probe handler');
    return 'ok';
  }
}

@Controller('probe')
export class ProbeController {
  constructor(private readonly commands: CommandBus) {}

  @Post('command')
  run(): Promise<string> {
    return this.commands.execute(new ProbeCommand());
  }

  @Get('fail')
  fail(): never {
    throw new Error('probe failure with sensitive-looking detail');
  }
}

@Module({ controllers: [ProbeController], providers: [ProbeHandler] })
export class LogProbeModule {}
