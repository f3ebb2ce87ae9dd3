import { isHubError } from '@hub/errors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem, toProblem } from './problem.ts';
import { useZodSchemas } from './route-schemas.ts';

/**
 * Seconds a client is told to wait after a retriable 503 (a dependency is down, nothing was
 * recorded): long enough for a database restart, short enough that providers' own retries resume
 * soon after.
 */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Every error and every unknown route answers application/problem+json; a retriable 503 says when
 * to come back (`retry-after`), unless whoever refused already said so.
 */
export function useProblemDetails(app: FastifyInstance): void {
  // Route schemas are zod: their refusals come through the error handler below.
  useZodSchemas(app);
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    const unavailable = problem.status === 503 && isHubError(error) && error.retriable;
    if (unavailable) request.log.warn({ code: problem.code, detail: problem.detail }, 'request refused for now');
    else if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, detail: problem.detail }, 'request refused');
    if (unavailable && !reply.hasHeader('retry-after')) {
      reply.header('retry-after', UNAVAILABLE_RETRY_AFTER_SECONDS);
    }
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: 'about:blank',
      title: 'NOT_FOUND',
      status: 404,
      detail: `no route ${request.method} ${request.url.split('?')[0]}`,
      code: 'NOT_FOUND',
      instance: request.url,
    }),
  );
}

/**
 * For Fastify's `frameworkErrors` option: what it refuses before any route (a path parameter
 * longer than `maxParamLength`, a URL that does not decode) answered as problem+json like the rest.
 */
export function frameworkErrorsAsProblems(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(reply, toProblem(error, request));
}
