import { randomUUID } from 'node:crypto';
import { HubError, isHubError } from '@hub/errors';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import type { DomainEventOf } from '@hub/events';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { handleCommand, loadAggregate } from './command-handler.ts';
import type { Decider } from './decider.ts';

// A toy aggregate on real events: a customer who is registered once and links identifiers.
type Event = DomainEventOf<'CustomerRegistered'> | DomainEventOf<'CustomerIdentifierLinked'>;
type Command = { kind: 'register'; name: string } | { kind: 'link'; email: string };
interface State {
  readonly registered: boolean;
  readonly emails: readonly string[];
}
const customerId = randomUUID();
const decider: Decider<Command, Event, State> = {
  initialState: { registered: false, emails: [] },
  decide(command, state) {
    if (command.kind === 'register') {
      if (state.registered) return [];
      return [{ type: 'CustomerRegistered', data: { customerId, displayName: command.name, firstChannel: 'email' } }];
    }
    if (!state.registered) throw new HubError('NOT_FOUND', 'no such customer');
    if (state.emails.includes(command.email)) return [];
    const identifier = { kind: 'email' as const, value: command.email };
    return [{ type: 'CustomerIdentifierLinked', data: { customerId, identifier, interactionId: null } }];
  },
  evolve(state, event) {
    if (event.type === 'CustomerRegistered') return { ...state, registered: true };
    return { ...state, emails: [...state.emails, event.data.identifier.value] };
  },
};
const stream = `customer-${customerId}`;
const run = (store: EventStore, command: Command, seenRevision?: number | null) =>
  handleCommand({
    store,
    streamId: stream,
    decider,
    command,
    ...(seenRevision === undefined ? {} : { seenRevision }),
    eventContext: () => ({ id: randomUUID(), occurredAt: new Date(), metadata: { actor: 'agent:1' } }),
  });

test('a command is decided on the folded stream and appended at the revision read', async () => {
  const store = createInMemoryEventStore();
  const first = await run(store, { kind: 'register', name: 'Sara' }, null);
  assert.is(first.revision, 0);
  const second = await run(store, { kind: 'link', email: 'sara@example.ir' }, 0);
  assert.is(second.revision, 1);
  assert.equal(second.state.emails, ['sara@example.ir']);
  const again = await run(store, { kind: 'link', email: 'sara@example.ir' }, 1);
  assert.is(again.events.length, 0, 'a command that changes nothing appends nothing');
  assert.is((await store.readStream(stream)).length, 2);
});

test('a user who saw an older revision gets WRONG_EXPECTED_REVISION with the current state; nothing is written', async () => {
  const store = createInMemoryEventStore();
  await run(store, { kind: 'register', name: 'Sara' }, null);
  await run(store, { kind: 'link', email: 'a@example.ir' }, 0);
  try {
    await run(store, { kind: 'link', email: 'b@example.ir' }, 0);
    assert.unreachable('a stale command was accepted');
  } catch (error) {
    assert.ok(isHubError(error, 'WRONG_EXPECTED_REVISION'), String(error));
    assert.is(error.httpStatus, 409);
    assert.is(error.context.currentRevision, 1);
    assert.equal((error.context.current as State).emails, ['a@example.ir']);
  }
  assert.equal((await loadAggregate(store, stream, decider)).state.emails, ['a@example.ir']);
});

test('a refusal of the rules is thrown as is and writes nothing', async () => {
  const store = createInMemoryEventStore();
  try {
    await run(store, { kind: 'link', email: 'a@example.ir' });
    assert.unreachable();
  } catch (error) {
    assert.ok(isHubError(error, 'NOT_FOUND'));
  }
  assert.equal(await store.readStream(stream), []);
});

test('a system command that loses a race is decided again on the newer state', async () => {
  const store = createInMemoryEventStore();
  await run(store, { kind: 'register', name: 'Sara' }, null);
  // Another writer appends between our read and our append, once.
  let raced = false;
  const racing: EventStore = {
    ...store,
    async readStream(id, options) {
      const events = await store.readStream(id, options);
      if (!raced) {
        raced = true;
        await run(store, { kind: 'link', email: 'first@example.ir' });
      }
      return events;
    },
  };
  const result = await run(racing, { kind: 'link', email: 'second@example.ir' });
  assert.equal(result.state.emails, ['first@example.ir', 'second@example.ir']);
  assert.is(result.revision, 2);
});

test.run();
