import { givenFor } from '@hub/decider/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { conversationDecider } from './conversation.decider.ts';
import {
  at,
  conversationId,
  customer,
  customerId,
  inbound,
  inboxId,
  iso,
  messageAdded,
  opened,
  outbound,
  sara,
  statusChanged,
} from './conversation.fixtures.ts';

const given = givenFor(conversationDecider);
const messages = suite('messages open a conversation, join it, and reopen it');

messages('the first inbound message opens the conversation and is its first message', () => {
  const state = given([]).when(inbound('in-1', '09:00:00')).thenEvents(opened('in-1', '09:00:00'));
  assert.ok(state.exists);
  assert.is(state.status, 'open');
  assert.is(state.messageCount, 1);
  assert.is(state.waitingSince, iso('09:00:00'));
});

messages('a later inbound message joins the open conversation without changing its status', () => {
  given(opened())
    .when(inbound('in-2', '09:05:00'))
    .thenEvents([messageAdded('in-2', 'inbound', '09:05:00')]);
});

messages('a message delivered twice is attached once', () => {
  given([...opened(), messageAdded('in-2', 'inbound', '09:05:00')])
    .when(inbound('in-2', '09:05:00'))
    .thenEvents([]);
});

messages('a new inbound message on a resolved conversation reopens it', () => {
  const state = given([...opened(), statusChanged('resolved', '10:00:00')])
    .when(inbound('in-2', '11:00:00'))
    .thenEvents([
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
    ]);
  assert.ok(state.exists);
  assert.is(state.status, 'open');
  assert.is(state.resolvedAt, null);
});

messages('the customer writing to a snoozed conversation wakes it before its time', () => {
  const state = given([...opened(), statusChanged('snoozed', '09:10:00', iso('18:00:00'))])
    .when(inbound('in-2', '10:00:00'))
    .thenEvents([
      messageAdded('in-2', 'inbound', '10:00:00'),
      {
        type: 'ConversationReopened',
        data: {
          conversationId,
          from: 'snoozed',
          reason: 'inbound-message',
          interactionId: 'in-2',
          actor: customer,
          at: iso('10:00:00'),
        },
      },
    ]);
  assert.ok(state.exists);
  assert.is(state.snoozedUntil, null);
});

messages('the customer answering a conversation pending on them opens it again', () => {
  const state = given([...opened(), statusChanged('pending', '09:30:00')])
    .when(inbound('in-2', '10:00:00'))
    .thenEvents([
      messageAdded('in-2', 'inbound', '10:00:00'),
      {
        type: 'ConversationReopened',
        data: {
          conversationId,
          from: 'pending',
          reason: 'inbound-message',
          interactionId: 'in-2',
          actor: customer,
          at: iso('10:00:00'),
        },
      },
    ]);
  assert.ok(state.exists);
  assert.is(state.status, 'open');
});

messages("an agent's reply is an outbound message that leaves a resolved conversation resolved", () => {
  const state = given([...opened(), statusChanged('resolved', '10:00:00')])
    .when(outbound('out-1', '10:30:00'))
    .thenEvents([messageAdded('out-1', 'outbound', '10:30:00')]);
  assert.ok(state.exists);
  assert.is(state.status, 'resolved');
});

messages('an outbound call logged for a customer without a conversation opens one in the agent’s name', () => {
  const state = given([])
    .when(outbound('call-1', '08:00:00'))
    .thenEvents([
      {
        type: 'ConversationOpened',
        data: {
          conversationId,
          customerId,
          channel: 'email',
          inboxId,
          subject: 'Re: Order 1001 arrived broken',
          threadKeys: ['email:call-1@hub.example'],
          openedBy: 'call-1',
          openedAt: iso('08:00:00'),
          actor: sara,
        },
      },
      messageAdded('call-1', 'outbound', '08:00:00'),
    ]);
  assert.ok(state.exists);
  assert.is(state.waitingSince, null, 'nobody waits for an answer to our own call');
  assert.is(state.firstResponseAt, null, 'a first response answers the customer, not our own first contact');
});

messages('first response is the first reply after the first inbound; waiting starts again on the next question', () => {
  const state = given([
    ...opened('in-1', '09:00:00'),
    messageAdded('in-2', 'inbound', '09:02:00'),
    messageAdded('out-1', 'outbound', '09:20:00'),
  ])
    .when(inbound('in-3', '09:40:00'))
    .thenEvents([messageAdded('in-3', 'inbound', '09:40:00')]);
  assert.ok(state.exists);
  assert.is(state.firstInboundAt, iso('09:00:00'));
  assert.is(state.firstResponseAt, iso('09:20:00'));
  assert.is(state.lastOutboundAt, iso('09:20:00'));
  assert.is(state.lastInboundAt, iso('09:40:00'));
  assert.is(state.waitingSince, iso('09:40:00'), 'the oldest unanswered message is the one after the reply');
  assert.is(state.messageCount, 4);
});

messages('a reply answers every message before it: nobody waits any more', () => {
  const state = given([...opened('in-1', '09:00:00'), messageAdded('in-2', 'inbound', '09:02:00')])
    .when(outbound('out-1', '09:20:00'))
    .thenEvents([messageAdded('out-1', 'outbound', '09:20:00')]);
  assert.ok(state.exists);
  assert.is(state.waitingSince, null);
});

messages('a message with a time that is not a time is refused', () => {
  given([])
    .when({ ...inbound('in-1', '09:00:00'), now: new Date('nonsense') })
    .thenRefuses('INVALID_INPUT', /now/);
});

messages('a command other than a message on a conversation that does not exist is NOT_FOUND', () => {
  given([])
    .when({ kind: 'SetPriority', priority: 'high', actor: sara, now: at('09:00:00') })
    .thenRefuses('NOT_FOUND');
});

messages.run();
