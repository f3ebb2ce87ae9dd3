import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { waitFor } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import { createColleagues, customerMail, postEmail, startWorkspaceHub } from './testing/agent-workspace.fixture.ts';

// The admin API of replays and exports on the embedded hub (PGlite): a replay started over HTTP
// runs in the hub's background while it serves; bad requests start nothing.
interface Context {
  hub: ComposedHub;
  dataDir: string;
  admin: string;
  agent: string;
  analyst: string;
}

const admin = suite<Context>('POST /v1/admin/replays and the event export (admins)');

admin.before(async (context) => {
  const started = await startWorkspaceHub('admin-replay');
  Object.assign(context, started);
  const team = await createColleagues(started.hub, started.admin);
  context.agent = team.maryam.token;
  context.analyst = team.nika.token;
  await postEmail(started.hub, customerMail('order-1@example.ir', 'Order 1', 'Where is my order, please?'));
  await postEmail(started.hub, customerMail('order-2@example.ir', 'Order 2', 'And the second one, "with quotes", too'));
  await started.hub.projectionCaughtUp();
});
admin.after(async ({ hub, dataDir }) => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const call = (hub: ComposedHub, token: string | undefined, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  hub.app.inject({
    method,
    url,
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
const replayCount = async (hub: ComposedHub) =>
  Number((await hub.database.query<{ n: number }>('SELECT count(*)::int AS n FROM read_models.replays'))[0]?.n);
const timelineRows = (hub: ComposedHub) =>
  hub.database.query('SELECT interaction_id, summary, body_text FROM read_models.timeline ORDER BY 1');

admin('bad requests get a clear 4xx and start nothing', async ({ hub, admin: token, agent, analyst }) => {
  const refused = async (who: string | undefined, payload: unknown, status: number, detail: RegExp) => {
    const response = await call(hub, who, 'POST', '/v1/admin/replays', payload);
    assert.is(response.statusCode, status, response.body);
    assert.match(String(response.headers['content-type']), 'application/problem+json');
    assert.match(response.json().detail, detail);
  };
  await refused(undefined, { projection: 'timeline' }, 401, /sign in/);
  await refused(agent, { projection: 'timeline' }, 403, /agent role may not settings:manage/);
  await refused(analyst, { projection: 'timeline' }, 403, /analyst role may not settings:manage/);
  await refused(token, { projection: 'orders-by-moon' }, 404, /no projection named "orders-by-moon"; known: timeline/);
  await refused(token, {}, 400, /projection/);
  await refused(token, { projection: 42 }, 400, /projection/);
  await refused(token, { projection: 'timeline', from: 'last tuesday' }, 400, /from/);
  await refused(token, { projection: 'timeline', extra: true }, 400, /extra|unrecognized/i);
  await refused(token, { projection: 'x'.repeat(101) }, 400, /projection/);
  await refused(token, { projection: 'timeline', from: '2026-01-01T00:00:00Z' }, 400, /cannot be replayed from a date/);
  const notJson = await hub.app.inject({
    method: 'POST',
    url: '/v1/admin/replays',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: '{"projection": ',
  });
  assert.is(notJson.statusCode, 400);
  assert.is(await replayCount(hub), 0, 'nothing recorded');
  for (const url of ['/v1/admin/replays', `/v1/admin/replays/${randomUUID()}`, '/v1/admin/exports/events'])
    assert.is((await call(hub, analyst, 'GET', url)).statusCode, 403, url);
  assert.is((await call(hub, token, 'GET', '/v1/admin/replays/not-a-uuid')).statusCode, 400);
  assert.is((await call(hub, token, 'GET', `/v1/admin/replays/${randomUUID()}`)).statusCode, 404);
  assert.is((await call(hub, token, 'GET', '/v1/admin/exports/events?format=xml')).statusCode, 400);
  assert.is((await call(hub, token, 'GET', '/v1/admin/exports/events?from=yesterday')).statusCode, 400);
});

admin(
  'a replay runs while the hub serves, reports its progress, and leaves the same rows',
  async ({ hub, admin: token }) => {
    const before = await timelineRows(hub);
    const started = await call(hub, token, 'POST', '/v1/admin/replays', { projection: 'timeline' });
    assert.is(started.statusCode, 202, started.body);
    const { id, state } = started.json() as { id: string; state: string };
    assert.is(state, 'running');
    assert.is(started.headers.location, `/v1/admin/replays/${id}`);
    const done = await waitFor(
      async () => {
        const body = (await call(hub, token, 'GET', `/v1/admin/replays/${id}`)).json();
        return body.state === 'running' ? undefined : body;
      },
      { timeoutMs: 30_000, what: 'the replay to finish' },
    );
    assert.is(done.state, 'succeeded', done.error);
    assert.ok(done.events > 0 && done.total === done.events, `events done / total: ${done.events}/${done.total}`);
    assert.ok(done.checkpoint, 'swapped in at a checkpoint');
    assert.is(done.etaSeconds, null);
    assert.equal(await timelineRows(hub), before);
    const list = (await call(hub, token, 'GET', '/v1/admin/replays')).json();
    assert.equal(
      list.replays.map((r: { id: string }) => r.id),
      [id],
    );
  },
);

admin('one replay of a projection at a time, wherever the other runs: 409', async ({ hub, admin: token }) => {
  // As a replay running in another process records itself.
  const elsewhere = randomUUID();
  await hub.database.query(
    `INSERT INTO read_models.replays (replay_id, projection, state, started_at, updated_at)
     VALUES ($1, 'cases', 'running', now(), now())`,
    [elsewhere],
  );
  const refused = await call(hub, token, 'POST', '/v1/admin/replays', { projection: 'cases' });
  assert.is(refused.statusCode, 409, refused.body);
  assert.match(refused.json().detail, /a replay of cases is running/);
  const running = (await call(hub, token, 'GET', `/v1/admin/replays/${elsewhere}`)).json();
  assert.equal([running.state, running.projection], ['running', 'cases']);
  await hub.database.query("UPDATE read_models.replays SET state = 'failed' WHERE replay_id = $1", [elsewhere]);
});

admin('the history exports as NDJSON and CSV, filtered, personal data sealed', async ({ hub, admin: token }) => {
  const ndjson = await call(hub, token, 'GET', '/v1/admin/exports/events?format=ndjson');
  assert.is(ndjson.statusCode, 200, ndjson.body);
  assert.match(String(ndjson.headers['content-type']), 'application/x-ndjson');
  const events = ndjson.body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; streamId: string; position: string });
  assert.ok(events.length >= 4, `${events.length} events`);
  assert.ok(events.some((e) => e.type === 'InteractionRecorded'));
  assert.not.match(ndjson.body, 'Where is my order', 'texts stay sealed');
  assert.not.match(ndjson.body, 'sara@example.ir', 'addresses stay sealed');

  const csv = await call(hub, token, 'GET', '/v1/admin/exports/events?format=csv&type=InteractionRecorded');
  assert.is(csv.statusCode, 200, csv.body);
  assert.match(String(csv.headers['content-type']), 'text/csv');
  const lines = csv.body.split('\r\n').filter((line) => line !== '');
  assert.is(
    lines[0],
    'position,stream_id,revision,event_id,type,schema_version,occurred_at,recorded_at,causation_id,correlation_id,data,metadata',
  );
  assert.is(lines.length - 1, events.filter((e) => e.type === 'InteractionRecorded').length);
  assert.ok(lines.slice(1).every((line) => line.split(',')[4] === 'InteractionRecorded'));

  const future = await call(hub, token, 'GET', '/v1/admin/exports/events?from=2999-01-01T00:00:00Z');
  assert.is(future.body, '');
});

admin.run();
