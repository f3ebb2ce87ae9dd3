import { telegramPrivateChat as chat, telegramSender as from, telegramUpdate as update } from '@hub/channels/samples';
import { interactionId } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertRefused, buildTestGateway, problemOf } from '../testing/test-gateway.ts';
import { registerTelegramRoutes, TELEGRAM_PATH } from './telegram.routes.ts';

const SECRET = 'telegram-secret_0123456789';
const headers = { 'x-telegram-bot-api-secret-token': SECRET, 'content-type': 'application/json' };

const gateway = (settings = {}) =>
  buildTestGateway({ telegramSecretToken: SECRET, defaultPhoneRegion: 'IR', ...settings }, registerTelegramRoutes);

const post = async (body: unknown, sent: Record<string, string> = headers, settings = {}) => {
  const { app, intake } = await gateway(settings);
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const response = await app.inject({ method: 'POST', url: TELEGRAM_PATH, headers: sent, payload });
  return { response, intake, app };
};

const accepts = suite('POST /v1/channels/chat/telegram records messages');

accepts('a Persian message: 200, text read back exactly, handle and thread from the chat', async () => {
  const { response, intake } = await post(update(10000, { text: 'سلام، سفارش ۱۲۳۴ من کی می‌رسد؟' }));
  assert.is(response.statusCode, 200);
  const recorded = intake.accepted[0]?.interactions[0];
  assert.is(recorded?.text, 'سلام، سفارش ۱۲۳۴ من کی می‌رسد؟');
  assert.is(recorded?.contact.identifiers[0]?.value, 'telegram:111111111');
  assert.is(recorded?.threadKey, 'telegram:111111111');
  assert.is(response.json().interactionIds[0], interactionId('chat', 'telegram', '111111111:1365'));
  assert.is(
    intake.accepted[0]?.raw.body.toString('utf8'),
    JSON.stringify(update(10000, { text: 'سلام، سفارش ۱۲۳۴ من کی می‌رسد؟' })),
  );
});

accepts('the same update delivered three times is one interaction id', async () => {
  const { app, intake } = await gateway();
  const body = JSON.stringify(update(10001, { text: 'مرحبا، أين طلبي؟' }));
  for (let n = 0; n < 3; n += 1) {
    const response = await app.inject({ method: 'POST', url: TELEGRAM_PATH, headers, payload: body });
    assert.is(response.statusCode, 200);
  }
  const ids = intake.accepted.flatMap((call) => call.interactions.map((i) => i.id));
  assert.is(ids.length, 3);
  assert.is(new Set(ids).size, 1);
  assert.is(intake.accepted[0]?.interactions[0]?.text, 'مرحبا، أين طلبي؟');
});

accepts('an edit (new update_id) is a new interaction pointing at the original', async () => {
  const { response, intake } = await post(
    update(10002, { text: 'ویرایش شد', edit_date: 1763888460 }, 'edited_message'),
  );
  assert.is(response.statusCode, 200);
  const edited = intake.accepted[0]?.interactions[0];
  assert.is.not(edited?.id, interactionId('chat', 'telegram', '111111111:1365'));
  assert.is(
    edited?.details.channel === 'chat' && edited.details.editOf,
    interactionId('chat', 'telegram', '111111111:1365'),
  );
});

accepts("a shared contact of the sender's own links their phone", async () => {
  const contact = { phone_number: '989121234567', first_name: 'سارا', user_id: from.id };
  const { intake } = await post(update(10003, { contact }));
  assert.equal(intake.accepted[0]?.interactions[0]?.contact.identifiers, [
    { kind: 'handle', value: 'telegram:111111111' },
    { kind: 'phone', value: '+989121234567' },
  ]);
});

accepts('updates that are not messages: 200 and nothing recorded', async () => {
  const member = {
    chat,
    from,
    date: 1763888400,
    old_chat_member: { status: 'member', user: from },
    new_chat_member: { status: 'kicked', user: from, until_date: 0 },
  };
  const { response, intake } = await post({ update_id: 10004, my_chat_member: member });
  assert.is(response.statusCode, 200);
  assert.is(intake.accepted.length, 0);
});

accepts.run();

const refuses = suite('POST /v1/channels/chat/telegram refuses with problem+json and records nothing');

const refused = async (
  name: string,
  body: unknown,
  status: number,
  detail: RegExp,
  sent: Record<string, string> = headers,
  settings = {},
) => {
  const { response, intake } = await post(body, sent, settings);
  assertRefused(name, response, intake, status, detail);
  return intake;
};

refuses('a missing or wrong secret token: 401', async () => {
  const text = update(1, { text: 'x' });
  await refused('missing', text, 401, /Secret-Token/, { 'content-type': 'application/json' });
  await refused('wrong', text, 401, /Secret-Token/, { ...headers, 'x-telegram-bot-api-secret-token': 'nope' });
});

refuses('no secret token configured: the endpoint is off (404)', async () => {
  await refused('off', update(1, { text: 'x' }), 404, /off/, headers, { telegramSecretToken: undefined });
});

refuses('malformed JSON: 400, kept as a parse failure', async () => {
  const intake = await refused('malformed', '{"update_id": 1, "message":', 400, /not JSON/);
  assert.is(intake.parseFailures.length, 1);
});

refuses('wrongly typed fields: 400 naming the field', async () => {
  await refused('update_id', { update_id: 'one', message: update(1, {}).message }, 400, /update_id/);
  await refused('text', update(1, { text: 42 }), 400, /message\.text/);
  await refused('chat.id', update(1, { text: 'x', chat: { id: 'me', type: 'private' } }), 400, /message\.chat\.id/);
});

refuses('wrong content type: 415', async () => {
  await refused('form', 'update_id=1', 415, /Unsupported Media Type|content type|application\/json/i, {
    ...headers,
    'content-type': 'application/x-www-form-urlencoded',
  });
});

refuses('an oversized body: 413', async () => {
  await refused('2 MiB', update(1, { text: 'x'.repeat(2 * 1024 * 1024) }), 413, /too large|Body/i);
});

refuses('the intake down: 503, so Telegram retries', async () => {
  const { app, intake } = await gateway();
  intake.failWith(new Error('broker not available'));
  const response = await app.inject({ method: 'POST', url: TELEGRAM_PATH, headers, payload: update(1, { text: 'x' }) });
  assert.is(response.statusCode, 503);
  assert.is(problemOf(response).code, 'INTAKE_UNAVAILABLE');
});

refuses.run();
