import { givenFor } from '@hub/decider/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationEvent } from './conversation.commands.ts';
import { conversationDecider } from './conversation.decider.ts';
import { at, conversationId, customer, iso, messageAdded, opened, statusChanged } from './conversation.fixtures.ts';

const given = givenFor(conversationDecider);
const csat = suite('CSAT: asked once per resolution, on its channel, answered once');
const system = { kind: 'system', process: 'csat' } as const;
const resolved = [...opened(), statusChanged('resolved', '10:00:00')];
const requested: ConversationEvent = {
  type: 'CsatRequested',
  data: { conversationId, channel: 'email', actor: system, at: iso('10:00:05') },
};
const request = { kind: 'RequestCsat', actor: system, now: at('10:00:05') } as const;
const answer = (rating: number, comment: string | null = null) =>
  ({ kind: 'RecordCsat', rating, comment, actor: customer, now: at('12:00:00') }) as const;

csat('a resolved conversation is asked for a rating on its own channel', () => {
  const state = given(resolved).when(request).thenEvents([requested]);
  assert.ok(state.exists);
  assert.is(state.csat.state, 'requested');
});

csat('a breach the SLA checker recorded on the stream changes none of the rules', () => {
  const breached: ConversationEvent = {
    type: 'SlaBreached',
    data: {
      conversationId,
      policyId: 'standard',
      target: 'first-response',
      dueAt: iso('09:00:00'),
      breachedAt: iso('09:00:01'),
    },
  };
  const state = given([...resolved, breached])
    .when(request)
    .thenEvents([requested]);
  assert.ok(state.exists, 'still the conversation');
});

csat('an open conversation is not asked for a rating', () => {
  given(opened())
    .when(request)
    .thenRefuses('CONVERSATION_CONFLICT', /resolved/);
});

csat('a second request for the same resolution sends nothing more', () => {
  given([...resolved, requested])
    .when(request)
    .thenEvents([]);
});

csat('after a reopen and a new resolution the customer is asked again', () => {
  const history: ConversationEvent[] = [
    ...resolved,
    requested,
    messageAdded('in-2', 'inbound', '11:00:00'),
    {
      type: 'ConversationReopened',
      data: {
        conversationId,
        from: 'resolved',
        reason: 'inbound-message',
        interactionId: 'in-2',
        actor: customer,
        at: iso('11:00:00'),
      },
    },
    statusChanged('resolved', '11:30:00'),
  ];
  given(history)
    .when({ ...request, now: at('11:30:05') })
    .thenEvents([
      { type: 'CsatRequested', data: { conversationId, channel: 'email', actor: system, at: iso('11:30:05') } },
    ]);
});

csat('the customer rates 1 to 5 with a comment; it is recorded on the conversation', () => {
  const state = given([...resolved, requested])
    .when(answer(4, '  Fast, but the box was still wet  '))
    .thenEvents([
      {
        type: 'CsatRecorded',
        data: {
          conversationId,
          rating: 4,
          comment: 'Fast, but the box was still wet',
          actor: customer,
          at: iso('12:00:00'),
        },
      },
    ]);
  assert.ok(state.exists);
  assert.equal(state.csat, {
    state: 'recorded',
    resolution: 1,
    rating: 4,
    comment: 'Fast, but the box was still wet',
    recordedAt: iso('12:00:00'),
  });
});

csat('a rating that arrives after the customer wrote again is still recorded on the request it answers', () => {
  const reopened: ConversationEvent = {
    type: 'ConversationReopened',
    data: {
      conversationId,
      from: 'resolved',
      reason: 'inbound-message',
      interactionId: 'in-2',
      actor: customer,
      at: iso('11:00:00'),
    },
  };
  const state = given([...resolved, requested, messageAdded('in-2', 'inbound', '11:00:00'), reopened])
    .when(answer(2))
    .thenEvents([
      {
        type: 'CsatRecorded',
        data: { conversationId, rating: 2, comment: null, actor: customer, at: iso('12:00:00') },
      },
    ]);
  assert.ok(state.exists);
  assert.is(state.status, 'open', 'rating does not resolve it again');
});

csat('a rating nobody asked for is refused', () => {
  given(resolved)
    .when(answer(5))
    .thenRefuses('CONVERSATION_CONFLICT', /no rating was asked/);
});

csat('a second rating is refused; the first stands', () => {
  const recorded: ConversationEvent = {
    type: 'CsatRecorded',
    data: { conversationId, rating: 5, comment: null, actor: customer, at: iso('12:00:00') },
  };
  given([...resolved, requested, recorded])
    .when(answer(1))
    .thenRefuses('CONVERSATION_CONFLICT', /rated already/);
});

csat('a rating outside 1 to 5, not whole, or a comment over 2000 characters is refused', () => {
  for (const rating of [0, 6, 3.5, Number.NaN]) {
    given([...resolved, requested])
      .when(answer(rating))
      .thenRefuses('INVALID_INPUT', /1 to 5/);
  }
  given([...resolved, requested])
    .when(answer(3, 'x'.repeat(2001)))
    .thenRefuses('INVALID_INPUT', /2000/);
});

csat.run();
