import type { AddressInfo } from 'node:net';
import type { InteractionIntake } from '@hub/interactions';
import { interactionId } from '@hub/interactions';
import type { FastifyInstance } from 'fastify';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { IngestSettings } from '../ingest-settings.ts';
import { buildTestGateway, problemOf } from '../testing/test-gateway.ts';
import { connectVisitor, type Frame, refusedUpgrade } from '../widget/widget.test-client.ts';
import { signWidgetIdentity } from '../widget/widget-identity.ts';
import type { WidgetSettings } from '../widget/widget-settings.ts';
import { registerWidgetRoutes, WIDGET_SOCKET_PATH } from './widget.routes.ts';

const SHOP = 'https://shop.example';
const VISITOR = '0f8fad5b-d9cb-469f-a165-70867728950e';
const PERSIAN = 'سلام! سفارش ۱۲۳۴ من هنوز نرسیده، لطفاً پیگیری کنید.';
const origin = { origin: SHOP };
const running: FastifyInstance[] = [];

/** The gateway with the widget on a random port; `wrap` may stand between it and the intake. */
async function listen(
  widget: Partial<WidgetSettings> = {},
  wrap = (intake: InteractionIntake) => intake,
  settings: Partial<IngestSettings> = {},
) {
  const gateway = await buildTestGateway(settings, (app, deps) =>
    registerWidgetRoutes(app, { ...deps, intake: wrap(deps.intake) }, { allowedOrigins: [SHOP], ...widget }),
  );
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  running.push(gateway.app);
  const { port } = gateway.app.server.address() as AddressInfo;
  return { ...gateway, url: `ws://127.0.0.1:${port}${WIDGET_SOCKET_PATH}` };
}

const greeted = async (url: string) => {
  const visitor = await connectVisitor(url, origin);
  visitor.send({ v: 1, type: 'hello', visitorId: VISITOR, pageUrl: `${SHOP}/cart` });
  assert.is((await visitor.next()).type, 'welcome');
  return visitor;
};

const chat = suite('WebSocket /v1/channels/chat/widget records what visitors write');
chat.after.each(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
});

chat('hello, then a Persian message: acked only once the intake made it durable', async () => {
  let open = () => {};
  const durable = new Promise<void>((resolve) => {
    open = resolve;
  });
  const { url, intake } = await listen({}, (inner) => ({
    accept: async (interactions, raw) => durable.then(() => inner.accept(interactions, raw)),
    recordParseFailure: (raw, reason) => inner.recordParseFailure(raw, reason),
  }));
  const visitor = await connectVisitor(url, origin);
  visitor.send({ v: 1, type: 'hello', visitorId: VISITOR });
  const welcome = await visitor.next();
  assert.equal(welcome, {
    v: 1,
    type: 'welcome',
    visitorId: VISITOR,
    limits: { maxFrameBytes: 16384, maxTextLength: 4000, messagesPerMinute: 20 },
  });
  visitor.send({ v: 1, type: 'message', clientMessageId: 'm-1', text: PERSIAN });
  assert.is(await visitor.silence(200), undefined, 'no ack before the intake resolved');
  open();
  const ack = await visitor.next();
  assert.equal(ack, {
    v: 1,
    type: 'ack',
    clientMessageId: 'm-1',
    interactionId: interactionId('chat', 'widget', `${VISITOR}:m-1`),
  });
  const recorded = intake.accepted[0]?.interactions[0];
  assert.is(recorded?.text, PERSIAN);
  assert.equal(recorded?.contact.identifiers, [{ kind: 'handle', value: `widget:${VISITOR}` }]);
  assert.is(recorded?.threadKey, `widget:${VISITOR}`);
  assert.is(JSON.parse(String(intake.accepted[0]?.raw.body)).text, PERSIAN);
  await visitor.close();
});

chat('a message resent after a reconnect gets the same interaction id', async () => {
  const { url } = await listen();
  const first = await greeted(url);
  first.send({ v: 1, type: 'message', clientMessageId: 'm-2', text: 'مرحبا' });
  const ack = await first.next();
  await first.close();
  const again = await greeted(url);
  again.send({ v: 1, type: 'message', clientMessageId: 'm-2', text: 'مرحبا' });
  assert.is((await again.next()).interactionId, ack.interactionId);
  await again.close();
});

chat('identify links the email to the visitor; later messages carry the name', async () => {
  const { url, intake } = await listen();
  const visitor = await greeted(url);
  visitor.send({
    v: 1,
    type: 'identify',
    clientMessageId: 'who-1',
    email: 'Sara.Rezaei@Example.IR',
    name: 'سارا رضایی',
  });
  assert.is((await visitor.next()).type, 'ack');
  assert.equal(intake.accepted[0]?.interactions[0]?.contact, {
    identifiers: [
      { kind: 'handle', value: `widget:${VISITOR}` },
      { kind: 'email', value: 'sara.rezaei@example.ir' },
    ],
    displayName: 'سارا رضایی',
    unverifiedClaim: true,
  });
  visitor.send({ v: 1, type: 'message', clientMessageId: 'm-3', text: 'ممنون' });
  assert.is((await visitor.next()).type, 'ack');
  assert.is(intake.accepted[1]?.interactions[0]?.contact.displayName, 'سارا رضایی');
  await visitor.close();
});

chat('with an identity secret, only an identify signed by the website links an email or phone', async () => {
  const secret = 'widget-identity-secret-0123456789';
  const { url, intake } = await listen({}, undefined, { widgetIdentitySecret: secret });
  const visitor = await greeted(url);
  const claim = { email: 'Sara.Rezaei@Example.IR', phone: '+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷' };
  const refusals: Frame[] = [];
  for (const [id, identityHash] of [
    ['who-unsigned', undefined],
    ['who-forged', signWidgetIdentity('another-secret-0123456789', claim)],
    ['who-other-email', signWidgetIdentity(secret, { ...claim, email: 'ali@example.com' })],
  ] as const) {
    visitor.send({ v: 1, type: 'identify', clientMessageId: id, ...claim, identityHash });
    refusals.push(await visitor.next());
  }
  assert.equal(
    refusals.map((r) => [r.type, r.clientMessageId, r.code]),
    [
      ['error', 'who-unsigned', 'INVALID_SIGNATURE'],
      ['error', 'who-forged', 'INVALID_SIGNATURE'],
      ['error', 'who-other-email', 'INVALID_SIGNATURE'],
    ],
  );
  assert.is(intake.accepted.length, 0, 'nothing recorded for a refused identify');

  visitor.send({ v: 1, type: 'identify', clientMessageId: 'who-name', name: 'سارا' });
  const named = await visitor.next();
  assert.is(named.type, 'ack', `a name alone links nobody and needs no signature: ${JSON.stringify(named)}`);
  visitor.send({
    v: 1,
    type: 'identify',
    clientMessageId: 'who-signed',
    ...claim,
    identityHash: signWidgetIdentity(secret, claim),
  });
  assert.is((await visitor.next()).type, 'ack');
  const signed = intake.accepted[1]?.interactions[0];
  assert.equal(
    signed?.contact.identifiers.map((i) => i.value),
    [`widget:${VISITOR}`, 'sara.rezaei@example.ir', '+989121234567'],
  );
  assert.equal(signed?.details.channel === 'chat' && signed.details.identityClaim?.verified, true);
  assert.is(signed?.contact.unverifiedClaim, undefined);
  await visitor.close();
});

chat('the intake down: a retriable error frame, no ack', async () => {
  const { url, intake } = await listen();
  intake.failWith(new Error('broker not available'));
  const visitor = await greeted(url);
  visitor.send({ v: 1, type: 'message', clientMessageId: 'm-4', text: 'x' });
  const error = await visitor.next();
  assert.is(error.code, 'INTAKE_UNAVAILABLE');
  assert.is(error.retriable, true);
  assert.not.match(String(error.detail), /broker/);
  await visitor.close();
});

chat.run();

const guards = suite('WebSocket /v1/channels/chat/widget refuses bad frames and abuse, recording nothing');
guards.after.each(async () => {
  await Promise.all(running.splice(0).map((app) => app.close()));
});

guards('not JSON, an unknown type, another version, a wrong field, no hello first: error frames', async () => {
  const { url, intake } = await listen();
  const early = await connectVisitor(url, origin);
  early.send({ v: 1, type: 'message', clientMessageId: 'm-0', text: 'before hello' });
  assert.equal(await early.next(), {
    v: 1,
    type: 'error',
    clientMessageId: 'm-0',
    code: 'INVALID_INPUT',
    detail: 'send hello before anything else',
    retriable: false,
  });
  await early.close();
  const visitor = await greeted(url);
  const cases: [unknown, RegExp, string | null][] = [
    ['{"v":1,"type":', /not JSON/, null],
    [{ v: 1, type: 'shout', clientMessageId: 'm-5' }, /unknown frame type "shout"/, 'm-5'],
    [{ v: 2, type: 'message', clientMessageId: 'm-6', text: 'x' }, /version 2/, 'm-6'],
    [{ v: 1, type: 'message', clientMessageId: 'm-7', text: 42 }, /message frame at text/, 'm-7'],
    [{ v: 1, type: 'message', clientMessageId: 'm-8', text: '   ' }, /text is empty/, 'm-8'],
    [{ v: 1, type: 'message', clientMessageId: 'no spaces allowed', text: 'x' }, /clientMessageId/, null],
    [{ v: 1, type: 'identify', clientMessageId: 'who-2', email: 'not-an-email' }, /email/, 'who-2'],
  ];
  for (const [frame, detail, clientMessageId] of cases) {
    if (typeof frame === 'string') visitor.sendRaw(frame);
    else visitor.send(frame);
    const error = await visitor.next();
    assert.is(error.type, 'error', String(detail));
    assert.is(error.code, 'INVALID_INPUT');
    assert.match(String(error.detail), detail);
    assert.is(error.clientMessageId, clientMessageId, String(detail));
  }
  assert.is(intake.accepted.length, 0);
  await visitor.close();
});

guards('a pageUrl that is not http(s): the hello is refused with an error frame, nothing recorded', async () => {
  const { url, intake } = await listen();
  for (const pageUrl of [
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'not a url',
  ]) {
    const visitor = await connectVisitor(url, origin);
    visitor.send({ v: 1, type: 'hello', visitorId: VISITOR, pageUrl });
    const refused = await visitor.next();
    assert.is(refused.type, 'error', pageUrl);
    assert.is(refused.code, 'INVALID_INPUT');
    assert.match(String(refused.detail), /pageUrl must be an http or https URL/);
    visitor.send({ v: 1, type: 'message', clientMessageId: 'after-bad-hello', text: 'سلام' });
    assert.is((await visitor.next()).detail, 'send hello before anything else');
    await visitor.close();
  }
  assert.is(intake.accepted.length, 0);
});

guards('an oversized frame closes with 1009, a binary frame with 1003', async () => {
  const { url, intake } = await listen({ maxFrameBytes: 1024 });
  const big = await greeted(url);
  big.send({ v: 1, type: 'message', clientMessageId: 'm-9', text: 'ب'.repeat(1000) });
  assert.is((await big.closed()).code, 1009);
  const binary = await greeted(url);
  binary.sendRaw(Buffer.from(JSON.stringify({ v: 1, type: 'message', clientMessageId: 'm-10', text: 'x' })), true);
  assert.equal(await binary.closed(), { code: 1003, reason: 'frames are JSON text' });
  assert.is(intake.accepted.length, 0);
});

guards('over the messages a minute: RATE_LIMITED (retriable); too many bad frames: closed 1008', async () => {
  const { url, intake } = await listen({ messagesPerMinute: 2, maxBadFrames: 3 });
  const visitor = await greeted(url);
  for (const id of ['r-1', 'r-2', 'r-3']) visitor.send({ v: 1, type: 'message', clientMessageId: id, text: 'سلام' });
  const frames = [await visitor.next(), await visitor.next(), await visitor.next()];
  const limited = frames.find((f) => f.type === 'error');
  assert.equal(limited && [limited.clientMessageId, limited.code, limited.retriable], ['r-3', 'RATE_LIMITED', true]);
  assert.is(intake.accepted.length, 2);
  for (let n = 0; n < 3; n += 1) visitor.sendRaw('nope');
  assert.equal(await visitor.closed(), { code: 1008, reason: 'too many invalid frames' });
});

guards('no hello in time: closed 1008; one address over its connection cap: closed 1013', async () => {
  const { url } = await listen({ helloTimeoutMs: 100, maxConnectionsPerAddress: 1 });
  const silent = await connectVisitor(url, origin);
  const second = await connectVisitor(url, origin);
  assert.equal(await second.closed(), { code: 1013, reason: 'too many connections from this address' });
  assert.equal(await silent.closed(), { code: 1008, reason: 'no hello frame in time' });
});

guards('an origin not on the allow-list, or none: 403 problem+json before the upgrade', async () => {
  const { url } = await listen();
  for (const headers of [{ origin: 'https://evil.example' }, {}] as Record<string, string>[]) {
    const refusal = await refusedUpgrade(url, headers);
    assert.is(refusal.status, 403);
    assert.match(refusal.contentType, /application\/problem\+json/);
    assert.match(JSON.parse(refusal.body).detail, /origin/);
  }
});

guards.run();

const assets = suite('GET the widget script and its demo page');

assets('widget.js: small, no innerHTML, text through textContent, dir=auto', async () => {
  const { app } = await buildTestGateway({}, registerWidgetRoutes);
  const response = await app.inject({ method: 'GET', url: '/v1/channels/chat/widget.js' });
  assert.is(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/javascript/);
  assert.is(response.headers['x-content-type-options'], 'nosniff');
  assert.ok(response.body.length < 12_000, `${response.body.length} bytes`);
  assert.not.match(response.body, /\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write/);
  assert.match(response.body, /textContent/);
  assert.match(response.body, /dir: 'auto'/);
  await app.close();
});

assets('the demo page: RTL, embeds the script, locked down by its CSP; a plain GET of the socket is 400', async () => {
  const { app } = await buildTestGateway({}, registerWidgetRoutes);
  const demo = await app.inject({ method: 'GET', url: '/v1/channels/chat/widget/demo' });
  assert.is(demo.statusCode, 200);
  assert.match(demo.body, /<html lang="fa" dir="rtl">/);
  assert.match(demo.body, /src="\/v1\/channels\/chat\/widget\.js"/);
  assert.match(String(demo.headers['content-security-policy']), /script-src 'self'/);
  const plain = await app.inject({ method: 'GET', url: WIDGET_SOCKET_PATH });
  assert.is(plain.statusCode, 400);
  assert.match(problemOf(plain).detail, /WebSocket/);
  await app.close();
});

assets.run();
