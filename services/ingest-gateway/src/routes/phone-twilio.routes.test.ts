import { createHmac } from 'node:crypto';
import { interactionId } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { IngestSettings } from '../ingest-settings.ts';
import { assertRefused, buildTestGateway, problemOf } from '../testing/test-gateway.ts';
import { registerPhoneRoutes } from './phone.routes.ts';

const TWILIO_TOKEN = 'twilio-auth-token-0123456789abcdef';
const PUBLIC_URL = 'https://hub.example.ir';
const settings: Partial<IngestSettings> = {
  publicUrl: PUBLIC_URL,
  twilioAuthToken: TWILIO_TOKEN,
  defaultPhoneRegion: 'IR',
};
const gatewayWith = (overrides: Partial<IngestSettings> = {}) =>
  buildTestGateway({ ...settings, ...overrides }, registerPhoneRoutes);

// Computed here as Twilio's documentation describes it, independently of the adapter's code.
function signTwilio(token: string, url: string, body: string): string {
  const params = new URLSearchParams(body);
  const names = [...new Set(params.keys())].sort();
  const data = names.reduce(
    (acc, name) =>
      acc +
      params
        .getAll(name)
        .map((v) => name + v)
        .join(''),
    url,
  );
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

const CALL_SID = 'CAa1b2c3d4e5f60718293a4b5c6d7e8f90';
const callback = (fields: Record<string, string> = {}) =>
  new URLSearchParams({
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    ApiVersion: '2010-04-01',
    CallSid: CALL_SID,
    CallStatus: 'completed',
    CallDuration: '187',
    CallbackSource: 'call-progress-events',
    Called: '+982188001234',
    Caller: '+989121234567',
    Direction: 'inbound',
    From: '+989121234567',
    SequenceNumber: '3',
    Timestamp: 'Mon, 23 Nov 2026 08:59:30 +0000',
    To: '+982188001234',
    ...fields,
  }).toString();

const path = '/v1/channels/phone/twilio?tenant=tehran';
const postTwilio = async (
  gateway: Awaited<ReturnType<typeof gatewayWith>>,
  body: string,
  headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': signTwilio(TWILIO_TOKEN, `${PUBLIC_URL}${path}`, body),
  },
) => gateway.app.inject({ method: 'POST', url: path, headers, payload: body });

const twilio = suite('POST /v1/channels/phone/twilio');

twilio('a signed terminal callback: 204, one call, named by its CallSid, raw bytes kept', async () => {
  const gateway = await gatewayWith();
  const response = await postTwilio(gateway, callback());
  assert.is(response.statusCode, 204, response.body);
  assert.is(response.body, '');
  const [call] = gateway.intake.accepted;
  const interaction = call?.interactions[0];
  assert.is(interaction?.id, interactionId('phone', 'twilio', CALL_SID));
  assert.is(interaction?.details.channel === 'phone' && interaction.details.outcome, 'answered');
  assert.is(call?.raw.body.toString(), callback());
});

twilio('the same webhook delivered three times gives the same interaction id every time', async () => {
  const gateway = await gatewayWith();
  for (let n = 0; n < 3; n++) assert.is((await postTwilio(gateway, callback())).statusCode, 204);
  const ids = gateway.intake.accepted.map((a) => a.interactions[0]?.id);
  assert.equal(ids, Array(3).fill(interactionId('phone', 'twilio', CALL_SID)));
});

twilio('progress callbacks (initiated, ringing, in-progress) are acknowledged and record nothing', async () => {
  const gateway = await gatewayWith();
  for (const status of ['initiated', 'ringing', 'in-progress']) {
    assert.is((await postTwilio(gateway, callback({ CallStatus: status }))).statusCode, 204);
  }
  assert.is(gateway.intake.accepted.length, 0);
});

twilio.run();

const refusesTwilio = suite('POST /v1/channels/phone/twilio refuses with problem+json and records nothing');

const refusedTwilio = async (
  name: string,
  body: string,
  status: number,
  detail: RegExp,
  headers?: Record<string, string>,
  overrides?: Partial<IngestSettings>,
) => {
  const gateway = await gatewayWith(overrides);
  const response = await postTwilio(gateway, body, headers);
  assertRefused(name, response, gateway.intake, status, detail);
};

const form = { 'content-type': 'application/x-www-form-urlencoded' };

refusesTwilio('unsigned, wrongly signed, signed for another URL: 401', async () => {
  await refusedTwilio('unsigned', callback(), 401, /X-Twilio-Signature header is missing/, form);
  await refusedTwilio('wrong', callback(), 401, /does not match/, { ...form, 'x-twilio-signature': 'bm9wZQ==' });
  const otherToken = signTwilio('another-token', `${PUBLIC_URL}${path}`, callback());
  await refusedTwilio('other token', callback(), 401, /does not match/, { ...form, 'x-twilio-signature': otherToken });
  const otherUrl = signTwilio(TWILIO_TOKEN, `${PUBLIC_URL}/v1/channels/phone/twilio`, callback());
  await refusedTwilio('query dropped', callback(), 401, /does not match/, { ...form, 'x-twilio-signature': otherUrl });
});

refusesTwilio('no auth token configured: the endpoint is disabled, 404', async () => {
  await refusedTwilio('disabled', callback(), 404, /disabled: no Twilio auth token/, undefined, {
    twilioAuthToken: undefined,
  });
});

refusesTwilio('wrong content type 415, oversized 413', async () => {
  const json = JSON.stringify({ CallSid: CALL_SID });
  await refusedTwilio('json', json, 415, /Unsupported Media Type|content type/i, {
    'content-type': 'application/json',
    'x-twilio-signature': signTwilio(TWILIO_TOKEN, `${PUBLIC_URL}${path}`, json),
  });
  const huge = callback({ Padding: 'x'.repeat(70 * 1024) });
  await refusedTwilio('70 KiB', huge, 413, /too large|Body/i);
});

refusesTwilio('signed but unreadable: 400 naming the field', async () => {
  await refusedTwilio('no CallSid', callback({ CallSid: '' }), 400, /no CallSid/);
  await refusedTwilio('duration', callback({ CallDuration: 'three minutes' }), 400, /CallDuration/);
  await refusedTwilio('anonymous caller', callback({ From: 'anonymous' }), 400, /^From is not a valid phone number/);
  await refusedTwilio('malformed body', '%%%CallSid', 400, /CallSid/);
});

refusesTwilio('the intake down: 503 so that Twilio retries', async () => {
  const gateway = await gatewayWith();
  gateway.intake.failWith(new Error('broker not available'));
  const response = await postTwilio(gateway, callback());
  assert.is(response.statusCode, 503);
  assert.is(problemOf(response).code, 'INTAKE_UNAVAILABLE');
});

refusesTwilio.run();
