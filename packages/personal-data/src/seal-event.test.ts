import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seal } from './field-cipher.ts';
import { openEvent, SEALED_FIELDS, sealEvent, sealedKeyIds } from './seal-event.ts';

const customerId = 'customer-1';
const key = randomBytes(32);
const recorded = {
  interactionId: 'i-1',
  customerId,
  direction: 'inbound',
  conversationId: 'c-1',
  contact: { kind: 'phone', value: '+989121234567' },
  summary: 'تماس بی‌پاسخ',
  text: 'سلام، لطفاً تماس بگیرید',
  html: null,
  details: { channel: 'phone', callId: 'CA1', from: '+989121234567' },
};
const withKey = new Map([[customerId, key]]);
const withoutKey = new Map<string, Buffer | undefined>([[customerId, undefined]]);
const erased = {
  ...recorded,
  contact: { kind: 'phone', value: '[erased]' },
  summary: '',
  text: '',
  details: { channel: 'phone', erased: true },
};

const sealing = suite('sealing the personal fields of one event');

sealing('one sealed value per event; in clear only what is not personal; opened exactly with the key', () => {
  const sealed = sealEvent('InteractionRecorded', recorded, customerId, key) as Record<string, unknown>;
  const stored = JSON.stringify(sealed);
  for (const secret of ['+989121234567', 'تماس', 'CA1']) assert.not.ok(stored.includes(secret), secret);
  assert.is(stored.match(/pd1:/g)?.length, 1);
  assert.equal(sealed.details, { channel: 'phone' });
  assert.equal(sealedKeyIds('InteractionRecorded', sealed), [customerId]);
  assert.equal(openEvent('InteractionRecorded', sealed, withKey), recorded);
  assert.equal(openEvent('InteractionRecorded', sealed, withoutKey), erased);
  assert.not.ok(SEALED_FIELDS in (openEvent('InteractionRecorded', sealed, withoutKey) as object));
});

sealing('an event with no personal field set is stored as it is', () => {
  const data = { customerId, displayName: null, firstChannel: 'email' };
  assert.is(sealEvent('CustomerRegistered', data, customerId, key), data);
});

sealing('events sealed field by field (before one envelope per event) still open, and redact after erasure', () => {
  const legacy = {
    ...recorded,
    contact: { kind: 'phone', value: seal(recorded.contact.value, customerId, key) },
    summary: seal(recorded.summary, customerId, key),
    text: seal(recorded.text, customerId, key),
    details: { channel: 'phone', sealed: seal(recorded.details, customerId, key) },
  };
  assert.equal(sealedKeyIds('InteractionRecorded', legacy), [customerId, customerId, customerId, customerId]);
  assert.equal(openEvent('InteractionRecorded', legacy, withKey), recorded);
  assert.equal(openEvent('InteractionRecorded', legacy, withoutKey), erased);
});

sealing.run();
