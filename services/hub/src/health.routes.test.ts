import rateLimit from '@fastify/rate-limit';
import { useZodSchemas } from '@hub/http';
import type { ProjectionLag, ProjectionStatus } from '@hub/projections';
import Fastify, { type FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startEventLoopMonitor } from './event-loop.monitor.ts';
import { type HealthRouteSettings, registerHealthRoutes } from './health.routes.ts';
import type { DependencyCheck } from './health.ts';

const healthy: DependencyCheck = { name: 'eventStore', check: async () => ({ ok: true, kind: 'postgres' }) };
const down: DependencyCheck = {
  name: 'eventStore',
  check: async () => ({ ok: false, kind: 'postgres', detail: 'connection refused' }),
};

async function serve(settings: Partial<HealthRouteSettings>): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(rateLimit, { global: false });
  useZodSchemas(app);
  registerHealthRoutes(app, { dependencies: [healthy], rateLimitPerMinute: 100, timeoutMs: 300, ...settings });
  return app;
}

const live = suite('GET /health/live: the process is up and its event loop runs, nothing else');

live('dependencies down or hanging do not make a live process look dead', async () => {
  let asked = 0;
  const counting: DependencyCheck = {
    name: 'bus',
    check: () => {
      asked += 1;
      return new Promise(() => {});
    },
  };
  const app = await serve({ dependencies: [down, counting] });
  const response = await app.inject({ method: 'GET', url: '/health/live' });
  assert.is(response.statusCode, 200);
  assert.is(response.json().status, 'ok');
  assert.is(asked, 0, 'no dependency is asked: liveness does no I/O');
  await app.close();
});

live('an event loop blocked past the limit answers 503', async () => {
  const eventLoop = startEventLoopMonitor({ intervalMs: 10, windowMs: 5000 });
  const app = await serve({ eventLoop, maxEventLoopDelayMs: 150 });
  assert.is((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200);
  const until = Date.now() + 400;
  while (Date.now() < until) {
    // Busy: a synchronous loop is what a stuck process looks like.
  }
  const response = await app.inject({ method: 'GET', url: '/health/live' });
  assert.is(response.statusCode, 503);
  assert.is(response.json().status, 'degraded');
  assert.ok(response.json().eventLoopDelayMs >= 150, `delay ${response.json().eventLoopDelayMs}`);
  eventLoop.stop();
  await app.close();
});

live('public, so rate-limited like /health', async () => {
  const app = await serve({ rateLimitPerMinute: 2 });
  const codes: number[] = [];
  for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'GET', url: '/health/live' })).statusCode);
  assert.equal(codes, [200, 200, 429]);
  await app.close();
});

live.run();

const ready = suite('GET /health/ready and /health: dependencies and projections');

const projection = (status: ProjectionStatus, lag: ProjectionLag) => ({
  status: () => status,
  lag: async () => lag,
});

ready('a dependency down: 503 on both, naming it', async () => {
  const app = await serve({ dependencies: [down] });
  for (const url of ['/health/ready', '/health']) {
    const response = await app.inject({ method: 'GET', url });
    assert.is(response.statusCode, 503, url);
    assert.is(response.json().dependencies.eventStore.detail, 'connection refused');
  }
  await app.close();
});

ready('a projection retrying past the stall threshold: 503, with its attempts, error code and lag', async () => {
  const now = new Date('2026-12-05T12:01:00Z');
  const app = await serve({
    now: () => now,
    projectionStallMs: 30_000,
    projections: [
      projection(
        {
          name: 'timeline',
          state: 'retrying',
          checkpoint: '9/400',
          attempts: 7,
          failingSince: new Date('2026-12-05T12:00:00Z'),
          lastErrorCode: '23514',
        },
        { events: 650, atLeast: false, oldestUnprojectedAt: new Date('2026-12-05T11:59:50Z') },
      ),
    ],
  });
  const response = await app.inject({ method: 'GET', url: '/health/ready' });
  assert.is(response.statusCode, 503);
  assert.equal(response.json().projections.timeline, {
    state: 'retrying',
    stalled: true,
    checkpoint: '9/400',
    attempts: 7,
    lastErrorCode: '23514',
    failingSince: '2026-12-05T12:00:00.000Z',
    lag: { events: 650, atLeast: false, oldestUnprojectedAgeSeconds: 70 },
  });
  await app.close();
});

ready('retrying for less than the threshold, or catching up: still ready, the state shown', async () => {
  const now = new Date('2026-12-05T12:00:10Z');
  const app = await serve({
    now: () => now,
    projectionStallMs: 30_000,
    projections: [
      projection(
        {
          name: 'timeline',
          state: 'retrying',
          checkpoint: '9/400',
          attempts: 2,
          failingSince: new Date('2026-12-05T12:00:00Z'),
          lastErrorCode: 'EVENT_STORE_UNAVAILABLE',
        },
        { events: 3, atLeast: false, oldestUnprojectedAt: new Date('2026-12-05T12:00:05Z') },
      ),
    ],
  });
  const response = await app.inject({ method: 'GET', url: '/health' });
  assert.is(response.statusCode, 200);
  assert.is(response.json().projections.timeline.state, 'retrying');
  assert.is(response.json().projections.timeline.stalled, false);
  assert.is(response.json().projections.timeline.lag.oldestUnprojectedAgeSeconds, 5);
  await app.close();
});

ready('a lag that cannot be measured in time is shown as such, not waited for', async () => {
  const app = await serve({
    projections: [
      {
        status: () => ({ name: 'timeline', state: 'caught-up', checkpoint: '1/1', attempts: 0 }),
        lag: () => new Promise(() => {}),
      },
    ],
  });
  const response = await app.inject({ method: 'GET', url: '/health/ready' });
  assert.is(response.statusCode, 200);
  assert.equal(response.json().projections.timeline.lag, { error: 'no answer in 300 ms' });
  await app.close();
});

ready.run();
