import { isHubError } from '@hub/errors';
import { NormalizedInteraction } from '@hub/interactions';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readJsonForm, readUrlEncodedForm } from './webform-body.ts';
import { mapWebFormSubmission, type WebFormMapping } from './webform-submission.ts';

const form: WebFormMapping = {
  id: 'contact',
  fields: { email: 'email', phone: 'mobile', name: 'full_name', message: 'message' },
  honeypot: 'website',
};
const context = {
  receivedAt: new Date('2026-11-23T09:00:00Z'),
  region: 'IR' as const,
  pageUrl: 'https://shop.example.ir/contact?utm_source=instagram',
  userAgent: 'Mozilla/5.0',
  idempotencyKey: null,
};
const posted = (body: string) => readUrlEncodedForm(Buffer.from(body));
const persian = new URLSearchParams([
  ['full_name', 'سارا رضایی'],
  ['email', 'Sara@Example.IR'],
  ['mobile', '۰۹۱۲ ۱۲۳ ۴۵۶۷'],
  ['message', 'سلام، سفارش ۱۲۳۴ هنوز نرسیده است.'],
  ['topic', 'delivery'],
  ['interests', 'sms'],
  ['interests', 'email'],
  ['website', ''],
]).toString();

const maps = suite('web form submissions');

maps('maps contact fields, keeps every other field, Persian intact', () => {
  const mapped = mapWebFormSubmission(form, posted(persian), context);
  if (mapped.kind !== 'interaction') throw new Error('expected an interaction');
  const { interaction } = mapped;
  assert.ok(NormalizedInteraction.safeParse(interaction).success);
  assert.equal(interaction.contact, {
    identifiers: [
      { kind: 'email', value: 'sara@example.ir' },
      { kind: 'phone', value: '+989121234567' },
    ],
    displayName: 'سارا رضایی',
  });
  assert.is(interaction.text, 'سلام، سفارش ۱۲۳۴ هنوز نرسیده است.');
  assert.equal(interaction.details, {
    channel: 'webform',
    formId: 'contact',
    fields: { topic: 'delivery', interests: ['sms', 'email'] },
    attachments: [],
    pageUrl: 'https://shop.example.ir/contact?utm_source=instagram',
    userAgent: 'Mozilla/5.0',
    submissionKey: interaction.source.externalId,
  });
});

maps('the same submission within the window is one interaction; later, or different, is another', () => {
  const idAt = (body: string, at: string) => {
    const mapped = mapWebFormSubmission(form, posted(body), { ...context, receivedAt: new Date(at) });
    return mapped.kind === 'interaction' ? mapped.interaction.id : mapped.interactionId;
  };
  const first = idAt(persian, '2026-11-23T09:00:01Z');
  assert.is(idAt(persian, '2026-11-23T09:00:04Z'), first, 'a double-submit');
  assert.is(idAt(persian.replace('Sara%40Example.IR', 'sara%40example.ir'), '2026-11-23T09:02:00Z'), first);
  assert.is.not(idAt(persian, '2026-11-23T10:30:00Z'), first, 'writing again later');
  assert.is.not(idAt(`${persian}&topic=refund`, '2026-11-23T09:00:02Z'), first);
  const keyed = mapWebFormSubmission(form, posted(persian), { ...context, idempotencyKey: 'abc-1' });
  assert.is(keyed.kind === 'interaction' && keyed.interaction.source.externalId, 'key:abc-1');
});

maps('a filled honeypot: no interaction, an id all the same', () => {
  const mapped = mapWebFormSubmission(form, posted(`${persian}&website=http%3A%2F%2Fspam.example`), context);
  assert.is(mapped.kind, 'honeypot');
});

maps('one valid contact is enough; an unreadable one is kept as typed', () => {
  const mapped = mapWebFormSubmission(form, posted('email=not-an-email&mobile=09121234567'), context);
  assert.is(mapped.kind === 'interaction' && mapped.interaction.details.channel === 'webform', true);
  if (mapped.kind === 'interaction' && mapped.interaction.details.channel === 'webform') {
    assert.equal(mapped.interaction.details.fields, { email: 'not-an-email' });
  }
});

maps('no valid email or phone: refused, naming the fields, not echoing values', () => {
  try {
    mapWebFormSubmission(form, posted('email=nope&mobile=12&message=hi'), context);
    assert.unreachable();
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_INPUT'));
    assert.is(
      (error as Error).message,
      'form "contact" needs an email address (field "email") or a phone number (field "mobile"): field "email" is not a valid email address; field "mobile" is not a valid phone number',
    );
  }
});

maps('JSON submissions: scalars and arrays, nothing nested', () => {
  const json = readJsonForm(Buffer.from(JSON.stringify({ email: 'a@b.ir', age: 30, tags: ['x', 'y'] })));
  assert.equal(
    [...json.fields],
    [
      ['email', ['a@b.ir']],
      ['age', ['30']],
      ['tags', ['x', 'y']],
    ],
  );
  assert.throws(() => readJsonForm(Buffer.from('{"email": {"x": 1}}')), /field "email" must be/);
  assert.throws(() => readJsonForm(Buffer.from('[1]')), /object of field names/);
  assert.throws(() => readJsonForm(Buffer.from('{"email":')), /not JSON/);
});

maps.run();
