import type { CustomerIdentifier } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isReplayOfErased, type ReplayCheck } from './erased-replay.policy.ts';
import { identifierKey } from './identity-resolution.decider.ts';

const email: CustomerIdentifier = { kind: 'email', value: 'sara@example.ir' };
const phone: CustomerIdentifier = { kind: 'phone', value: '+989121234567' };
const erasedAt = new Date('2026-12-01T10:00:00Z');

const given = (
  erased: CustomerIdentifier[],
  when: { receivedAt: string; identifiers?: CustomerIdentifier[]; interactionId?: string },
  erasedInteractionIds: string[] = [],
): ReplayCheck => ({
  interactionId: when.interactionId ?? 'i-1',
  identifiers: when.identifiers ?? [email],
  receivedAt: new Date(when.receivedAt),
  erasedIdentifiers: new Map(erased.map((i) => [identifierKey(i), erasedAt])),
  erasedInteractionIds: new Set(erasedInteractionIds),
});

const replay = suite('after an erasure: an old copy is dropped, a new contact is a new customer');

replay('given an erased email, when a message received before the erasure is redriven, then it is dropped', () => {
  assert.ok(isReplayOfErased(given([email], { receivedAt: '2026-12-01T09:59:59Z' })));
});

replay('given an erased email, when the person writes again after the erasure, then it is recorded', () => {
  assert.not.ok(isReplayOfErased(given([email], { receivedAt: '2026-12-01T10:00:01Z' })));
});

replay('given an erased interaction, when it comes again later (a retried webhook), then it is dropped', () => {
  assert.ok(isReplayOfErased(given([], { receivedAt: '2026-12-02T00:00:00Z', interactionId: 'i-9' }, ['i-9'])));
});

replay('given an erased phone, when an old message names it beside a new email, then it is dropped', () => {
  assert.ok(isReplayOfErased(given([phone], { receivedAt: '2026-11-30T00:00:00Z', identifiers: [email, phone] })));
});

replay('given nothing erased, when any message comes, then it is recorded', () => {
  assert.not.ok(isReplayOfErased(given([], { receivedAt: '2026-11-30T00:00:00Z' })));
});

replay.run();
