import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@hub/logger';
import { createTestDatabase, type TestDatabase } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';
import { parsePrometheusText, sampleValue } from './testing/prometheus-text.ts';

// The whole hub on real PostgreSQL with the in-process log: what an operator's Prometheus scrapes.
const CHANNEL = 'channel-token-for-tests-0123';
const METRICS = 'metrics-token-for-tests-0123';

interface Context {
  hub: ComposedHub;
  dir: string;
  database: TestDatabase;
}

const metrics = suite<Context>('GET /metrics on the composed hub');

metrics.before(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'hub-metrics-'));
  context.database = await createTestDatabase({ prefix: 'hub_metrics' });
  context.hub = await composeHub(
    loadConfig({
      HUB_DATA_DIR: context.dir,
      DATABASE_URL: context.database.url,
      HUB_CHANNEL_TOKEN: CHANNEL,
      HUB_AGENT_TOKEN: 'agent-token-for-tests-456789',
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_METRICS_TOKEN: METRICS,
      HUB_LOG_LEVEL: 'silent',
    }),
    silentLogger(),
  );
});

metrics.after(async ({ hub, dir, database }) => {
  await hub.stop();
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

const interaction = (n: number) => ({
  channel: 'generic',
  source: { system: 'erp', externalId: `metrics-${n}` },
  direction: 'inbound',
  occurredAt: '2026-12-05T10:15:00+03:30',
  contact: { identifiers: [{ kind: 'email', value: `visitor-${n}@example.ir` }], displayName: 'سارا' },
  threadKey: `metrics-${n}`,
  summary: 'بازدید',
  text: 'مشتری به شعبه آمد.',
  html: null,
  details: { channel: 'generic', system: 'erp', externalId: `metrics-${n}`, attributes: {} },
});

const scrape = async (hub: ComposedHub) => {
  const response = await hub.app.inject({
    method: 'GET',
    url: '/metrics',
    headers: { authorization: `Bearer ${METRICS}` },
  });
  assert.is(response.statusCode, 200, response.body);
  assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(response.body);
};

metrics('accepted and refused interactions move the intake and HTTP counters; the text parses', async ({ hub }) => {
  const post = (body: unknown, headers: Record<string, string>) =>
    hub.app.inject({ method: 'POST', url: '/v1/interactions', headers, payload: JSON.stringify(body) });
  const json = { 'content-type': 'application/json' };
  const before = await scrape(hub);
  const acceptedBefore = sampleValue(before, 'hub_intake_accepted_total', { channel: 'generic' }) ?? 0;

  const accepted = await post(
    { interactions: [interaction(1), interaction(2)] },
    { ...json, authorization: `Bearer ${CHANNEL}` },
  );
  assert.is(accepted.statusCode, 202, accepted.body);
  const invalid = await post(
    { ...interaction(3), direction: 'sideways' },
    { ...json, authorization: `Bearer ${CHANNEL}` },
  );
  assert.is(invalid.statusCode, 400);
  const anonymous = await post(interaction(4), json);
  assert.is(anonymous.statusCode, 401);

  const after = await scrape(hub);
  assert.is(sampleValue(after, 'hub_intake_accepted_total', { channel: 'generic' }), acceptedBefore + 2);
  assert.is(sampleValue(after, 'hub_intake_refused_total', { channel: 'generic', code: 'INVALID_INPUT' }), 1);
  assert.is(sampleValue(after, 'hub_intake_refused_total', { channel: 'generic', code: 'UNAUTHENTICATED' }), 1);
  const post202 = { route: '/v1/interactions', method: 'POST', status: '202' };
  assert.is(sampleValue(after, 'hub_http_requests_total', post202), 1);
  assert.is(sampleValue(after, 'hub_http_request_duration_seconds_count', post202), 1);
  assert.is(sampleValue(after, 'hub_http_request_duration_seconds_bucket', { ...post202, le: '+Inf' }), 1);
  assert.is(sampleValue(after, 'hub_http_requests_total', { route: '/v1/interactions', status: '401' }), 1);

  // In process, publishing waits for the writer: nothing is left in hand once the answer came.
  assert.is(sampleValue(after, 'hub_writer_lag_messages', { partition: 'in-process' }), 0);
  assert.is(sampleValue(after, 'hub_dead_letters'), 0);
  assert.ok(sampleValue(after, 'process_cpu_user_seconds_total') !== undefined, 'process metrics');
  assert.ok(sampleValue(after, 'nodejs_eventloop_lag_seconds') !== undefined, 'event loop metrics');

  await hub.projectionCaughtUp();
  const caughtUp = await scrape(hub);
  assert.is(sampleValue(caughtUp, 'hub_projection_state', { projection: 'timeline', state: 'caught-up' }), 1);
  assert.is(sampleValue(caughtUp, 'hub_projection_state', { projection: 'timeline', state: 'retrying' }), 0);
  assert.is(sampleValue(caughtUp, 'hub_projection_failed_attempts', { projection: 'timeline' }), 0);
});

metrics('with HUB_METRICS_TOKEN set, a scrape without it gets 401 problem+json and no metrics', async ({ hub }) => {
  for (const headers of [
    {},
    { authorization: 'Bearer not-the-metrics-token' },
    { authorization: `Bearer ${CHANNEL}` },
  ]) {
    const response = await hub.app.inject({ method: 'GET', url: '/metrics', headers });
    assert.is(response.statusCode, 401);
    assert.is(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.is(response.json().code, 'UNAUTHENTICATED');
    assert.not.match(response.body, /hub_intake/);
  }
});

metrics.run();
