import { handleCommand, loadAggregate } from '@hub/decider';
import { isHubError } from '@hub/errors';
import { createInMemoryEventStore, type EventStore } from '@hub/event-store';
import { conversationStream } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationCommand } from './conversation.commands.ts';
import { conversationDecider } from './conversation.decider.ts';
import { at, conversationId, customer, inbound, outbound, reza, sara } from './conversation.fixtures.ts';
import type { ConversationState } from './conversation.state.ts';

// The aggregate on the one command handler, over the in-memory store: what the agent API will do.
const stream = conversationStream(conversationId);
let sequence = 0;
const run = (store: EventStore, command: ConversationCommand, seenRevision?: number | null) =>
  handleCommand({
    store,
    streamId: stream,
    decider: conversationDecider,
    command,
    ...(seenRevision === undefined ? {} : { seenRevision }),
    eventContext: () => ({ id: `event-${++sequence}`, occurredAt: at('12:00:00') }),
  });

const lifecycle = suite('a conversation through the command handler');

lifecycle('a question, a reply, a resolution and a rating are stored and read back as the same state', async () => {
  const store = createInMemoryEventStore();
  await run(store, inbound('in-1', '09:00:00'));
  await run(store, outbound('out-1', '09:15:00'));
  await run(store, { kind: 'ChangeStatus', status: 'resolved', reason: null, actor: sara, now: at('09:20:00') }, 2);
  await run(store, { kind: 'RequestCsat', actor: { kind: 'system', process: 'csat' }, now: at('09:20:01') });
  const rated = await run(store, {
    kind: 'RecordCsat',
    rating: 5,
    comment: 'ممنون',
    actor: customer,
    now: at('10:00:00'),
  });
  assert.is(rated.revision, 5, 'six events: opened, two messages, resolved, asked, rated');
  const { state } = await loadAggregate(store, stream, conversationDecider);
  assert.equal(state, rated.state);
  assert.ok(state.exists);
  assert.is(state.firstResponseAt, at('09:15:00').toISOString());
  assert.equal(state.csat.state === 'recorded' ? state.csat.rating : null, 5);
});

lifecycle(
  'a second agent acting on what they saw before a colleague’s change gets 409 with the current state',
  async () => {
    const store = createInMemoryEventStore();
    const { revision } = await run(store, inbound('in-1', '09:00:00'));
    await run(
      store,
      { kind: 'Assign', agentId: 'user-sara', teamId: null, actor: sara, now: at('09:01:00') },
      revision,
    );
    try {
      await run(
        store,
        { kind: 'Assign', agentId: 'user-reza', teamId: null, actor: reza, now: at('09:01:05') },
        revision,
      );
      assert.unreachable('a stale assignment was accepted');
    } catch (error) {
      assert.ok(isHubError(error, 'WRONG_EXPECTED_REVISION'), String(error));
      assert.is(error.httpStatus, 409);
      const current = error.context.current as ConversationState;
      assert.ok(current.exists);
      assert.equal(current.assignee, { agentId: 'user-sara', teamId: null });
    }
    const { state } = await loadAggregate(store, stream, conversationDecider);
    assert.ok(state.exists);
    assert.is(state.assignee.agentId, 'user-sara', 'nothing was overwritten');
  },
);

lifecycle.run();
