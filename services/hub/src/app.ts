import rateLimit from '@fastify/rate-limit';
import { frameworkErrorsAsProblems, registerOpenApi, useProblemDetails } from '@hub/http';
import type { Logger } from '@hub/logger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import type { EventLoopMonitor } from './event-loop.monitor.ts';
import { registerHealthRoutes } from './health.routes.ts';
import type { DependencyCheck } from './health.ts';
import { defaultHttpLimits, type HttpLimits, serverTimeouts, shedLoadUnderPressure } from './http-limits.ts';
import type { HubMetrics } from './hub.metrics.ts';
import { registerMetrics } from './metrics.routes.ts';
import type { ProjectionProbe } from './projection.health.ts';

export interface AppDependencies {
  readonly logger: Logger;
  readonly dependencies: readonly DependencyCheck[];
  readonly healthRateLimitPerMinute: number;
  readonly healthTimeoutMs?: number;
  readonly http?: HttpLimits;
  readonly projections?: readonly ProjectionProbe[];
  readonly projectionStallMs?: number;
  readonly eventLoop?: EventLoopMonitor;
  readonly metrics?: HubMetrics;
  readonly metricsToken?: string;
  /** Told of every route as it is added (the OpenAPI completeness test). */
  readonly onRoute?: (route: RouteOptions) => void;
}

/** The version of the API the OpenAPI document describes (`/v1`). */
const API_VERSION = '1.0.0';

/** Builds the HTTP app without listening, so tests use `inject()` and `main.ts` owns the port. */
export async function buildApp(deps: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    frameworkErrors: frameworkErrorsAsProblems,
    ...serverTimeouts(deps.http ?? defaultHttpLimits),
  });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  // First, so a saturated process refuses before any route's hooks or body parsing.
  await shedLoadUnderPressure(app, deps.http ?? defaultHttpLimits);

  // Not global: authenticated channel and agent APIs carry bulk traffic (batches, polling); the
  // deliberately public routes (health, web forms, widget, webhook handshakes) set their own limits.
  await app.register(rateLimit, { global: false });

  useProblemDetails(app);
  // Before any route: the document collects routes as they are added. Public like /health.
  await registerOpenApi(app, {
    version: API_VERSION,
    onRequest: app.rateLimit({ max: deps.healthRateLimitPerMinute, timeWindow: '1 minute' }),
  });

  if (deps.metrics) {
    registerMetrics(app, {
      metrics: deps.metrics,
      rateLimitPerMinute: deps.healthRateLimitPerMinute,
      ...(deps.metricsToken ? { token: deps.metricsToken } : {}),
    });
  }
  registerHealthRoutes(app, {
    dependencies: deps.dependencies,
    rateLimitPerMinute: deps.healthRateLimitPerMinute,
    ...(deps.healthTimeoutMs ? { timeoutMs: deps.healthTimeoutMs } : {}),
    ...(deps.projections ? { projections: deps.projections } : {}),
    ...(deps.projectionStallMs ? { projectionStallMs: deps.projectionStallMs } : {}),
    ...(deps.eventLoop ? { eventLoop: deps.eventLoop } : {}),
  });

  return app;
}
