import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CommandBus, ICommand } from '@nestjs/cqrs';
import { PinoLogger } from 'nestjs-pino';
import { Environment } from '../../config/environment';
import { inSpan } from '../../event-sourcing';
import { httpStatusOf } from '../../http/http-exception.filter';
import { ChronicleMetrics } from '../metrics/chronicle-metrics';

export type CommandOutcome = 'ok' | 'refused' | 'conflict' | 'failed';

/** How a command ended, in the terms of its HTTP answer (one mapping: the exception filter's). */
export function commandOutcome(error: unknown): CommandOutcome {
  const status = httpStatusOf(error);
  if (status === 409 || status === 412) return 'conflict';
  return status < 500 ? 'refused' : 'failed';
}

/**
 * Every command, whoever sends it (a controller, a process manager), runs in a span and is counted
 * by type and outcome. @nestjs/cqrs has no hook around handler execution, so this wraps the bus's
 * `execute` once at start-up; the handlers stay unaware of it.
 */
@Injectable()
export class CommandInstrumentation implements OnModuleInit {
  private readonly logger = new Logger('Commands');
  private readonly counting: boolean;

  constructor(
    private readonly bus: CommandBus,
    private readonly metrics: ChronicleMetrics,
    private readonly pino: PinoLogger,
    env: Environment,
  ) {
    this.counting = env.METRICS_ENABLED === 'true';
  }

  onModuleInit(): void {
    const execute = this.bus.execute.bind(this.bus) as (command: ICommand, ...rest: unknown[]) => Promise<unknown>;
    const observed = (command: ICommand, ...rest: unknown[]) => this.observe(command, () => execute(command, ...rest));
    this.bus.execute = observed as CommandBus['execute'];
  }

  /**
   * Outside a request (a process manager's step, a script) no log context carries a correlation
   * id: the command's own (`command.context.correlationId`) then names the lines it causes.
   */
  private observe(command: ICommand, run: () => Promise<unknown>): Promise<unknown> {
    const correlationId = (command as { context?: { correlationId?: unknown } }).context?.correlationId;
    if (typeof correlationId !== 'string' || this.pino.logger.bindings().correlationId !== undefined) return this.traced(command, run);
    return this.pino.runInContext(() => this.traced(command, run), { bindings: { correlationId }, inherit: true });
  }

  private traced(command: ICommand, run: () => Promise<unknown>): Promise<unknown> {
    const type = command.constructor.name;
    return inSpan(`command ${type}`, { 'chronicle.command': type }, async () => {
      const started = performance.now();
      try {
        const result = await run();
        this.record(type, 'ok', started);
        return result;
      } catch (error) {
        this.record(type, commandOutcome(error), started);
        throw error;
      }
    });
  }

  private record(type: string, outcome: CommandOutcome, started: number): void {
    if (this.counting) this.metrics.commands.inc({ command: type, outcome });
    this.logger.debug({ command: type, outcome, durationMs: Math.round(performance.now() - started) }, `${type}: ${outcome}`);
  }
}
