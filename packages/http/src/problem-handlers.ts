import type { FastifyInstance } from 'fastify';
import { sendProblem, toProblem } from './problem.ts';

/** Every error and every unknown route answers application/problem+json. */
export function useProblemDetails(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, detail: problem.detail }, 'request refused');
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
