import { HubError, isHubError } from '@hub/errors';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import { type CustomerIdentifier, customerStream, type DomainEvent, encodeEvent } from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type MergeDependencies, mergeCustomers, unmergeCustomers } from './merge-customers.ts';

const SURVIVOR = '0b6f7c1e-1111-4000-8000-000000000001';
const MERGED = '0b6f7c1e-1111-4000-8000-000000000002';
const phone: CustomerIdentifier = { kind: 'phone', value: '+989121234567' };

/** Two customers as the writer leaves them; the index records what the agent API tells it. */
async function given(store: EventStore = createInMemoryEventStore()) {
  const index = { repointed: [] as string[], reassigned: [] as string[] };
  const append = (customerId: string, events: DomainEvent[]) =>
    store.appendToStream(
      customerStream(customerId),
      events.map((event, n) => encodeEvent(event, { id: uuidV5(`${customerId}:${n}`), occurredAt: new Date() })),
    );
  await append(SURVIVOR, [
    { type: 'CustomerRegistered', data: { customerId: SURVIVOR, displayName: 'Mina', firstChannel: 'email' } },
  ]);
  await append(MERGED, [
    { type: 'CustomerRegistered', data: { customerId: MERGED, displayName: null, firstChannel: 'phone' } },
    { type: 'CustomerIdentifierLinked', data: { customerId: MERGED, identifier: phone, interactionId: null } },
  ]);
  const deps: MergeDependencies = {
    store,
    now: () => new Date('2026-12-05T10:00:00Z'),
    index: {
      async repoint(from, to) {
        index.repointed.push(`${from}->${to}`);
      },
      async reassign(customerId, identifiers) {
        index.reassigned.push(`${customerId}:${identifiers.map((i) => i.value).join(',')}`);
      },
    },
  };
  const typesIn = async (customerId: string) =>
    (await store.readStream(customerStream(customerId))).map((e) => e.type).filter((t) => t.startsWith('Customers'));
  return { deps, index, typesIn };
}

test('a merge stopped after the survivor was written is completed by the same request retried, nothing twice', async () => {
  const inner = createInMemoryEventStore();
  let failOnce = false;
  const crashing: EventStore = {
    ...inner,
    async appendToStream(streamId, events, options) {
      if (streamId === customerStream(MERGED) && failOnce) {
        failOnce = false;
        throw new HubError('EVENT_STORE_UNAVAILABLE', 'connection lost');
      }
      return inner.appendToStream(streamId, events, options);
    },
  };
  const { deps, index, typesIn } = await given(crashing);
  failOnce = true;
  try {
    await mergeCustomers(deps, SURVIVOR, MERGED, { agentId: 'agent-1', seenRevision: 0 });
    assert.unreachable('the lost append was not reported');
  } catch (error) {
    assert.ok(isHubError(error, 'EVENT_STORE_UNAVAILABLE'));
  }
  assert.equal(await typesIn(SURVIVOR), ['CustomersMerged']);
  assert.equal(await typesIn(MERGED), []);
  assert.equal(index.repointed, [], 'the index follows only a merge told on both sides');

  // The agent's client retries the very request, with the revision seen before the first try.
  await mergeCustomers(deps, SURVIVOR, MERGED, { agentId: 'agent-1', seenRevision: 0 });
  assert.equal(await typesIn(SURVIVOR), ['CustomersMerged']);
  assert.equal(await typesIn(MERGED), ['CustomersMerged']);
  assert.equal(index.repointed, [`${MERGED}->${SURVIVOR}`]);
});

test('the same merge sent twice at once is written once on each side', async () => {
  const { deps, typesIn } = await given();
  await Promise.all([
    mergeCustomers(deps, SURVIVOR, MERGED, { agentId: 'agent-1' }),
    mergeCustomers(deps, SURVIVOR, MERGED, { agentId: 'agent-1' }),
  ]);
  assert.equal(await typesIn(SURVIVOR), ['CustomersMerged']);
  assert.equal(await typesIn(MERGED), ['CustomersMerged']);
});

test('an unmerge gives the restored customer its identifiers back and is told on both sides', async () => {
  const { deps, index, typesIn } = await given();
  const { revision } = await mergeCustomers(deps, SURVIVOR, MERGED, { agentId: 'agent-1' });
  const undone = await unmergeCustomers(deps, SURVIVOR, MERGED, {
    agentId: 'agent-2',
    reason: 'two people',
    seenRevision: revision,
  });
  assert.equal(undone, { identifiers: 1, interactions: 0, revision: revision + 1 });
  assert.equal(index.reassigned, [`${MERGED}:${phone.value}`]);
  assert.equal(await typesIn(SURVIVOR), ['CustomersMerged', 'CustomersUnmerged']);
  assert.equal(await typesIn(MERGED), ['CustomersMerged', 'CustomersUnmerged']);
  try {
    await unmergeCustomers(deps, SURVIVOR, MERGED, { agentId: 'agent-2', reason: 'again' });
    assert.unreachable();
  } catch (error) {
    assert.ok(isHubError(error, 'NOT_FOUND'), 'nothing left to undo');
  }
  // Merged again after the undo: a new decision, new events (not taken for a retry of the first).
  await mergeCustomers(deps, SURVIVOR, MERGED, { agentId: 'agent-1' });
  assert.equal(await typesIn(MERGED), ['CustomersMerged', 'CustomersUnmerged', 'CustomersMerged']);
});

test.run();
