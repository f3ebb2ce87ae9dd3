import { isHubError } from '@hub/errors';
import { type Actor, type DomainEvent, encodeEvent } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { conversationSlaOf } from './conversation-sla.ts';
import { serviceLevelSettingsDecider as decider, type ServiceLevelSettings } from './service-level-settings.ts';
import { computeSlaClock, nextSlaCheckAt } from './sla-clock.ts';

const admin: Actor = { kind: 'agent', userId: 'admin-1' };
const now = new Date('2026-11-11T12:00:00Z');
const tehranDay = [{ start: '08:00', end: '16:00' }];
const tehran = {
  id: 'tehran-office',
  timeZone: 'Asia/Tehran',
  workingHours: [tehranDay, tehranDay, tehranDay, tehranDay, [{ start: '08:00', end: '12:00' }], [], tehranDay],
  holidays: ['2027-03-21'],
};
const urgent = {
  id: 'urgent',
  name: 'Urgent support',
  calendarId: 'tehran-office',
  appliesTo: { inboxIds: ['email'], priorities: ['urgent'] },
  targets: { firstResponse: 60, resolution: 480 },
};

const given = (...commands: Parameters<typeof decider.decide>[0][]): ServiceLevelSettings =>
  commands.reduce(
    (state, command) => decider.decide(command, state).reduce(decider.evolve, state),
    decider.initialState,
  );
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (isHubError(error)) return error;
    throw error;
  }
  assert.unreachable('refused');
  throw new Error('unreachable');
};

const settings = suite('SLA settings: calendars and policies an administrator saves');

settings('a Tehran calendar with Friday off, then a policy counting in it; saving again records nothing', () => {
  const saveCalendar = { kind: 'SaveCalendar', calendar: tehran, actor: admin, now } as const;
  const [saved] = decider.decide(saveCalendar, decider.initialState);
  assert.is(saved?.type, 'BusinessCalendarSaved');
  assert.ok(saved && encodeEvent(saved, { id: 'e1', occurredAt: now }), 'passes the catalogue');
  const state = given(saveCalendar, { kind: 'SavePolicy', policy: urgent, actor: admin, now });
  assert.equal(
    state.policies.map((p) => p.id),
    ['urgent'],
  );
  assert.equal(decider.decide(saveCalendar, state), []);
  assert.equal(decider.decide({ kind: 'SavePolicy', policy: urgent, actor: admin, now }, state), []);
});

settings('an update replaces the policy in place: the order that breaks ties is kept', () => {
  const state = given(
    { kind: 'SaveCalendar', calendar: tehran, actor: admin, now },
    { kind: 'SavePolicy', policy: urgent, actor: admin, now },
    { kind: 'SavePolicy', policy: { ...urgent, id: 'default', appliesTo: {} }, actor: admin, now },
    { kind: 'SavePolicy', policy: { ...urgent, targets: { firstResponse: 30 } }, actor: admin, now },
  );
  assert.equal(
    state.policies.map((p) => [p.id, p.targets.firstResponse]),
    [
      ['urgent', 30],
      ['default', 60],
    ],
  );
});

settings('an unknown zone, a policy without a calendar or without targets are refused, naming the problem', () => {
  const zone = refusal(() =>
    decider.decide(
      { kind: 'SaveCalendar', calendar: { ...tehran, timeZone: 'Asia/Atlantis' }, actor: admin, now },
      decider.initialState,
    ),
  );
  assert.is(zone.code, 'INVALID_INPUT');
  assert.match(zone.message, 'Asia/Atlantis');
  const missing = refusal(() =>
    decider.decide({ kind: 'SavePolicy', policy: urgent, actor: admin, now }, decider.initialState),
  );
  assert.match(missing.message, 'tehran-office');
  const state = given({ kind: 'SaveCalendar', calendar: tehran, actor: admin, now });
  const empty = refusal(() =>
    decider.decide({ kind: 'SavePolicy', policy: { ...urgent, targets: {} }, actor: admin, now }, state),
  );
  assert.match(empty.message, 'at least one target');
});

const folding = suite('A conversation’s SLA facts, folded from its stream');
const conversationId = 'c-1';
const opened: DomainEvent[] = [
  {
    type: 'ConversationOpened',
    data: {
      conversationId,
      customerId: '00000000-0000-4000-8000-000000000001',
      channel: 'email',
      inboxId: 'email',
      subject: null,
      threadKeys: [],
      openedBy: 'i-1',
      openedAt: '2026-11-11T12:00:00Z',
      actor: { kind: 'customer' },
    },
  },
  {
    type: 'ConversationMessageAdded',
    data: {
      conversationId,
      interactionId: 'i-1',
      direction: 'inbound',
      channel: 'email',
      occurredAt: '2026-11-11T12:00:00Z',
      threadKeys: [],
      actor: { kind: 'customer' },
    },
  },
  {
    type: 'ConversationPriorityChanged',
    data: { conversationId, priority: 'urgent', actor: admin, at: '2026-11-11T12:01:00Z' },
  },
];
const policies = given(
  { kind: 'SaveCalendar', calendar: tehran, actor: admin, now },
  { kind: 'SavePolicy', policy: urgent, actor: admin, now },
);
const calendar = policies.calendars[0];
const policy = policies.policies[0];

folding('Wednesday 15:30 Tehran: first response due Thursday 08:30; the checker wakes when it turns due-soon', () => {
  const sla = conversationSlaOf(opened);
  assert.ok(sla && calendar && policy);
  assert.equal(sla.routing, { inboxId: 'email', priority: 'urgent' });
  const clock = computeSlaClock(sla.facts, policy, calendar, new Date('2026-11-11T12:20:00Z'));
  assert.equal(clock.dueAt, new Date('2026-11-12T05:00:00Z'));
  assert.is(clock.state, 'ok');
  // 20% of 60 business minutes before 08:30 Thursday: 08:18 Tehran, 04:48Z.
  assert.equal(
    nextSlaCheckAt(sla.facts, policy, calendar, new Date('2026-11-11T12:20:00Z')),
    new Date('2026-11-12T04:48:00Z'),
  );
  assert.equal(
    nextSlaCheckAt(sla.facts, policy, calendar, new Date('2026-11-12T04:50:00Z')),
    new Date('2026-11-12T05:00:00Z'),
  );
});

folding('the Friday off and a Thursday half day: resolution of 8 business hours lands on Saturday', () => {
  const sla = conversationSlaOf(opened);
  assert.ok(sla && calendar && policy);
  const resolution = computeSlaClock(sla.facts, policy, calendar, new Date('2026-11-11T12:20:00Z')).targets.find(
    (t) => t.target === 'resolution',
  );
  assert.equal(resolution?.dueAt, new Date('2026-11-14T08:00:00Z'));
});

folding('a reply answers, resolving stops everything: nothing left to check; a recorded breach is kept', () => {
  const sla = conversationSlaOf([
    ...opened,
    {
      type: 'SlaBreached',
      data: {
        conversationId,
        policyId: 'urgent',
        target: 'first-response',
        dueAt: '2026-11-12T05:00:00Z',
        breachedAt: '2026-11-12T05:00:01Z',
      },
    },
    {
      type: 'ConversationMessageAdded',
      data: {
        conversationId,
        interactionId: 'r-1',
        direction: 'outbound',
        channel: 'email',
        occurredAt: '2026-11-12T06:00:00Z',
        threadKeys: [],
        actor: admin,
      },
    },
    {
      type: 'ConversationStatusChanged',
      data: {
        conversationId,
        status: 'resolved',
        snoozedUntil: null,
        actor: admin,
        reason: null,
        at: '2026-11-12T06:05:00Z',
      },
    },
  ]);
  assert.ok(sla && calendar && policy);
  assert.equal(sla.recorded, [{ target: 'first-response', dueAt: new Date('2026-11-12T05:00:00Z') }]);
  assert.is(nextSlaCheckAt(sla.facts, policy, calendar, new Date('2026-11-12T07:00:00Z')), null);
  assert.is(computeSlaClock(sla.facts, policy, calendar, new Date('2026-11-12T07:00:00Z')).state, null);
});

settings.run();
folding.run();
