import { ServerResponse } from 'node:http';

/**
 * Loaded into a child app by crash tests: a request with the header `x-crash-before-answer: true`
 * SIGKILLs the process when its answer is about to be written, so after everything the request
 * committed and before the client hears anything.
 */
const CRASH_BEFORE_ANSWER_HEADER = 'x-crash-before-answer';

const writeHead = ServerResponse.prototype.writeHead;
ServerResponse.prototype.writeHead = function (this: ServerResponse, ...args: unknown[]) {
  if (this.req?.headers[CRASH_BEFORE_ANSWER_HEADER] === 'true') process.kill(process.pid, 'SIGKILL');
  return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
} as typeof writeHead;
