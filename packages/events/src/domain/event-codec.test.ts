import { isHubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeEvent, encodeEvent } from './event-codec.ts';

const customerId = '0b5c0a4e-6f1e-4a57-9b0e-3f5b7f1d2c11';
const context = { id: 'e1', occurredAt: new Date('2026-11-01T10:00:00Z') };

const upcasting = suite('decodeEvent upcasts stored bodies to the current version');

upcasting('a v1 CustomerIdentifierLinked (flat identifier) reads as v2', () => {
  const event = decodeEvent({
    id: 'e1',
    type: 'CustomerIdentifierLinked',
    schemaVersion: 1,
    data: { customerId, kind: 'email', value: 'sara@example.ir' },
  });
  assert.equal(event, {
    type: 'CustomerIdentifierLinked',
    data: { customerId, identifier: { kind: 'email', value: 'sara@example.ir' }, interactionId: null },
  });
});

upcasting('a current-version body passes through unchanged', () => {
  const data = { customerId, identifier: { kind: 'phone', value: '+989121234567' }, interactionId: 'i-1' };
  assert.equal(decodeEvent({ id: 'e2', type: 'CustomerIdentifierLinked', schemaVersion: 2, data }).data, data);
});

upcasting('a body from a newer hub is refused, not misread', () => {
  assert.throws(
    () => decodeEvent({ id: 'e3', type: 'CustomerRegistered', schemaVersion: 9, data: {} }),
    (error: unknown) => isHubError(error, 'UNKNOWN_EVENT_TYPE') && /newer hub/.test(error.message),
  );
});

upcasting('an unknown type is refused with its name', () => {
  assert.throws(
    () => decodeEvent({ id: 'e4', type: 'CustomerTeleported', schemaVersion: 1, data: {} }),
    (error: unknown) => isHubError(error, 'UNKNOWN_EVENT_TYPE') && /CustomerTeleported/.test(error.message),
  );
});

upcasting('a stored body that does not match the schema is reported as invalid', () => {
  assert.throws(
    () => decodeEvent({ id: 'e5', type: 'CustomerRegistered', schemaVersion: 1, data: { customerId: 'x' } }),
    (error: unknown) => isHubError(error, 'INVALID_EVENT'),
  );
});

upcasting.run();

const encoding = suite('encodeEvent stamps the current schema version and validates');

encoding('a valid event is wrapped with its version and context', () => {
  const appended = encodeEvent(
    { type: 'CustomerRegistered', data: { customerId, displayName: 'سارا رضایی', firstChannel: 'email' } },
    context,
  );
  assert.is(appended.schemaVersion, 1);
  assert.is(appended.type, 'CustomerRegistered');
  assert.is((appended.data as { displayName: string }).displayName, 'سارا رضایی');
  assert.is(appended.id, 'e1');
});

encoding('an invalid event is refused before it reaches a store', () => {
  assert.throws(
    () =>
      encodeEvent(
        // @ts-expect-error: the channel is wrong on purpose
        { type: 'CustomerRegistered', data: { customerId, displayName: null, firstChannel: 'pigeon' } },
        context,
      ),
    (error: unknown) => isHubError(error, 'INVALID_EVENT'),
  );
});

encoding.run();
