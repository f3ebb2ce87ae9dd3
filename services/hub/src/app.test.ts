import { Writable } from 'node:stream';
import { createLogger } from '@hub/logger';
import type { FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { buildApp } from './app.ts';
import type { DependencyCheck } from './health.ts';

const logLines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});
const logger = createLogger({ service: 'hub-test', destination: sink });

const healthy = (name: string, kind: string): DependencyCheck => ({ name, check: async () => ({ ok: true, kind }) });

const app = (dependencies: DependencyCheck[], healthRateLimitPerMinute = 100): Promise<FastifyInstance> =>
  buildApp({ logger, dependencies, healthRateLimitPerMinute, healthTimeoutMs: 300 });

const health = suite('GET /health reports each dependency');

health('all dependencies answering: 200 with each one named', async () => {
  const hub = await app([healthy('eventStore', 'pglite'), healthy('bus', 'in-process')]);
  const response = await hub.inject({ method: 'GET', url: '/health' });
  assert.is(response.statusCode, 200);
  assert.equal(response.json(), {
    status: 'ok',
    dependencies: { eventStore: { ok: true, kind: 'pglite' }, bus: { ok: true, kind: 'in-process' } },
    projections: {},
  });
  await hub.close();
});

health('one dependency down: 503 degraded, saying which and why', async () => {
  const hub = await app([
    healthy('eventStore', 'postgres'),
    { name: 'bus', check: async () => ({ ok: false, kind: 'kafka', detail: 'Connection error: ECONNREFUSED' }) },
  ]);
  const response = await hub.inject({ method: 'GET', url: '/health' });
  assert.is(response.statusCode, 503);
  assert.is(response.json().status, 'degraded');
  assert.equal(response.json().dependencies.bus, {
    ok: false,
    kind: 'kafka',
    detail: 'Connection error: ECONNREFUSED',
  });
  await hub.close();
});

health('a dependency that hangs is reported down after the timeout, not waited for', async () => {
  const hub = await app([{ name: 'eventStore', check: () => new Promise(() => {}) }]);
  const response = await hub.inject({ method: 'GET', url: '/health' });
  assert.is(response.statusCode, 503);
  assert.match(response.json().dependencies.eventStore.detail, /no answer in 300 ms/);
  await hub.close();
});

health('a check that throws is reported down with its message', async () => {
  const hub = await app([{ name: 'eventStore', check: async () => Promise.reject(new Error('disk full')) }]);
  const response = await hub.inject({ method: 'GET', url: '/health' });
  assert.is(response.statusCode, 503);
  assert.match(response.json().dependencies.eventStore.detail, /disk full/);
  await hub.close();
});

health('public, so rate-limited: past the limit a client gets 429 problem+json', async () => {
  const hub = await app([healthy('eventStore', 'pglite')], 3);
  const codes: number[] = [];
  for (let i = 0; i < 4; i++) codes.push((await hub.inject({ method: 'GET', url: '/health' })).statusCode);
  assert.equal(codes, [200, 200, 200, 429]);
  const limited = await hub.inject({ method: 'GET', url: '/health' });
  assert.is(limited.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.is(limited.json().status, 429);
  await hub.close();
});

health.run();

const errors = suite('errors are problem+json');

errors('an unknown route: 404 problem+json naming the route', async () => {
  const hub = await app([]);
  const response = await hub.inject({ method: 'POST', url: '/v1/nowhere?x=1' });
  assert.is(response.statusCode, 404);
  assert.is(response.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.is(response.json().detail, 'no route POST /v1/nowhere');
  await hub.close();
});

errors('an unexpected failure: 500 without internals in the answer, with the error in the log', async () => {
  const hub = await app([]);
  hub.get('/boom', async () => {
    throw new Error('secret internal detail');
  });
  const response = await hub.inject({ method: 'GET', url: '/boom' });
  assert.is(response.statusCode, 500);
  assert.not.match(response.body, /secret internal detail/);
  assert.ok(logLines.some((line) => JSON.stringify(line).includes('secret internal detail')));
  await hub.close();
});

errors(
  'what Fastify refuses before any route (a path parameter over 100 characters, a URL that does not decode): problem+json too',
  async () => {
    const hub = await app([]);
    hub.get('/v1/things/:id', async () => 'found');
    const long = await hub.inject({ method: 'GET', url: `/v1/things/${'x'.repeat(150)}` });
    assert.is(long.statusCode, 414);
    assert.is(long.headers['content-type'], 'application/problem+json; charset=utf-8');
    const undecodable = await hub.inject({ method: 'GET', url: '/v1/things/%E0%A4%A' });
    assert.is(undecodable.statusCode, 400);
    assert.is(undecodable.headers['content-type'], 'application/problem+json; charset=utf-8');
    await hub.close();
  },
);

errors.run();
