import { interactionId } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { IngestSettings } from '../ingest-settings.ts';
import { assertRefused, bearer, buildTestGateway } from '../testing/test-gateway.ts';
import { registerPhoneRoutes } from './phone.routes.ts';

const call = (n: number, overrides: Record<string, unknown> = {}) => ({
  callId: `cc-${n}`,
  system: 'callcenter',
  from: '۰۹۱۲ ۱۲۳ ۴۵۶۷',
  to: '201',
  direction: 'inbound',
  startedAt: '2026-11-20T10:15:00+03:30',
  answeredAt: '2026-11-20T10:15:09+03:30',
  endedAt: '2026-11-20T10:18:00+03:30',
  durationSeconds: 180,
  outcome: 'answered',
  recordingUrl: 'https://pbx.example.ir/recordings/cc-1.wav',
  agentExtension: '201',
  customerName: 'سارا رضایی',
  ...overrides,
});

const json = { ...bearer, 'content-type': 'application/json' };
const post = async (body: unknown, headers: Record<string, string> = json, settings: Partial<IngestSettings> = {}) => {
  const gateway = await buildTestGateway({ defaultPhoneRegion: 'IR', ...settings }, registerPhoneRoutes);
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await gateway.app.inject({ method: 'POST', url: '/v1/channels/phone/calls', headers, payload });
  return { ...gateway, response };
};

const accepts = suite('POST /v1/channels/phone/calls');

accepts('one call: 202, E.164 from Persian digits, the name intact, id from system and callId', async () => {
  const { response, intake } = await post(call(1));
  assert.is(response.statusCode, 202, response.body);
  const [interaction] = intake.accepted[0]?.interactions ?? [];
  assert.is(interaction?.id, interactionId('phone', 'callcenter', 'cc-1'));
  assert.equal(interaction?.contact, {
    identifiers: [{ kind: 'phone', value: '+989121234567' }],
    displayName: 'سارا رضایی',
  });
  const details = interaction?.details.channel === 'phone' ? interaction.details : undefined;
  assert.is(details?.agentExtension, '201');
  assert.is(details?.answeredAt, '2026-11-20T10:15:09+03:30');
  const again = await post(call(1));
  assert.equal(again.response.json().interactionIds, response.json().interactionIds);
});

accepts('a batch of 1,000; an outbound call names the callee as the customer', async () => {
  const calls = Array.from({ length: 1000 }, (_, n) =>
    n % 2 ? call(n) : call(n, { direction: 'outbound', from: '201', to: '09351234567' }),
  );
  const { response, intake } = await post({ calls });
  assert.is(response.statusCode, 202, response.body);
  assert.is(response.json().accepted, 1000);
  assert.equal(intake.accepted[0]?.interactions[0]?.contact.identifiers, [{ kind: 'phone', value: '+989351234567' }]);
});

accepts.run();

const refuses = suite('POST /v1/channels/phone/calls refuses with problem+json and records nothing');

const refused = async (name: string, args: Parameters<typeof post>, status: number, detail: RegExp) => {
  const { response, intake } = await post(...args);
  assertRefused(name, response, intake, status, detail);
};

refuses('authentication, content type, size', async () => {
  await refused('no token', [call(1), { 'content-type': 'application/json' }], 401, /bearer token/);
  await refused('csv', ['a,b', { ...bearer, 'content-type': 'text/csv' }], 415, /Unsupported Media Type/i);
  await refused('big', [{ calls: [call(1)] }, json, { maxBodyBytes: 200 }], 413, /too large|Body/i);
});

refuses('malformed JSON and wrongly typed fields: 400 naming the field', async () => {
  await refused('malformed', ['{"callId": ', json], 400, /not JSON/);
  await refused('duration as text', [call(1, { durationSeconds: '180' })], 400, /at durationSeconds/);
  await refused('outcome', [call(1, { outcome: 'lost' })], 400, /at outcome/);
  await refused('date', [call(1, { startedAt: 'yesterday' })], 400, /at startedAt/);
  await refused('batch field', [{ calls: [call(1), call(2, { direction: 'sideways' })] }], 400, /at calls.1.direction/);
  await refused('1001', [{ calls: Array.from({ length: 1001 }, (_, n) => call(n)) }], 400, /at most 1000/);
});

refuses("an invalid customer number: 400 naming the field, the call's other numbers may be extensions", async () => {
  await refused('single', [call(1, { from: '12345678901234567' })], 400, /^from is not a valid phone number/);
  const batch = { calls: [call(1), call(2, { direction: 'outbound', from: '201', to: 'unknown' })] };
  await refused('in a batch', [batch], 400, /^calls.1.to is not a valid phone number/);
});

refuses.run();
