import { rm } from 'node:fs/promises';
import { loudHook } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComposedHub } from './compose-hub.ts';
import { createColleagues, customerMail, postEmail, startWorkspaceHub } from './testing/agent-workspace.fixture.ts';

// The analyst API on the embedded default (PGlite): the figures of the analytics projections, as
// JSON or CSV, for analysts, supervisors and admins only; bad queries refused with a problem.

interface Context {
  hub: ComposedHub;
  dataDir: string;
  admin: string;
  agent: string;
  supervisor: string;
  analyst: string;
}

// The fixture's emails are dated Saturday 2026-12-05 09:00Z.
const range = 'from=2026-12-04T00:00:00Z&to=2026-12-07T00:00:00Z';

const get = (hub: ComposedHub, url: string, token?: string, accept?: string) =>
  hub.app.inject({
    method: 'GET',
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(accept ? { accept } : {}) },
  });

const api = suite<Context>('the analyst API');
api.before(
  loudHook(async (context) => {
    ({ hub: context.hub, dataDir: context.dataDir, admin: context.admin } = await startWorkspaceHub('analytics'));
    const colleagues = await createColleagues(context.hub, context.admin);
    context.agent = colleagues.maryam.token;
    context.supervisor = colleagues.sima.token;
    context.analyst = colleagues.nika.token;
    await postEmail(context.hub, customerMail('a1@mail.example', 'Refund', 'Where is my refund?'));
    await postEmail(context.hub, customerMail('a2@mail.example', 'Invoice', 'Please send the invoice'));
    await context.hub.projectionCaughtUp();
  }),
);
api.after(async ({ hub, dataDir }) => {
  await hub?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

api(
  'analysts, supervisors and admins read the volumes the hub just took in',
  async ({ hub, analyst, supervisor, admin }) => {
    for (const token of [analyst, supervisor, admin]) {
      const response = await get(hub, `/v1/analytics/volumes?${range}&groupBy=channel&direction=inbound`, token);
      assert.is(response.statusCode, 200, response.body);
      const rows = response.json().rows as { key: string; interactions: number }[];
      assert.equal(
        rows.map((r) => [r.key, r.interactions]),
        [['email', 2]],
      );
    }
    for (const path of ['response-times?metric=first', 'sla', 'csat', 'channels', 'social']) {
      const response = await get(hub, `/v1/analytics/${path}${path.includes('?') ? '&' : '?'}${range}`, analyst);
      assert.is(response.statusCode, 200, `${path}: ${response.body}`);
    }
    const channels = (await get(hub, `/v1/analytics/channels?${range}`, analyst)).json();
    assert.equal(channels.preference, [{ channel: 'email', contacts: 2, share: 1 }]);
  },
);

api('format=csv answers the same rows as text/csv', async ({ hub, analyst }) => {
  const response = await get(hub, `/v1/analytics/volumes?${range}&groupBy=direction&format=csv`, analyst);
  assert.is(response.statusCode, 200, response.body);
  assert.match(response.headers['content-type'] as string, /^text\/csv/);
  assert.match(response.headers['content-disposition'] as string, /volumes\.csv/);
  const lines = response.body.trim().split('\r\n');
  assert.is(lines[0], 'bucket,key,interactions');
  assert.match(lines[1] as string, /^2026-12-05T00:00:00\.000Z,inbound,2$/);
  const empty = await get(hub, `/v1/analytics/csat?${range}&format=csv`, analyst);
  assert.is(empty.body, 'key,requested,rated,responseRate,average,csat\r\n', 'a header even with no rows');
});

api(
  'bad queries are refused with a problem, unauthenticated and unauthorised ones too',
  async ({ hub, analyst, agent }) => {
    const from = new Date('2026-03-01T00:00:00Z').toISOString();
    const later = new Date('2026-05-01T00:00:00Z').toISOString();
    for (const [url, needle] of [
      [`/v1/analytics/volumes?from=${later}&to=${from}`, 'after'],
      [`/v1/analytics/volumes?${range}&groupBy=weather`, 'groupBy'],
      [`/v1/analytics/volumes?from=yesterday&to=${later}`, 'from'],
      [`/v1/analytics/volumes?from=${from}&to=${later}&granularity=hour`, '31 days'],
      [`/v1/analytics/volumes?${range}&timeZone=Mars/Olympus`, 'time zone'],
      [`/v1/analytics/response-times?${range}&metric=fastest`, 'metric'],
      [`/v1/analytics/channels?${range}&customer=not-a-uuid`, 'customer'],
      [`/v1/analytics/sla?${range}&format=xlsx`, 'format'],
    ] as const) {
      const response = await get(hub, url, analyst);
      assert.is(response.statusCode, 400, `${url}: ${response.body}`);
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
      assert.match(response.body, needle, url);
    }
    assert.is((await get(hub, `/v1/analytics/volumes?${range}`)).statusCode, 401);
    const refused = await get(hub, `/v1/analytics/volumes?${range}`, agent);
    assert.is(refused.statusCode, 403, refused.body);
    assert.match(refused.body, /reports:read/);
  },
);

api.run();
