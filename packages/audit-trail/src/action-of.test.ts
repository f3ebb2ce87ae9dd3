import type { RecordedEvent } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { actionOf } from './action-of.ts';

const recorded = (streamId: string, type: string, data: unknown): RecordedEvent => ({
  id: 'e1',
  type,
  schemaVersion: 1,
  data,
  streamId,
  revision: 3,
  position: { commit: 10n, prepare: 10n },
  occurredAt: new Date('2026-12-05T09:00:00Z'),
  recordedAt: new Date('2026-12-05T09:00:01Z'),
  causationId: null,
  correlationId: null,
  metadata: {},
});

const test = suite('the audit line of an event');

test('an agent’s change to a conversation is filed under the agent and the conversation, with its facts', () => {
  const action = actionOf(
    recorded('conversation-c1', 'ConversationAssigned', {
      conversationId: 'c1',
      agentId: 'reza',
      teamId: 'billing',
      reason: 'Sara asked for Reza by name', // free text: personal data, never copied
      actor: { kind: 'agent', userId: 'maryam' },
    }),
  );
  assert.equal(action, {
    actor: { kind: 'user', id: 'maryam' },
    conversationId: 'c1',
    customerId: null,
    details: { agentId: 'reza', teamId: 'billing' },
  });
});

test('a note’s text stays out of the audit trail; only that a note was added is filed', () => {
  const action = actionOf(
    recorded('conversation-c1', 'ConversationNoteAdded', {
      conversationId: 'c1',
      noteId: 'n1',
      text: 'her address is Valiasr 12',
      mentions: ['reza'],
      actor: { kind: 'agent', userId: 'maryam' },
    }),
  );
  assert.equal(action?.details, {});
  assert.not.ok(JSON.stringify(action).includes('Valiasr'));
});

test('a process of the hub is an actor too (the router, the breach recorder)', () => {
  const action = actionOf(
    recorded('conversation-c2', 'ConversationAssigned', {
      conversationId: 'c2',
      agentId: 'maryam',
      teamId: null,
      actor: { kind: 'system', process: 'router' },
    }),
  );
  assert.equal(action?.actor, { kind: 'system', id: 'router' });
  assert.equal(action?.details, { agentId: 'maryam', teamId: null });
});

test('a merge names who decided it: an agent, or the merge policy', () => {
  const byAgent = actionOf(
    recorded('customer-k1', 'CustomersMerged', {
      survivorId: 'k1',
      mergedId: 'k2',
      decidedBy: { kind: 'agent', agentId: 'sima' },
    }),
  );
  assert.equal(byAgent, {
    actor: { kind: 'user', id: 'sima' },
    conversationId: null,
    customerId: 'k1',
    details: { mergedId: 'k2', survivorId: 'k1' },
  });
  const byPolicy = actionOf(
    recorded('customer-k1', 'CustomersMerged', { decidedBy: { kind: 'policy', policy: 'auto' } }),
  );
  assert.equal(byPolicy?.actor, { kind: 'system', id: 'merge-policy:auto' });
});

test('an erasure is filed under the admin who requested it', () => {
  const action = actionOf(
    recorded('customer-k1', 'CustomerErased', { customerId: 'k1', requestedBy: 'admin-1', reason: 'her request' }),
  );
  assert.equal(action?.actor, { kind: 'user', id: 'admin-1' });
  assert.is(action?.customerId, 'k1');
});

test('what the customer did (a message, an identifier seen) is the timeline, not the audit trail', () => {
  assert.is(actionOf(recorded('conversation-c1', 'ConversationMessageAdded', { actor: { kind: 'customer' } })), null);
  assert.is(actionOf(recorded('customer-k1', 'CustomerIdentifierLinked', { customerId: 'k1' })), null);
  assert.is(actionOf(recorded('customer-k1', 'Odd', 'not an object')), null);
});

test.run();
