import { table } from '../../support/markdown';
import { count, percentOf, timesOf } from '../../support/stats';
import { cpuPerRequest, describeErrors, hasErrors, LoadOutcome } from '../load';
import { STACK_CONNECTIONS, StackMeasured } from './stack-comparison';

/**
 * "HTTP stack: Express or Fastify" (issue 15): the minimal app's numbers on each stack, and the
 * decision with what Fastify would save measured against the app's own bare request (`appBare`).
 */
export function describeStackDecision(measured: StackMeasured[], appBare: LoadOutcome | undefined): string {
  const rows = measured.map(({ stack, connections, bare, read }) => [
    stack,
    connections,
    count(bare.requestsPerSecond),
    cpuPerRequest(bare),
    count(read.requestsPerSecond),
    cpuPerRequest(read),
    percentOf(read.requestsPerSecond, bare.requestsPerSecond),
    `${describeErrors(bare)} / ${describeErrors(read)}`,
  ]);
  return [
    '### HTTP stack: Express or Fastify',
    '',
    'The same Nest controller on each adapter, in a bench-only app (`bench/http/stack/`) with none of Chronicle\'s global middleware: the bare',
    'GET and a one-row read shaped like `GET /counters/:id` (UUID pipe, ETag, JSON) from a statement prepared on a SQLite file of 1,000 rows;',
    '`node:http` serves the same two answers by hand, the floor. Each stack runs in its own process, loaded by the same generator one stack after',
    'another in three interleaved rounds; the medians are shown (errors summed over the rounds).',
    '',
    table(['stack', 'connections', 'bare req/s', 'bare CPU / request', 'read req/s', 'read CPU / request', 'read / bare', 'non-2xx / errors (bare / read)'], rows),
    ...(measured.some((m) => hasErrors(m.bare) || hasErrors(m.read)) ? ['', '**Warning: some runs answered errors; their numbers are not comparable.**'] : []),
    '',
    decision(measured, appBare),
  ].join('\n');
}

function decision(measured: StackMeasured[], appBare: LoadOutcome | undefined): string {
  const top = STACK_CONNECTIONS.at(-1)!;
  const express = measured.find((m) => m.stack === 'Nest + Express' && m.connections === top)?.bare;
  const fastify = measured.find((m) => m.stack === 'Nest + Fastify' && m.connections === top)?.bare;
  const saved = express?.serverCpuMsPerRequest !== undefined && fastify?.serverCpuMsPerRequest !== undefined ? express.serverCpuMsPerRequest - fastify.serverCpuMsPerRequest : undefined;
  const gain = [
    express && fastify ? `At ${top} connections Nest on Fastify answers the bare GET at ${timesOf(fastify.requestsPerSecond, express.requestsPerSecond)} Nest on Express's rate` : '',
    saved !== undefined ? `, for ${saved.toFixed(3)} ms less server CPU per request` : '',
    saved !== undefined && appBare?.serverCpuMsPerRequest !== undefined
      ? `: ${percentOf(saved, appBare.serverCpuMsPerRequest)} of the ${appBare.serverCpuMsPerRequest.toFixed(2)} ms Chronicle's own bare GET costs in this run (its logging, metrics, tracing, helmet and guards stay on either stack), so about that share is what every request, read or command, would save.`
      : '.',
  ].join('');
  return [
    `**Decision: Chronicle stays on Express.** ${gain}`,
    'Issue 15 allows Fastify only if Swagger UI, SSE, body limits, the error contract and every e2e test keep working, and the app is written against',
    'Express throughout: controllers and guards take Express\'s `Request`/`Response` (ETag and Location headers, the SSE feed of `/events/live`',
    'writes to the raw response), the request-shape guard and helmet are Express middleware placed after Express\'s JSON parser, the body limit,',
    '`trust proxy`, the static explorer and Swagger UI are Express settings, and the e2e suites pin the answers to malformed bodies and',
    'unsupported content types, which on Fastify come from its own content-type parser, before any Nest guard runs. A port is a change of every HTTP',
    'file whose contract only the full e2e suite could prove; the read and command targets are judged against a bare endpoint on the same stack,',
    'so they do not depend on it. What would tip the decision: the saving above on a machine where the HTTP layer, not the database, is the limit.',
  ].join('\n');
}
