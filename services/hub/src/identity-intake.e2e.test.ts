import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@hub/logger';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

const CHANNEL = 'channel-token-for-tests-0123';
const AGENT = 'agent-token-for-tests-456789';
const SPELLINGS = ['Sara@Example.com', 'sara@example.com', ' sara@example.com '];

interface Context {
  hub: ComposedHub;
  dir: string;
}

const identity = suite<Context>('one customer per person at every entry (embedded hub)');

identity.before(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'hub-identity-'));
  const forms = join(context.dir, 'forms.json');
  await writeFile(
    forms,
    JSON.stringify({ forms: [{ id: 'contact', fields: { email: 'email', message: 'message' } }] }),
  );
  context.hub = await composeHub(
    loadConfig({
      HUB_DATA_DIR: context.dir,
      HUB_CHANNEL_TOKEN: CHANNEL,
      HUB_AGENT_TOKEN: AGENT,
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_WEBFORMS_FILE: forms,
      HUB_PHONE_REGION: 'IR',
      HUB_LOG_LEVEL: 'silent',
    }),
    silentLogger(),
  );
});
identity.after(async ({ hub, dir }) => {
  await hub.stop();
  await rm(dir, { recursive: true, force: true });
});

const generic = (externalId: string, identifiers: { kind: string; value: string }[]) => ({
  channel: 'generic',
  source: { system: 'crm', externalId },
  direction: 'inbound',
  occurredAt: '2026-11-20T10:15:00+03:30',
  contact: { identifiers, displayName: 'سارا رضایی' },
  threadKey: externalId,
  summary: 'پیگیری سفارش',
  text: `پیام ${externalId}`,
  html: null,
  details: { channel: 'generic', system: 'crm', externalId, attributes: {} },
});

const postInteractions = (hub: ComposedHub, body: unknown) =>
  hub.app.inject({
    method: 'POST',
    url: '/v1/interactions',
    headers: { authorization: `Bearer ${CHANNEL}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

const agent = { authorization: `Bearer ${AGENT}` };

async function lookup(hub: ComposedHub, query: string) {
  await hub.projectionCaughtUp();
  const response = await hub.app.inject({ method: 'GET', url: `/v1/customers/lookup?${query}`, headers: agent });
  return response;
}

async function timelineOf(hub: ComposedHub, customerId: string) {
  const response = await hub.app.inject({
    method: 'GET',
    url: `/v1/customers/${customerId}/timeline?limit=200`,
    headers: agent,
  });
  return (response.json() as { entries: { channel: string; text: string }[] }).entries;
}

const storedEvents = async (hub: ComposedHub) => (await hub.store.readAll({ maxCount: 100_000 })).length;

identity(
  'three spellings of one address through the generic API, its batch, email and a web form: one customer',
  async ({ hub }) => {
    for (const [n, value] of SPELLINGS.entries()) {
      const one = await postInteractions(hub, generic(`one-${n}`, [{ kind: 'email', value }]));
      assert.is(one.statusCode, 202, one.body);
    }
    const batch = await postInteractions(hub, {
      interactions: SPELLINGS.map((value, n) => generic(`batch-${n}`, [{ kind: 'email', value }])),
    });
    assert.is(batch.statusCode, 202, batch.body);
    for (const [n, from] of ['Sara <Sara@Example.com>', 'sara@example.com', '< sara@example.com >'].entries()) {
      const mail = [
        `From: ${from}`,
        'To: support@shop.example',
        `Subject: order ${n}`,
        `Message-ID: <identity-${n}@mail.example>`,
        'Date: Mon, 23 Nov 2026 09:00:00 +0000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `mail ${n}`,
        '',
      ].join('\r\n');
      const response = await hub.app.inject({
        method: 'POST',
        url: '/v1/channels/email',
        headers: { authorization: `Bearer ${CHANNEL}`, 'content-type': 'message/rfc822' },
        payload: mail,
      });
      assert.is(response.statusCode, 202, response.body);
    }
    for (const [n, email] of SPELLINGS.entries()) {
      const response = await hub.app.inject({
        method: 'POST',
        url: '/v1/channels/webform/contact',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        payload: new URLSearchParams({ email, message: `form ${n}` }).toString(),
      });
      assert.is(response.statusCode, 202, response.body);
    }

    const found = await lookup(hub, 'email=Sara@Example.com');
    assert.is(found.statusCode, 200, found.body);
    const customer = found.json() as { id: string; mergeCandidates: string[] };
    for (const spelling of SPELLINGS) {
      const again = await lookup(hub, `email=${encodeURIComponent(spelling)}`);
      assert.is((again.json() as { id: string }).id, customer.id, spelling);
    }
    const entries = await timelineOf(hub, customer.id);
    assert.equal(entries.map((e) => e.channel).sort(), [
      'email',
      'email',
      'email',
      'generic',
      'generic',
      'generic',
      'generic',
      'generic',
      'generic',
      'webform',
      'webform',
      'webform',
    ]);
    assert.equal(customer.mergeCandidates, [], 'one customer, nobody to merge');
  },
);

identity(
  'a phone in Persian digits through the generic API is found by its E.164 form and as written',
  async ({ hub }) => {
    const response = await postInteractions(hub, generic('phone-1', [{ kind: 'phone', value: '۰۹۱۲۵۵۵۰۱۹۹' }]));
    assert.is(response.statusCode, 202, response.body);
    const byE164 = await lookup(hub, `phone=${encodeURIComponent('+989125550199')}`);
    assert.is(byE164.statusCode, 200, byE164.body);
    const asWritten = await lookup(hub, `phone=${encodeURIComponent('۰۹۱۲۵۵۵۰۱۹۹')}`);
    assert.is((asWritten.json() as { id: string }).id, (byE164.json() as { id: string }).id);
  },
);

identity('an invalid email or phone on the generic API: 400 naming the field, nothing stored', async ({ hub }) => {
  await hub.projectionCaughtUp();
  const before = await storedEvents(hub);
  const cases: [unknown, RegExp][] = [
    [
      generic('bad-1', [{ kind: 'email', value: 'not an email at all' }]),
      /^contact\.identifiers\.0\.value is not an email/,
    ],
    [generic('bad-2', [{ kind: 'phone', value: '12' }]), /^contact\.identifiers\.0\.value is not a valid phone/],
    [
      {
        interactions: [
          generic('bad-3', [{ kind: 'email', value: 'nasrin@example.com' }]),
          generic('bad-4', [{ kind: 'email', value: 'nope' }]),
        ],
      },
      /^interactions\.1\.contact\.identifiers\.0\.value is not an email/,
    ],
  ];
  for (const [body, detail] of cases) {
    const response = await postInteractions(hub, body);
    assert.is(response.statusCode, 400, response.body);
    assert.match(String(response.headers['content-type']), 'application/problem+json');
    assert.match(response.json().detail, detail);
  }
  await hub.projectionCaughtUp();
  assert.is(await storedEvents(hub), before, 'nothing appended to the store');
  assert.is(
    (await lookup(hub, 'email=nasrin@example.com')).statusCode,
    404,
    'the good half of the refused batch is not recorded',
  );
  const search = await hub.app.inject({ method: 'GET', url: '/v1/customers?q=nope', headers: agent });
  assert.equal(search.json().customers, []);
});

identity.run();
