import { readFileSync } from 'node:fs';
import { interactionId } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { IngestSettings } from '../ingest-settings.ts';
import { assertRefused, bearer, buildTestGateway, problemOf } from '../testing/test-gateway.ts';
import { registerEmailRoutes } from './email.routes.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../packages/channels/src/email/fixtures/${name}`, import.meta.url));
const rfc822 = { ...bearer, 'content-type': 'message/rfc822' };

const post = async (
  payload: Buffer | string,
  headers: Record<string, string> = rfc822,
  settings: Partial<IngestSettings> = {},
) => {
  const gateway = await buildTestGateway(settings, registerEmailRoutes);
  const response = await gateway.app.inject({ method: 'POST', url: '/v1/channels/email', headers, payload });
  return { ...gateway, response };
};

const accepts = suite('POST /v1/channels/email accepts raw RFC 5322 messages');

accepts('202 with the deterministic id; the raw bytes are handed over untouched', async () => {
  const raw = fixture('persian-alternative.eml');
  const { response, intake, attachments } = await post(raw);
  assert.is(response.statusCode, 202, response.body);
  const id = interactionId('email', 'mta', '<f3a1c9e2-7b4d-4a51-9d0e-1c2b3a4d5e6f@mail.example.ir>');
  assert.is(response.json().interactionId, id);
  assert.equal(response.json().interactionIds, [id]);
  const [call] = intake.accepted;
  assert.is(call?.interactions[0]?.contact.displayName, 'سارا رضایی');
  assert.ok(call?.raw.body.equals(raw), 'raw bytes kept');
  assert.is(call?.raw.contentType, 'message/rfc822');
  assert.is(call?.raw.channel, 'email');
  assert.is(call?.raw.receivedAt.toISOString(), '2026-11-23T09:00:00.000Z');
  assert.is(attachments.size, 0);
});

accepts('attachments go to the attachment store before the interaction is accepted', async () => {
  const { response, intake, attachments } = await post(fixture('pdf-attachment.eml'));
  assert.is(response.statusCode, 202);
  assert.is(attachments.size, 1);
  const details = intake.accepted[0]?.interactions[0]?.details;
  assert.is(details?.channel === 'email' ? details.attachments[0]?.contentType : undefined, 'application/pdf');
});

accepts('the same message posted twice gets the same id (the writer drops the second)', async () => {
  const first = await post(fixture('reply-thread.eml'));
  const second = await post(fixture('reply-thread.eml'));
  assert.is(second.response.json().interactionId, first.response.json().interactionId);
});

accepts.run();

const refuses = suite('POST /v1/channels/email refuses bad input with problem+json and accepts nothing');

const refused = async (
  name: string,
  payload: Buffer | string,
  status: number,
  detail: RegExp,
  headers: Record<string, string> = rfc822,
  settings: Partial<IngestSettings> = {},
) => {
  const { response, intake } = await post(payload, headers, settings);
  assertRefused(name, response, intake, status, detail);
  return intake;
};

refuses('no or a wrong bearer token: 401', async () => {
  const raw = fixture('reply-thread.eml');
  await refused('no token', raw, 401, /bearer token/, { 'content-type': 'message/rfc822' });
  await refused('wrong token', raw, 401, /bearer token/, {
    authorization: 'Bearer nope',
    'content-type': 'message/rfc822',
  });
});

refuses('another content type: 415', async () => {
  await refused('text/plain', fixture('reply-thread.eml'), 415, /content.type|media type/i, {
    ...bearer,
    'content-type': 'text/plain',
  });
  await refused('json', '{}', 415, /content.type|media type/i, { ...bearer, 'content-type': 'application/json' });
});

refuses('not a message: 400, and the raw bytes are kept as a parse failure', async () => {
  const prose = 'Dear support, my order is late.\nRegards';
  const intake = await refused('prose', prose, 400, /not an RFC 5322 message/);
  assert.is(intake.parseFailures.length, 1);
  assert.is(String(intake.parseFailures[0]?.raw.body), prose);
  assert.match(intake.parseFailures[0]?.reason ?? '', /header field/);
  const noFrom = await refused('no From', 'Subject: hi\r\n\r\nbody\r\n', 400, /From header is missing/);
  assert.is(noFrom.parseFailures.length, 1);
});

refuses('an empty body: 400', async () => {
  await refused('empty', '', 400, /empty/);
});

refuses('a body over maxBodyBytes: 413', async () => {
  const raw = fixture('pdf-attachment.eml');
  await refused('too large', raw, 413, /too large|body/i, rfc822, { maxBodyBytes: raw.length - 1 });
});

refuses('the intake down: 503, retriable', async () => {
  const gateway = await buildTestGateway({}, registerEmailRoutes);
  gateway.intake.failWith(new Error('broker not available'));
  const response = await gateway.app.inject({
    method: 'POST',
    url: '/v1/channels/email',
    headers: rfc822,
    payload: fixture('reply-thread.eml'),
  });
  assert.is(response.statusCode, 503);
  assert.is(problemOf(response).code, 'INTAKE_UNAVAILABLE');
  assert.is(gateway.intake.accepted.length, 0);
});

refuses.run();
