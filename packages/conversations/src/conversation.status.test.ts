import { givenFor } from '@hub/decider/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { conversationDecider } from './conversation.decider.ts';
import { at, conversationId, iso, opened, sara, statusChanged } from './conversation.fixtures.ts';

const given = givenFor(conversationDecider);
const status = suite('statuses: open, pending, snoozed until a time, resolved');

status('an agent resolves an open conversation; resolving it again changes nothing', () => {
  const state = given(opened())
    .when({ kind: 'ChangeStatus', status: 'resolved', reason: null, actor: sara, now: at('10:00:00') })
    .thenEvents([statusChanged('resolved', '10:00:00')]);
  assert.ok(state.exists);
  assert.is(state.resolvedAt, iso('10:00:00'));
  assert.is(state.resolutions, 1);
  given([...opened(), statusChanged('resolved', '10:00:00')])
    .when({ kind: 'ChangeStatus', status: 'resolved', reason: null, actor: sara, now: at('10:05:00') })
    .thenEvents([]);
});

status('an agent sets a conversation pending with a reason', () => {
  given(opened())
    .when({
      kind: 'ChangeStatus',
      status: 'pending',
      reason: 'waiting for the courier',
      actor: sara,
      now: at('09:30:00'),
    })
    .thenEvents([
      {
        type: 'ConversationStatusChanged',
        data: {
          conversationId,
          status: 'pending',
          snoozedUntil: null,
          actor: sara,
          reason: 'waiting for the courier',
          at: iso('09:30:00'),
        },
      },
    ]);
});

status('snoozed is not a status to set without a time', () => {
  given(opened())
    .when({ kind: 'ChangeStatus', status: 'snoozed' as 'open', reason: null, actor: sara, now: at('09:30:00') })
    .thenRefuses('INVALID_INPUT', /snoozing needs a time/);
});

const snooze = suite('snooze: until a time in the future, then back to open');
const snoozedUntilSix = [...opened(), statusChanged('snoozed', '09:10:00', iso('18:00:00'))];

snooze('an agent snoozes a conversation until a later time', () => {
  const state = given(opened())
    .when({ kind: 'Snooze', until: at('18:00:00'), reason: null, actor: sara, now: at('09:10:00') })
    .thenEvents([statusChanged('snoozed', '09:10:00', iso('18:00:00'))]);
  assert.ok(state.exists);
  assert.is(state.snoozedUntil, iso('18:00:00'));
});

snooze('a snooze until now or a past time is refused', () => {
  for (const until of [at('09:10:00'), at('08:00:00')]) {
    given(opened())
      .when({ kind: 'Snooze', until, reason: null, actor: sara, now: at('09:10:00') })
      .thenRefuses('INVALID_INPUT', /future/);
  }
});

snooze('a resolved conversation cannot be snoozed', () => {
  given([...opened(), statusChanged('resolved', '09:05:00')])
    .when({ kind: 'Snooze', until: at('18:00:00'), reason: null, actor: sara, now: at('09:10:00') })
    .thenRefuses('CONVERSATION_CONFLICT', /resolved/);
});

snooze('snoozing again to the same time changes nothing; to another time moves the wake-up', () => {
  given(snoozedUntilSix)
    .when({ kind: 'Snooze', until: at('18:00:00'), reason: null, actor: sara, now: at('09:20:00') })
    .thenEvents([]);
  given(snoozedUntilSix)
    .when({ kind: 'Snooze', until: at('20:00:00'), reason: null, actor: sara, now: at('09:20:00') })
    .thenEvents([statusChanged('snoozed', '09:20:00', iso('20:00:00'))]);
});

snooze('the clock before the snooze time: waking up changes nothing', () => {
  given(snoozedUntilSix)
    .when({ kind: 'WakeUp', now: at('17:59:59') })
    .thenEvents([]);
});

snooze('the clock at the snooze time: the conversation is open again, by the scheduler', () => {
  const state = given(snoozedUntilSix)
    .when({ kind: 'WakeUp', now: at('18:00:00') })
    .thenEvents([
      {
        type: 'ConversationReopened',
        data: {
          conversationId,
          from: 'snoozed',
          reason: 'snooze-expired',
          interactionId: null,
          actor: { kind: 'system', process: 'snooze-scheduler' },
          at: iso('18:00:00'),
        },
      },
    ]);
  assert.ok(state.exists);
  assert.is(state.status, 'open');
  assert.is(state.snoozedUntil, null);
});

snooze('a wake-up for a snooze since moved later changes nothing', () => {
  given([...snoozedUntilSix, statusChanged('snoozed', '12:00:00', iso('20:00:00'))])
    .when({ kind: 'WakeUp', now: at('18:00:00') })
    .thenEvents([]);
});

snooze('a late or repeated wake-up of a conversation no longer snoozed changes nothing', () => {
  given([...snoozedUntilSix, statusChanged('open', '12:00:00')])
    .when({ kind: 'WakeUp', now: at('18:30:00') })
    .thenEvents([]);
});

status.run();
snooze.run();
