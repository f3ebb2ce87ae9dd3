import rateLimit from '@fastify/rate-limit';
import { useProblemDetails } from '@hub/http';
import type { Logger } from '@hub/logger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { checkHealth, type DependencyCheck } from './health.ts';
import { defaultHttpLimits, type HttpLimits, serverTimeouts, shedLoadUnderPressure } from './http-limits.ts';

export interface AppDependencies {
  readonly logger: Logger;
  readonly dependencies: readonly DependencyCheck[];
  readonly healthRateLimitPerMinute: number;
  readonly healthTimeoutMs?: number;
  readonly http?: HttpLimits;
}

/** Builds the HTTP app without listening, so tests use `inject()` and `main.ts` owns the port. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    ...serverTimeouts(deps.http ?? defaultHttpLimits),
  });
  // First, so a saturated process refuses before any route's hooks or body parsing.
  await shedLoadUnderPressure(app, deps.http ?? defaultHttpLimits);

  // Not global: authenticated channel and agent APIs carry bulk traffic (batches, polling); the
  // deliberately public routes (health, web forms, widget, webhook handshakes) set their own limits.
  await app.register(rateLimit, { global: false });

  useProblemDetails(app);

  // Deliberately public for load balancers and orchestrators, so rate-limited per client.
  app.get(
    '/health',
    { config: { rateLimit: { max: deps.healthRateLimitPerMinute, timeWindow: '1 minute' } } },
    async (_request, reply) => {
      const report = await checkHealth(deps.dependencies, deps.healthTimeoutMs ?? 2000);
      return reply.status(report.status === 'ok' ? 200 : 503).send(report);
    },
  );

  return app;
}
