import { createHmac } from 'node:crypto';
import {
  metaMessengerMessage as messengerMessage,
  metaFeedComment,
  metaInstagramComment,
  metaInstagramWebhook,
  META_PAGE_ID as PAGE,
  metaPageWebhook as pageWebhook,
} from '@hub/channels/samples';
import { interactionId } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertRefused, buildTestGateway, problemOf } from '../testing/test-gateway.ts';
import { META_PATH, registerMetaRoutes } from './meta.routes.ts';

const APP_SECRET = 'meta-app-secret-0123456789abcdef';
const VERIFY_TOKEN = 'meta-verify-token-0123';

// Meta sends non-ASCII escaped (\u0633...) and signs exactly those bytes.
const metaJson = (body: unknown) =>
  JSON.stringify(body).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const sign = (bytes: string, secret = APP_SECRET) =>
  `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;

const feedComment = (commentId: string, message: string) => ({ ...metaFeedComment, comment_id: commentId, message });

const gateway = (settings = {}) =>
  buildTestGateway({ metaAppSecret: APP_SECRET, metaVerifyToken: VERIFY_TOKEN, ...settings }, registerMetaRoutes);

const post = async (bytes: string, headers?: Record<string, string>, settings = {}) => {
  const { app, intake } = await gateway(settings);
  const sent = headers ?? { 'content-type': 'application/json', 'x-hub-signature-256': sign(bytes) };
  const response = await app.inject({ method: 'POST', url: META_PATH, headers: sent, payload: bytes });
  return { response, intake };
};

const handshake = suite('GET /v1/channels/social/meta: the subscription handshake');

handshake('the right verify token: 200 with hub.challenge as text/plain', async () => {
  const { app } = await gateway();
  const query = `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`;
  const response = await app.inject({ method: 'GET', url: `${META_PATH}?${query}` });
  assert.is(response.statusCode, 200);
  assert.is(response.body, '1158201444');
  assert.match(String(response.headers['content-type']), /^text\/plain/);
});

handshake('a wrong or missing token or mode: 403 problem+json; no token configured: 404', async () => {
  const { app } = await gateway();
  for (const query of [
    'hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1',
    `hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`,
    'hub.mode=subscribe&hub.challenge=1',
  ]) {
    const response = await app.inject({ method: 'GET', url: `${META_PATH}?${query}` });
    assert.is(response.statusCode, 403, query);
    assert.match(problemOf(response).detail, /verify_token/);
  }
  const off = await gateway({ metaVerifyToken: undefined });
  const response = await off.app.inject({
    method: 'GET',
    url: `${META_PATH}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`,
  });
  assert.is(response.statusCode, 404);
});

handshake.run();

const accepts = suite('POST /v1/channels/social/meta records signed notifications');

accepts('a feed comment, a Messenger message: one accept for the whole webhook, text exact', async () => {
  const bytes = metaJson(pageWebhook([feedComment('998877_112233', 'قیمت این مدل چقدر است؟')], [messengerMessage]));
  assert.not.match(bytes, /[\u0600-\u06ff]/, 'escaped like Meta');
  const { response, intake } = await post(bytes);
  assert.is(response.statusCode, 200, response.body);
  assert.is(intake.accepted.length, 1);
  const [comment, message] = intake.accepted[0]?.interactions ?? [];
  assert.is(comment?.text, 'قیمت این مدل چقدر است؟');
  assert.is(comment?.id, interactionId('social', 'meta', '998877_112233'));
  assert.is(message?.text, 'مرحبا، هل المنتج متوفر؟');
  assert.is(message?.contact.identifiers[0]?.value, 'facebook:2468013579');
  assert.is(intake.accepted[0]?.raw.body.toString('utf8'), bytes, 'raw bytes kept as sent');
});

accepts('the same webhook twice gives the same ids; only skipped changes: 200, nothing recorded', async () => {
  const bytes = metaJson(pageWebhook([feedComment('998877_445566', 'سلام')]));
  const first = await post(bytes);
  const second = await post(bytes);
  assert.equal(first.response.json().interactionIds, second.response.json().interactionIds);
  const reaction = { item: 'reaction', verb: 'add', reaction_type: 'like', post_id: `${PAGE}_1` };
  const { response, intake } = await post(metaJson(pageWebhook([reaction])));
  assert.is(response.statusCode, 200);
  assert.is(intake.accepted.length, 0);
});

accepts('an Instagram comment (object instagram, field comments): handle instagram:<id>', async () => {
  const webhook = metaInstagramWebhook([metaInstagramComment('رنگ مشکی دارید؟')]);
  const { response, intake } = await post(metaJson(webhook));
  assert.is(response.statusCode, 200);
  const [comment] = intake.accepted[0]?.interactions ?? [];
  assert.is(comment?.text, 'رنگ مشکی دارید؟');
  assert.is(comment?.contact.identifiers[0]?.value, 'instagram:17841400000000001');
  assert.is(comment?.id, interactionId('social', 'meta', '17865799348089039'));
});

accepts.run();

const refuses = suite('POST /v1/channels/social/meta refuses with problem+json and records nothing');

const refused = async (
  name: string,
  bytes: string,
  status: number,
  detail: RegExp,
  headers?: Record<string, string>,
) => {
  const { response, intake } = await post(bytes, headers);
  assertRefused(name, response, intake, status, detail);
};

refuses('a missing, wrong or re-encoded signature: 401', async () => {
  const body = pageWebhook([feedComment('1_2', 'سلام')]);
  const bytes = metaJson(body);
  const json = { 'content-type': 'application/json' };
  await refused('missing', bytes, 401, /X-Hub-Signature-256/, json);
  await refused('wrong secret', bytes, 401, /X-Hub-Signature-256/, {
    ...json,
    'x-hub-signature-256': sign(bytes, 'other'),
  });
  await refused('no sha256= prefix', bytes, 401, /X-Hub-Signature-256/, {
    ...json,
    'x-hub-signature-256': sign(bytes).slice(7),
  });
  // The same JSON without escapes: equal after parsing, but not the bytes Meta signed.
  await refused('re-encoded', JSON.stringify(body), 401, /X-Hub-Signature-256/, {
    ...json,
    'x-hub-signature-256': sign(bytes),
  });
});

refuses('malformed JSON: 400', async () => {
  await refused('malformed', '{"object": "page", "entry": [', 400, /not JSON/);
});

refuses('one wrongly typed entry refuses the whole webhook: 400 naming the field', async () => {
  const bad = { ...messengerMessage, message: { mid: 'm_x', text: 42 } };
  await refused(
    'text',
    metaJson(pageWebhook([feedComment('1_3', 'درست')], [bad])),
    400,
    /entry\.1\.messaging\.0\.message\.text/,
  );
  await refused('entry', metaJson({ object: 'page', entry: {} }), 400, /entry/);
});

refuses('wrong content type: 415; oversized: 413', async () => {
  await refused('text/plain', 'hello', 415, /Unsupported Media Type|content type|application\/json/i, {
    'content-type': 'text/plain',
    'x-hub-signature-256': sign('hello'),
  });
  const huge = metaJson(pageWebhook([feedComment('1_4', 'x'.repeat(3 * 1024 * 1024))]));
  await refused('3 MiB', huge, 413, /too large|Body/i);
});

refuses.run();
