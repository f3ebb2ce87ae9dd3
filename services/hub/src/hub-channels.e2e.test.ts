import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { twilioSignature } from '@hub/channels';
import { silentLogger } from '@hub/logger';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type ComposedHub, composeHub } from './compose-hub.ts';
import { loadConfig } from './config.ts';

const CHANNEL = 'channel-token-for-tests-0123';
const AGENT = 'agent-token-for-tests-456789';
const TWILIO = 'twilio-auth-token-for-tests';
const PUBLIC_URL = 'https://hub.example.ir';
const fixture = (name: string) =>
  readFile(fileURLToPath(new URL(`../../../packages/channels/src/email/fixtures/${name}`, import.meta.url)));

interface Context {
  hub: ComposedHub;
  dir: string;
}

const channels = suite<Context>('every channel, real formats, read back from the timeline API (embedded hub)');

channels.before(async (context) => {
  context.dir = await mkdtemp(join(tmpdir(), 'hub-channels-'));
  const forms = join(context.dir, 'forms.json');
  await writeFile(
    forms,
    JSON.stringify({
      forms: [{ id: 'contact', fields: { email: 'email', phone: 'mobile', name: 'name', message: 'message' } }],
    }),
  );
  context.hub = await composeHub(
    loadConfig({
      HUB_DATA_DIR: context.dir,
      HUB_CHANNEL_TOKEN: CHANNEL,
      HUB_AGENT_TOKEN: AGENT,
      HUB_MASTER_KEY: randomBytes(32).toString('base64'),
      HUB_PUBLIC_URL: PUBLIC_URL,
      TWILIO_AUTH_TOKEN: TWILIO,
      HUB_WEBFORMS_FILE: forms,
      HUB_PHONE_REGION: 'IR',
      HUB_LOG_LEVEL: 'silent',
    }),
    silentLogger(),
  );
});
channels.after(async ({ hub, dir }) => {
  await hub.stop();
  await rm(dir, { recursive: true, force: true });
});

async function timelineOf(hub: ComposedHub, query: string) {
  await hub.projectionCaughtUp();
  const headers = { authorization: `Bearer ${AGENT}` };
  const lookup = await hub.app.inject({ method: 'GET', url: `/v1/customers/lookup?${query}`, headers });
  assert.is(lookup.statusCode, 200, `${query}: ${lookup.body}`);
  const customer = lookup.json() as { id: string; displayName: string | null };
  const timeline = await hub.app.inject({ method: 'GET', url: `/v1/customers/${customer.id}/timeline`, headers });
  return {
    customer,
    entries: (timeline.json() as { entries: { text: string; channel: string; summary: string }[] }).entries,
  };
}

channels('email: a Persian MIME message (RFC 2047 headers, base64 alternative body)', async ({ hub }) => {
  const response = await hub.app.inject({
    method: 'POST',
    url: '/v1/channels/email',
    headers: { authorization: `Bearer ${CHANNEL}`, 'content-type': 'message/rfc822' },
    payload: await fixture('persian-alternative.eml'),
  });
  assert.is(response.statusCode, 202, response.body);
  const { customer, entries } = await timelineOf(hub, 'email=sara.rezaei@example.ir');
  assert.is(customer.displayName, 'سارا رضایی');
  assert.is(entries[0]?.channel, 'email');
  assert.match(entries[0]?.text ?? '', 'سفارش شماره ۱۲۳۴ من هنوز نرسیده است.');
});

channels('phone: a signed Twilio status callback, the caller typed in E.164', async ({ hub }) => {
  const params = new URLSearchParams({
    CallSid: 'CA0123456789abcdef0123456789abcdef',
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: '+989121234567',
    To: '+982188776655',
    Direction: 'inbound',
    CallStatus: 'completed',
    CallDuration: '95',
    Timestamp: 'Mon, 23 Nov 2026 09:10:00 +0000',
  });
  const path = '/v1/channels/phone/twilio';
  const response = await hub.app.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(TWILIO, `${PUBLIC_URL}${path}`, params),
    },
    payload: params.toString(),
  });
  assert.ok(response.statusCode < 300, response.body);
  const { entries } = await timelineOf(hub, 'phone=%DB%B0%DB%B9%DB%B1%DB%B2%DB%B1%DB%B2%DB%B3%DB%B4%DB%B5%DB%B6%DB%B7');
  assert.is(entries[0]?.channel, 'phone', 'looked up with Persian digits, national format');
});

channels('web form: a plain HTML form post in Persian', async ({ hub }) => {
  const form = new URLSearchParams({
    email: 'Ali@Example.com',
    mobile: '۰۹۳۵۱۱۱۲۲۳۳',
    name: 'علی محمدی',
    message: 'لطفاً با من تماس بگیرید',
  });
  const response = await hub.app.inject({
    method: 'POST',
    url: '/v1/channels/webform/contact',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    payload: form.toString(),
  });
  assert.is(response.statusCode, 202, response.body);
  const { customer, entries } = await timelineOf(hub, 'email=ali@example.com');
  assert.is(customer.displayName, 'علی محمدی');
  assert.match(entries[0]?.text ?? '', 'لطفاً با من تماس بگیرید');
  const byPhone = await timelineOf(hub, 'phone=09351112233');
  assert.is(byPhone.customer.id, customer.id, 'the form linked the phone to the same customer');
});

channels('phone: an Asterisk Master.csv row', async ({ hub }) => {
  const row =
    '"","09121234567","201","from-internal","""سارا"" <09121234567>","SIP/trunk-00000001","SIP/201-0000000a","Dial","SIP/201,30","2026-11-23 09:20:00","2026-11-23 09:20:05","2026-11-23 09:22:05",125,120,"ANSWERED","DOCUMENTATION","1763889600.17",""\n';
  const response = await hub.app.inject({
    method: 'POST',
    url: '/v1/channels/phone/cdr',
    headers: { authorization: `Bearer ${CHANNEL}`, 'content-type': 'text/csv' },
    payload: row,
  });
  assert.is(response.statusCode, 202, response.body);
  const { entries } = await timelineOf(hub, 'phone=%2B989121234567');
  assert.ok(
    entries.filter((e) => e.channel === 'phone').length >= 2,
    'the CDR call joins the Twilio call on one timeline',
  );
});

channels(
  'parse failures: an unreadable message is kept and listed; after a parser fix it re-runs into the timeline',
  async ({ hub }) => {
    const headers = { authorization: `Bearer ${CHANNEL}` };
    const bad = await hub.app.inject({
      method: 'POST',
      url: '/v1/channels/email',
      headers: { ...headers, 'content-type': 'message/rfc822' },
      payload: 'this is not a mail message at all',
    });
    assert.is(bad.statusCode, 400);
    const listed = (await hub.app.inject({ method: 'GET', url: '/v1/parse-failures', headers })).json() as {
      parseFailures: { id: string; channel: string; parseError: string }[];
    };
    const kept = listed.parseFailures.find((f) => f.channel === 'email');
    assert.ok(kept, 'the unreadable message is listed');
    const still = await hub.app.inject({ method: 'POST', url: `/v1/parse-failures/${kept?.id}/rerun`, headers });
    assert.is(still.statusCode, 422);
    assert.is(still.json().code, 'UNPARSEABLE_PAYLOAD');

    // A message an older parser failed on, kept as a failure: today's parser reads it.
    await hub.rawPayloads.save(
      {
        channel: 'email',
        contentType: 'message/rfc822',
        body: await fixture('arabic-quoted-printable.eml'),
        receivedAt: new Date(),
      },
      'an older parser could not read quoted-printable headers',
    );
    const failures = (await hub.app.inject({ method: 'GET', url: '/v1/parse-failures', headers })).json() as {
      parseFailures: { id: string; parseError: string }[];
    };
    const fixable = failures.parseFailures.find((f) => f.parseError.startsWith('an older parser'));
    const rerun = await hub.app.inject({ method: 'POST', url: `/v1/parse-failures/${fixable?.id}/rerun`, headers });
    assert.is(rerun.statusCode, 202, rerun.body);
    const { customer } = await timelineOf(hub, 'email=ahmad@example.sa');
    assert.is(customer.displayName, 'أحمد الخطيب');
    const after = (await hub.app.inject({ method: 'GET', url: '/v1/parse-failures', headers })).json() as {
      parseFailures: { id: string }[];
    };
    assert.not.ok(
      after.parseFailures.some((f) => f.id === fixable?.id),
      'a re-run payload leaves the list',
    );
  },
);

channels('parse failures refuse bad input with problem+json', async ({ hub }) => {
  const headers = { authorization: `Bearer ${CHANNEL}` };
  const cases: [string, string, Record<string, string>, number][] = [
    ['GET', '/v1/parse-failures', {}, 401],
    ['GET', '/v1/parse-failures?limit=many', headers, 400],
    ['POST', '/v1/parse-failures/not-a-hash/rerun', headers, 400],
    ['POST', `/v1/parse-failures/${'0'.repeat(64)}/rerun`, headers, 404],
    ['POST', `/v1/parse-failures/${'0'.repeat(64)}/rerun`, { authorization: `Bearer ${AGENT}` }, 401],
  ];
  for (const [method, url, h, status] of cases) {
    const response = await hub.app.inject({ method: method as 'GET' | 'POST', url, headers: h });
    assert.is(response.statusCode, status, `${method} ${url}: ${response.body}`);
    assert.match(String(response.headers['content-type']), 'application/problem+json');
  }
});

channels('the agent API refuses bad input with problem+json', async ({ hub }) => {
  const headers = { authorization: `Bearer ${AGENT}` };
  const unknown = '6f1d8c0e-2b7a-4c55-9d1e-0a4b5c6d7e8f';
  const cases: [string, string, Record<string, string>, number][] = [
    ['GET', '/v1/customers?q=x', {}, 401],
    ['GET', '/v1/customers', headers, 400],
    ['GET', `/v1/customers?q=${'x'.repeat(201)}`, headers, 400],
    ['GET', '/v1/customers/not-a-uuid', headers, 400],
    ['GET', `/v1/customers/${unknown}`, headers, 404],
    ['GET', `/v1/customers/${unknown}/timeline`, headers, 404],
    ['GET', '/v1/customers/lookup?email=a@b.co&phone=1', headers, 400],
    ['GET', '/v1/customers/lookup?phone=12', headers, 400],
    ['GET', '/v1/customers/lookup?email=nobody@example.com', headers, 404],
    ['DELETE', `/v1/customers/${unknown}`, headers, 404],
  ];
  for (const [method, url, h, status] of cases) {
    const response = await hub.app.inject({ method: method as 'GET' | 'DELETE', url, headers: h });
    assert.is(response.statusCode, status, `${method} ${url}: ${response.body}`);
    assert.match(String(response.headers['content-type']), 'application/problem+json');
  }
  const lookup = await hub.app.inject({
    method: 'GET',
    url: '/v1/customers/lookup?email=sara.rezaei@example.ir',
    headers,
  });
  const id = (lookup.json() as { id: string }).id;
  const badCursor = await hub.app.inject({
    method: 'GET',
    url: `/v1/customers/${id}/timeline?cursor=garbage`,
    headers,
  });
  assert.is(badCursor.statusCode, 400, badCursor.body);
});

channels(
  'a merge candidate, merged by an agent, then undone: each customer gets back what was theirs',
  async ({ hub }) => {
    const headers = { authorization: `Bearer ${AGENT}` };
    const post = (externalId: string, identifiers: { kind: string; value: string }[], text: string) =>
      hub.app.inject({
        method: 'POST',
        url: '/v1/interactions',
        headers: { authorization: `Bearer ${CHANNEL}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          channel: 'generic',
          source: { system: 'merge-test', externalId },
          direction: 'inbound',
          occurredAt: new Date(Date.UTC(2026, 10, 22, 8, Number(externalId.slice(1)))).toISOString(),
          contact: { identifiers, displayName: null },
          threadKey: externalId,
          summary: text,
          text,
          html: null,
          details: { channel: 'generic', system: 'merge-test', externalId, attributes: {} },
        }),
      });
    const mina = { kind: 'email', value: 'mina@example.ir' };
    const minaPhone = { kind: 'phone', value: '+989351234567' };
    await post('m1', [mina], 'from email');
    await post('m2', [minaPhone], 'from phone');
    await post('m3', [mina, minaPhone], 'both together');
    const byEmail = (await timelineOf(hub, 'email=mina@example.ir')).customer as { id: string };
    const byPhone = (await timelineOf(hub, 'phone=%2B989351234567')).customer as { id: string };
    assert.is.not(byEmail.id, byPhone.id, 'review policy: no automatic merge');
    const card = (await hub.app.inject({ method: 'GET', url: `/v1/customers/${byEmail.id}`, headers })).json() as {
      mergeCandidates: string[];
    };
    assert.equal(card.mergeCandidates, [byPhone.id]);
    // The profile an agent decides on: who the candidate is, and the interaction that brought them together.
    type Profile = {
      merged: { customerId: string }[];
      mergeCandidates: {
        customerId: string;
        identifiers: { kind: string; value: string }[];
        evidence: { summary: string | null; channel: string | null }[];
      }[];
    };
    const profileOf = async (id: string) =>
      (await hub.app.inject({ method: 'GET', url: `/v1/customers/${id}/profile`, headers })).json() as Profile;
    const seen = await profileOf(byEmail.id);
    assert.equal(seen.mergeCandidates, [
      {
        customerId: byPhone.id,
        displayName: null,
        identifiers: [minaPhone],
        evidence: [{ ...seen.mergeCandidates[0]?.evidence[0], summary: 'both together', channel: 'generic' }],
      },
    ]);
    assert.equal(
      (await profileOf(byPhone.id)).mergeCandidates.map((c) => c.customerId),
      [byEmail.id],
      'seen from either side',
    );

    const merged = await hub.app.inject({
      method: 'POST',
      url: `/v1/customers/${byEmail.id}/merges`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ mergedId: byPhone.id, agentId: 'agent-7' }),
    });
    assert.is(merged.statusCode, 202, merged.body);
    const after = await timelineOf(hub, 'phone=%2B989351234567');
    assert.is(after.customer.id, byEmail.id, 'the phone now finds the survivor');
    const afterMerge = await profileOf(byEmail.id);
    assert.equal(
      afterMerge.merged,
      [{ customerId: byPhone.id, displayName: null }],
      'the merge can be undone from here',
    );
    assert.equal(afterMerge.mergeCandidates, [], 'no longer a candidate');
    assert.equal(after.entries.map((e) => e.text).sort(), ['both together', 'from email', 'from phone']);

    const undone = await hub.app.inject({
      method: 'DELETE',
      url: `/v1/customers/${byEmail.id}/merges/${byPhone.id}?reason=wrong%20person`,
      headers,
    });
    assert.is(undone.statusCode, 202, undone.body);
    const restored = await timelineOf(hub, 'phone=%2B989351234567');
    assert.is(restored.customer.id, byPhone.id, 'the phone finds its own customer again');
    assert.equal(
      restored.entries.map((e) => e.text),
      ['from phone'],
    );
    const survivor = await timelineOf(hub, 'email=mina@example.ir');
    assert.equal(
      survivor.entries.map((e) => e.text),
      ['both together', 'from email'],
    );
    const again = await hub.app.inject({
      method: 'DELETE',
      url: `/v1/customers/${byEmail.id}/merges/${byPhone.id}`,
      headers,
    });
    assert.is(again.statusCode, 404, 'nothing left to undo');
  },
);

channels.run();
