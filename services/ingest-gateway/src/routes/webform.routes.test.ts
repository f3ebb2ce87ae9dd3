import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { interactionId } from '@hub/interactions';
import { rawHttpExchange } from '@hub/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { IngestSettings, WebFormDefinition } from '../ingest-settings.ts';
import { assertRefused, buildTestGateway, problemOf } from '../testing/test-gateway.ts';
import { registerWebFormRoutes } from './webform.routes.ts';

const contact: WebFormDefinition = {
  id: 'contact',
  fields: { email: 'email', phone: 'mobile', name: 'full_name', message: 'message' },
  honeypot: 'website',
  thankYouUrl: 'https://shop.example.ir/thanks',
};
const callback: WebFormDefinition = { id: 'callback', fields: { phone: 'tel' } };

const gatewayWith = (settings: Partial<IngestSettings> = {}) =>
  buildTestGateway({ webForms: [contact, callback], defaultPhoneRegion: 'IR', ...settings }, registerWebFormRoutes);

const persian = {
  full_name: 'سارا رضایی',
  email: 'Sara@Example.IR',
  mobile: '۰۹۱۲ ۱۲۳ ۴۵۶۷',
  message: 'سلام، سفارش ۱۲۳۴ هنوز نرسیده است.',
  topic: 'ارسال',
  website: '',
};
const urlencoded = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formType = { 'content-type': 'application/x-www-form-urlencoded' };

const BOUNDARY = '----WebKitFormBoundary7MA4YWxkTrZu0gW';
/** A multipart body as a browser writes it for a form with a file input. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }): Buffer {
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  if (file) {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="receipt"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  return Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]);
}
const multipartType = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

const post = (
  gateway: Awaited<ReturnType<typeof gatewayWith>>,
  payload: string | Buffer,
  headers: Record<string, string> = formType,
  formId = 'contact',
) => gateway.app.inject({ method: 'POST', url: `/v1/channels/webform/${formId}`, headers, payload });

const accepts = suite('POST /v1/channels/webform/:formId accepts what forms post');

accepts('a browser post: 303 to the thank-you page, Persian text and extra fields intact', async () => {
  const gateway = await gatewayWith();
  const response = await post(gateway, urlencoded(persian), {
    ...formType,
    accept: 'text/html,application/xhtml+xml',
    referer: 'https://shop.example.ir/contact',
  });
  assert.is(response.statusCode, 303, response.body);
  assert.is(response.headers.location, 'https://shop.example.ir/thanks');
  const interaction = gateway.intake.accepted[0]?.interactions[0];
  assert.is(interaction?.text, persian.message);
  assert.is(interaction?.contact.displayName, 'سارا رضایی');
  assert.equal(
    interaction?.contact.identifiers.map((i) => i.value),
    ['sara@example.ir', '+989121234567'],
  );
  const details = interaction?.details.channel === 'webform' ? interaction.details : undefined;
  assert.equal(details?.fields, { topic: 'ارسال' });
  assert.is(details?.pageUrl, 'https://shop.example.ir/contact');
  assert.is(interaction?.id, interactionId('webform', 'contact', details?.submissionKey ?? ''));
});

accepts('an API post (JSON, or a form asking for JSON): 202 with the id; a double-submit has the same id', async () => {
  const gateway = await gatewayWith();
  const first = await post(gateway, JSON.stringify(persian), { 'content-type': 'application/json' });
  assert.is(first.statusCode, 202, first.body);
  const again = await post(gateway, urlencoded(persian), { ...formType, accept: 'application/json' });
  assert.is(again.statusCode, 202);
  assert.equal(again.json().interactionIds, first.json().interactionIds);
  assert.is(gateway.intake.accepted.length, 2, 'both handed over; the writer appends the id once');
  const other = await post(
    gateway,
    JSON.stringify({ tel: '09351234567' }),
    { 'content-type': 'application/json' },
    'callback',
  );
  assert.is(other.statusCode, 202);
});

accepts('multipart with a file: stored through the attachment store, listed in details', async () => {
  const gateway = await gatewayWith();
  const bytes = Buffer.from('%PDF-1.7\n...');
  const body = multipart(persian, { name: 'رسید ۱.pdf', type: 'application/pdf', bytes });
  const response = await post(gateway, body, { ...multipartType, accept: 'application/json' });
  assert.is(response.statusCode, 202, response.body);
  const details = gateway.intake.accepted[0]?.interactions[0]?.details;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  assert.equal(details?.channel === 'webform' && details.attachments, [
    { fileName: 'رسید ۱.pdf', contentType: 'application/pdf', sizeBytes: bytes.length, sha256 },
  ]);
  assert.equal((await gateway.attachments.get(sha256))?.bytes, bytes);
  assert.equal(gateway.intake.accepted[0]?.raw.body, body, 'raw bytes kept');
});

accepts('a filled honeypot gets the same answer and records nothing', async () => {
  const gateway = await gatewayWith();
  const bot = { ...persian, website: 'https://cheap-pills.example' };
  const browser = await post(gateway, urlencoded(bot));
  assert.is(browser.statusCode, 303);
  const api = await post(
    gateway,
    multipart(bot, { name: 'x.exe', type: 'application/octet-stream', bytes: Buffer.from('MZ') }),
    {
      ...multipartType,
      accept: 'application/json',
    },
  );
  assert.is(api.statusCode, 202);
  assert.is(api.json().interactionIds.length, 1);
  assert.is(gateway.intake.accepted.length, 0);
  assert.is(gateway.attachments.size, 0);
});

accepts('a browser post to a form without a thank-you page: a small HTML page', async () => {
  const gateway = await gatewayWith();
  const response = await post(gateway, urlencoded({ tel: '09351234567' }), formType, 'callback');
  assert.is(response.statusCode, 202);
  assert.match(String(response.headers['content-type']), /^text\/html/);
});

accepts.run();

const refuses = suite('POST /v1/channels/webform/:formId refuses with problem+json and records nothing');

const refused = async (
  name: string,
  payload: string | Buffer,
  headers: Record<string, string>,
  status: number,
  detail: RegExp,
  settings: Partial<IngestSettings> = {},
  formId = 'contact',
) => {
  const gateway = await gatewayWith(settings);
  const response = await post(gateway, payload, headers, formId);
  assertRefused(name, response, gateway.intake, status, detail);
  assert.is(gateway.attachments.size, 0, `${name}: no file stored`);
};

refuses('an unknown form: 404, whatever the body', async () => {
  await refused(
    'unknown',
    urlencoded(persian),
    formType,
    404,
    /no web form "newsletter" is declared/,
    {},
    'newsletter',
  );
  await refused('unknown, bad body', 'x', { 'content-type': 'text/plain' }, 404, /no web form/, {}, 'newsletter');
});

refuses('wrong content type 415; oversized body or file 413', async () => {
  await refused('text/plain', 'hello', { 'content-type': 'text/plain' }, 415, /Unsupported Media Type/i);
  await refused('body', urlencoded(persian), formType, 413, /too large|Body/i, { maxFormFieldsBytes: 64 });
  const file = { name: 'big.jpg', type: 'image/jpeg', bytes: Buffer.alloc(2048) };
  await refused('file', multipart(persian, file), multipartType, 413, /field "receipt" is over 1024 bytes/, {
    maxAttachmentBytes: 1024,
  });
});

refuses('malformed bodies and wrongly typed fields: 400', async () => {
  const json = { 'content-type': 'application/json' };
  await refused('json', '{"email": ', json, 400, /not JSON/);
  await refused('nested', JSON.stringify({ email: { address: 'a@b.ir' } }), json, 400, /field "email" must be/);
  await refused('multipart', 'not multipart at all', multipartType, 400, /multipart body could not be read/);
  await refused(
    'idempotency',
    urlencoded(persian),
    { ...formType, 'idempotency-key': 'x'.repeat(201) },
    400,
    /Idempotency-Key/,
  );
});

refuses('no valid email or phone: 400 naming the fields', async () => {
  await refused(
    'none',
    urlencoded({ message: 'hi' }),
    formType,
    400,
    /needs an email address \(field "email"\) or a phone/,
  );
  await refused(
    'invalid phone',
    urlencoded({ tel: '۱۲۳' }),
    formType,
    400,
    /field "tel" is not a valid phone number/,
    {},
    'callback',
  );
});

refuses('over the rate limit: 429', async () => {
  const gateway = await gatewayWith({ webFormRateLimitPerMinute: 2 });
  const codes = [];
  for (let n = 0; n < 3; n++)
    codes.push((await post(gateway, urlencoded({ tel: '09351234567' }), formType, 'callback')).statusCode);
  assert.equal(codes, [202, 202, 429]);
  const limited = await post(gateway, urlencoded({ tel: '09351234567' }), formType, 'callback');
  assert.is(limited.statusCode, 429);
  assert.match(problemOf(limited).detail, /more than 2 web form posts a minute/);
  assert.is(gateway.intake.accepted.length, 2);
});

refuses('the intake down: 503, nothing recorded', async () => {
  const gateway = await gatewayWith();
  gateway.intake.failWith(new Error('broker not available'));
  const response = await post(gateway, urlencoded(persian), { ...formType, accept: 'text/html' });
  assert.is(response.statusCode, 503);
  assert.is(problemOf(response).code, 'INTAKE_UNAVAILABLE');
});

refuses.run();

const caps = suite('POST /v1/channels/webform/:formId caps what a public form may send: 413, nothing recorded');

caps('unmapped fields past 64 KB in all (urlencoded, no files): 413', async () => {
  const junk = { ...persian, notes: 'x'.repeat(65 * 1024) };
  await refused('urlencoded', urlencoded(junk), formType, 413, /too large|Body/i);
  await refused('json', JSON.stringify(junk), { 'content-type': 'application/json' }, 413, /too large|Body/i);
});

caps('one field past 32 KB: 413 naming the field (JSON, urlencoded, multipart)', async () => {
  const junk = { ...persian, notes: 'x'.repeat(33 * 1024) };
  const detail = /field "notes" is over 32768 bytes/;
  await refused('json', JSON.stringify(junk), { 'content-type': 'application/json' }, 413, detail);
  await refused('urlencoded', urlencoded(junk), formType, 413, detail);
  await refused('multipart', multipart(junk), multipartType, 413, detail);
  // Bytes, not characters: 17,000 Persian letters are 34 KB of UTF-8.
  const persianJunk = JSON.stringify({ ...persian, notes: 'ب'.repeat(17 * 1024) });
  await refused('json, Persian', persianJunk, { 'content-type': 'application/json' }, 413, detail);
});

caps('multipart fields past 64 KB together, however the body is split: 413', async () => {
  const fields = { ...persian, a: 'x'.repeat(30_000), b: 'y'.repeat(30_000), c: 'z'.repeat(30_000) };
  await refused(
    'three fields of 30 KB',
    multipart(fields),
    multipartType,
    413,
    /other than files are over 65536 bytes/,
  );
});

caps('more than 200 fields: 413', async () => {
  const many = Object.fromEntries(Array.from({ length: 201 }, (_, n) => [`f${n}`, 'x']));
  await refused('urlencoded', urlencoded({ ...persian, ...many }), formType, 413, /at most 200 fields/);
  await refused('multipart', multipart({ ...persian, ...many }), multipartType, 413, /at most 200 fields/);
});

caps('a file past its cap is refused while it streams: 413 before the rest of the body is sent', async () => {
  const gateway = await gatewayWith({ maxAttachmentBytes: 1024 * 1024 });
  await gateway.app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const head = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\nsara@example.ir\r\n` +
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="receipt"; filename="scan.tif"\r\n` +
        'Content-Type: image/tiff\r\n\r\n',
    );
    const announced = 20 * 1024 * 1024;
    const exchange = await rawHttpExchange({
      port: (gateway.app.server.address() as AddressInfo).port,
      pieces: [
        `POST /v1/channels/webform/contact HTTP/1.1\r\nHost: hub\r\nAccept: application/json\r\n` +
          `Content-Type: ${multipartType['content-type']}\r\nContent-Length: ${announced}\r\n\r\n`,
        head,
        Buffer.alloc(1024 * 1024 + 64 * 1024, 7),
      ],
      intervalMs: 50,
      timeoutMs: 5000,
    });
    assert.match(
      exchange.response,
      /^HTTP\/1\.1 413 /,
      `answered: ${exchange.response.slice(0, 120) || 'nothing in 5 s'}`,
    );
    assert.match(exchange.response, /application\/problem\+json/);
    assert.match(exchange.response, /field \\?"receipt\\?" is over 1048576 bytes/);
    assert.is(gateway.intake.accepted.length, 0);
    assert.is(gateway.attachments.size, 0);
  } finally {
    await gateway.app.close();
  }
});

caps('a multipart body past the whole-body cap: 413 naming the cap, no file stored', async () => {
  const gateway = await gatewayWith({ maxBodyBytes: 4096 });
  const response = await post(
    gateway,
    multipart(persian, { name: 'a.pdf', type: 'application/pdf', bytes: Buffer.alloc(8192) }),
    multipartType,
  );
  assertRefused('announced', response, gateway.intake, 413, /body is over 4096 bytes/);
  assert.is(gateway.attachments.size, 0);
});

caps.run();
