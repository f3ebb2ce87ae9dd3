import { problems, security } from '@hub/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EventLoopMonitor } from './event-loop.monitor.ts';
import { checkHealth, type DependencyCheck } from './health.ts';
import { type ProjectionProbe, reportProjection } from './projection.health.ts';

export interface HealthRouteSettings {
  readonly dependencies: readonly DependencyCheck[];
  readonly projections?: readonly ProjectionProbe[];
  /** A projection retrying this long fails readiness. */
  readonly projectionStallMs?: number;
  readonly rateLimitPerMinute: number;
  readonly timeoutMs?: number;
  readonly eventLoop?: EventLoopMonitor;
  /** Liveness fails when the event loop was blocked this long within the monitor's window. */
  readonly maxEventLoopDelayMs?: number;
  readonly now?: () => Date;
}

const Dependency = z.looseObject({ ok: z.boolean(), kind: z.string(), detail: z.string().optional() });
const Readiness = z
  .looseObject({
    status: z.enum(['ok', 'degraded']),
    dependencies: z.record(z.string(), Dependency),
    projections: z.record(z.string(), z.looseObject({ state: z.string(), stalled: z.boolean() })),
  })
  .meta({ id: 'Readiness', description: '503 when a dependency is down or a projection is stalled' });
const Liveness = z.object({ status: z.enum(['ok', 'degraded']), eventLoopDelayMs: z.number() });
const readinessSchema = {
  tags: ['health'],
  security: security.none,
  response: { 200: Readiness, 503: Readiness, ...problems(429) },
};
const livenessSchema = {
  summary: 'Liveness: the process answers and its event loop is not blocked',
  tags: ['health'],
  security: security.none,
  response: { 200: Liveness, 503: Liveness, ...problems(429) },
};

/**
 * `/health/live`: the process answers and its event loop is not stuck; no I/O, so a slow database
 * never gets a healthy process restarted. `/health/ready`: every dependency answers and no
 * projection is stalled, so traffic goes elsewhere meanwhile. `/health` stays what it always was,
 * the readiness report. Deliberately public for load balancers and orchestrators, so rate-limited
 * per client.
 */
export function registerHealthRoutes(app: FastifyInstance, settings: HealthRouteSettings): void {
  const timeoutMs = settings.timeoutMs ?? 2000;
  const stallMs = settings.projectionStallMs ?? 60_000;
  const maxDelayMs = settings.maxEventLoopDelayMs ?? 5000;
  const now = settings.now ?? (() => new Date());
  const config = { rateLimit: { max: settings.rateLimitPerMinute, timeWindow: '1 minute' } };

  const ready = async () => {
    const at = now();
    const [report, projections] = await Promise.all([
      checkHealth(settings.dependencies, timeoutMs),
      Promise.all((settings.projections ?? []).map((probe) => reportProjection(probe, at, stallMs, timeoutMs))),
    ]);
    const ok = report.status === 'ok' && projections.every(([, p]) => !p.stalled);
    return {
      ...report,
      status: ok ? ('ok' as const) : ('degraded' as const),
      projections: Object.fromEntries(projections),
    };
  };

  for (const url of ['/health', '/health/ready']) {
    const summary = url === '/health' ? 'The same as /health/ready' : 'Readiness: dependencies and projections';
    app.get(url, { config, schema: { ...readinessSchema, summary } }, async (_request, reply) => {
      const report = await ready();
      return reply.status(report.status === 'ok' ? 200 : 503).send(report);
    });
  }

  app.get('/health/live', { config, schema: livenessSchema }, async (_request, reply) => {
    const delayMs = Math.round(settings.eventLoop?.delayMs() ?? 0);
    const ok = delayMs < maxDelayMs;
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', eventLoopDelayMs: delayMs });
  });
}
