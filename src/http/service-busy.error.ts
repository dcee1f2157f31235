/** The service is at a limit it sets itself (open connections, for instance): 503 with Retry-After. */
export class ServiceBusyError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'ServiceBusyError';
  }
}
