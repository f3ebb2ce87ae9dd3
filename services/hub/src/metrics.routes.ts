import { problems, requireBearer, security } from '@hub/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubMetrics } from './hub.metrics.ts';

/** The channel of an intake route (`/v1/channels/phone/cdr` -> `phone`), or undefined for any other route. */
export function intakeChannelOf(route: string | undefined): string | undefined {
  if (route === '/v1/interactions') return 'generic';
  return /^\/v1\/channels\/([a-z]+)/.exec(route ?? '')?.[1];
}

export interface MetricsRouteSettings {
  readonly metrics: HubMetrics;
  /** When set, `/metrics` needs `Authorization: Bearer <token>`; otherwise it is public, rate-limited. */
  readonly token?: string;
  readonly rateLimitPerMinute: number;
}

/**
 * Times every request and counts refused intake by the code the client was sent, then serves
 * `/metrics`. Hooks on the root instance, so they see the routes every plugin registers later.
 */
export function registerMetrics(app: FastifyInstance, settings: MetricsRouteSettings): void {
  const { metrics } = settings;
  app.addHook('onSend', async (request, reply, payload) => {
    const channel = intakeChannelOf(request.routeOptions.url);
    const problem = String(reply.getHeader('content-type') ?? '').startsWith('application/problem+json');
    if (channel && problem && reply.statusCode >= 400) metrics.countRefused(channel, problemCode(payload));
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route template, never the URL: ids and query strings would make a series per request.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest({ route, method: request.method, status: reply.statusCode }, reply.elapsedTime / 1000);
  });
  app.get(
    '/metrics',
    {
      config: { rateLimit: { max: settings.rateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        summary: 'Prometheus metrics (text exposition format)',
        tags: ['health'],
        security: settings.token ? [{ metricsToken: [] }] : security.none,
        produces: ['text/plain'],
        response: {
          200: z.string().meta({ description: 'Prometheus text format 0.0.4' }),
          ...problems(401, 429),
        },
      },
      ...(settings.token ? { preHandler: requireBearer(settings.token, 'metrics') } : {}),
    },
    async (_request, reply) => {
      const text = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(text);
    },
  );
}

function problemCode(payload: unknown): string {
  if (typeof payload !== 'string') return 'UNKNOWN';
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === 'string' ? code : 'UNKNOWN';
  } catch {
    return 'UNKNOWN';
  }
}
