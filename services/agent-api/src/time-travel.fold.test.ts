import type { RecordedEvent } from '@hub/events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { foldCustomers, recordedBy } from './time-travel.fold.ts';

// Given two customers' streams (Sara by email, then by phone; an agent merges and later undoes it),
// the fold cut at an instant shows what the timeline read model showed then.

const SARA = '00000000-0000-4000-8000-00000000000a';
const PHONE = '00000000-0000-4000-8000-00000000000b';
const agent = { kind: 'agent', agentId: 'maryam' } as const;
let position = 0n;

const day = (n: number) => new Date(Date.UTC(2026, 11, n, 9));
function recorded(customerId: string, revision: number, at: Date, type: string, data: unknown): RecordedEvent {
  position += 1n;
  return {
    id: `${customerId}-${revision}`,
    type,
    schemaVersion: type === 'CustomerIdentifierLinked' ? 2 : 1,
    data,
    streamId: `customer-${customerId}`,
    revision,
    position: { commit: position, prepare: position },
    occurredAt: at,
    recordedAt: at,
    causationId: null,
    correlationId: null,
    metadata: {},
  };
}
const interaction = (customerId: string, id: string, text: string) => ({
  interactionId: id,
  customerId,
  direction: 'inbound',
  conversationId: `conversation-${id}`,
  contact: { kind: 'email', value: 'sara@example.ir' },
  summary: text,
  text,
  html: null,
  details: { channel: 'generic', system: 'test', externalId: id, attributes: {} },
});
const registered = (customerId: string, name: string) => ({ customerId, displayName: name, firstChannel: 'generic' });
const linked = (customerId: string, kind: string, value: string) => ({
  customerId,
  identifier: { kind, value },
  interactionId: null,
});

const sara = [
  recorded(SARA, 0, day(1), 'CustomerRegistered', registered(SARA, 'Sara')),
  recorded(SARA, 1, day(1), 'CustomerIdentifierLinked', linked(SARA, 'email', 'sara@example.ir')),
  recorded(SARA, 2, day(1), 'InteractionRecorded', interaction(SARA, 'mail-1', 'where is my order?')),
];
const phone = [
  recorded(PHONE, 0, day(2), 'CustomerRegistered', registered(PHONE, 'S. Rezaei')),
  recorded(PHONE, 1, day(2), 'CustomerIdentifierLinked', linked(PHONE, 'phone', '+989123456789')),
  recorded(PHONE, 2, day(2), 'InteractionRecorded', interaction(PHONE, 'call-1', 'called about the order')),
];
const merge = { survivorId: SARA, mergedId: PHONE, evidence: [], decidedBy: agent };
sara.push(recorded(SARA, 3, day(3), 'CustomersMerged', merge));
phone.push(recorded(PHONE, 3, day(3), 'CustomersMerged', merge));
const unmerge = {
  survivorId: SARA,
  restoredId: PHONE,
  identifiers: [{ kind: 'phone', value: '+989123456789' }],
  interactionIds: ['call-1'],
  reason: 'two people',
  decidedBy: agent,
};
sara.push(recorded(SARA, 4, day(5), 'CustomersUnmerged', unmerge));
phone.push(recorded(PHONE, 4, day(5), 'CustomersUnmerged', unmerge));

const foldAt = (at: Date, erased: string[] = []) =>
  foldCustomers(
    new Map([
      [SARA, recordedBy(sara, at)],
      [PHONE, recordedBy(phone, at)],
    ]),
    new Set(erased),
  );
const texts = (entries: { text: string }[]) => entries.map((e) => e.text);

test('before the merge each customer has their own timeline and identifiers', () => {
  const at = foldAt(day(2));
  assert.equal(texts(at.timelineOf(SARA)), ['where is my order?']);
  assert.equal(at.identifiersOf(PHONE), [{ kind: 'phone', value: '+989123456789' }]);
  assert.is(at.survivorOf(PHONE), PHONE);
});

test('while merged the survivor holds both timelines and identifiers; the merged one points to it', () => {
  const at = foldAt(day(4));
  assert.equal(texts(at.timelineOf(SARA)), ['called about the order', 'where is my order?'], 'newest first');
  assert.equal(at.identifiersOf(SARA).length, 2);
  assert.is(at.survivorOf(PHONE), SARA);
  assert.equal(at.groupOf(SARA), [SARA, PHONE]);
  assert.is(at.customer(PHONE)?.displayName, 'S. Rezaei');
});

test('after the unmerge what came from the phone customer went back', () => {
  const at = foldAt(day(6));
  assert.equal(texts(at.timelineOf(SARA)), ['where is my order?']);
  assert.equal(texts(at.timelineOf(PHONE)), ['called about the order']);
  assert.equal(at.groupOf(SARA), [SARA]);
});

test('a customer erased since leaves nothing in a past view: no interaction, identifier or name', () => {
  const at = foldAt(day(4), [PHONE]);
  assert.equal(texts(at.timelineOf(SARA)), ['where is my order?']);
  assert.equal(at.identifiersOf(SARA), [{ kind: 'email', value: 'sara@example.ir' }]);
  assert.is(at.customer(PHONE)?.displayName, null);
  assert.ok(at.customer(PHONE)?.erased);
});

test.run();
