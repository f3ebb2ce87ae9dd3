import { isHubError } from '@hub/errors';
import { encodeEvent } from '@hub/events';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { officeWeek, tehranOffice } from './calendars.fixture.ts';
import { recordedBreachOf, slaBreachedEvent } from './sla-breach.ts';
import { breachesToRecord, computeSlaClock } from './sla-clock.ts';
import { type ConversationSlaFacts, openSlaFacts, recordSlaFact, type SlaFact } from './sla-facts.ts';
import { parseSlaPolicy } from './sla-policy.ts';

// Europe/London is on GMT in November: local times read as UTC. Monday 2026-11-09 .. Friday 13th.
const london = officeWeek('Europe/London');
const policy = parseSlaPolicy({
  id: 'standard',
  name: 'Standard',
  calendarId: london.id,
  appliesTo: {},
  targets: { firstResponse: 60, nextResponse: 30, resolution: 8 * 60 },
});

const at = (iso: string) => new Date(iso);
const inbound = (iso: string): SlaFact => ({ kind: 'inbound-message', at: at(iso) });
const reply = (iso: string): SlaFact => ({ kind: 'reply', at: at(iso) });
const status = (iso: string, to: 'open' | 'pending' | 'snoozed' | 'resolved'): SlaFact => ({
  kind: 'status-changed',
  at: at(iso),
  status: to,
});
const given = (openedAt: string, ...facts: SlaFact[]): ConversationSlaFacts =>
  facts.reduce(recordSlaFact, openSlaFacts('c-1', at(openedAt)));
const targetClock = (facts: ConversationSlaFacts, now: string, target: string) =>
  computeSlaClock(facts, policy, london, at(now)).targets.find((clock) => clock.target === target);

const firstResponse = suite('First response is counted from the first inbound message');

firstResponse('a message before opening hours is due an hour after opening', () => {
  const facts = given('2026-11-09T08:00:00Z', inbound('2026-11-09T08:30:00Z'));
  assert.equal(targetClock(facts, '2026-11-09T09:30:00Z', 'first-response'), {
    target: 'first-response',
    dueAt: at('2026-11-09T10:00:00Z'),
    stoppedAt: null,
    state: 'ok',
  });
  assert.is(targetClock(facts, '2026-11-09T09:50:00Z', 'first-response')?.state, 'due-soon', '10 of 60 minutes left');
  assert.is(targetClock(facts, '2026-11-09T10:00:00Z', 'first-response')?.state, 'breached');
});

firstResponse('a conversation an agent started waits for the first inbound message', () => {
  const facts = given('2026-11-09T09:00:00Z', reply('2026-11-09T09:00:00Z'), inbound('2026-11-09T13:00:00Z'));
  assert.equal(targetClock(facts, '2026-11-09T13:10:00Z', 'first-response')?.dueAt, at('2026-11-09T14:00:00Z'));
  assert.is(targetClock(given('2026-11-09T09:00:00Z'), '2026-11-09T13:10:00Z', 'first-response'), undefined);
});

firstResponse('a reply in time stops the clock and leaves the target met', () => {
  const facts = given('2026-11-09T09:00:00Z', inbound('2026-11-09T09:00:00Z'), reply('2026-11-09T09:55:00Z'));
  const clock = computeSlaClock(facts, policy, london, at('2026-11-09T12:00:00Z'));
  assert.equal(clock.targets[0], {
    target: 'first-response',
    dueAt: at('2026-11-09T10:00:00Z'),
    stoppedAt: at('2026-11-09T09:55:00Z'),
    state: 'ok',
  });
  assert.equal(breachesToRecord(facts, policy, london, at('2026-11-09T16:00:00Z'), []), []);
});

firstResponse('a Friday-evening message is due on Monday morning', () => {
  const facts = given('2026-11-13T16:30:00Z', inbound('2026-11-13T16:30:00Z'));
  assert.equal(targetClock(facts, '2026-11-14T12:00:00Z', 'first-response')?.dueAt, at('2026-11-16T09:30:00Z'));
  assert.is(targetClock(facts, '2026-11-14T12:00:00Z', 'first-response')?.state, 'ok', 'the weekend does not count');
});

firstResponse('Tehran: a message at 15:30 on Wednesday is due at 08:30 Thursday, Tehran time', () => {
  const tehranPolicy = { ...policy, calendarId: tehranOffice.id };
  // 15:30 Tehran = 12:00Z; 08:30 Thursday Tehran = 05:00Z, after Tehran's midnight but not UTC's.
  const facts = given('2026-11-11T12:00:00Z', inbound('2026-11-11T12:00:00Z'));
  const clock = computeSlaClock(facts, tehranPolicy, tehranOffice, at('2026-11-11T21:00:00Z'));
  assert.equal(clock.targets[0]?.dueAt, at('2026-11-12T05:00:00Z'));
  assert.is(clock.targets[0]?.state, 'ok');
});

firstResponse.run();

const nextResponse = suite('Next response is counted from the oldest unanswered inbound message after a reply');

nextResponse('a second message while waiting does not restart the clock', () => {
  const facts = given(
    '2026-11-09T09:00:00Z',
    inbound('2026-11-09T09:00:00Z'),
    reply('2026-11-09T09:20:00Z'),
    inbound('2026-11-09T11:00:00Z'),
    inbound('2026-11-09T11:10:00Z'),
  );
  assert.equal(targetClock(facts, '2026-11-09T11:15:00Z', 'next-response'), {
    target: 'next-response',
    dueAt: at('2026-11-09T11:30:00Z'),
    stoppedAt: null,
    state: 'ok',
  });
  assert.is(targetClock(facts, '2026-11-09T11:25:00Z', 'next-response')?.state, 'due-soon');
  assert.equal(breachesToRecord(facts, policy, london, at('2026-11-09T11:31:00Z'), []), [
    { target: 'next-response', dueAt: at('2026-11-09T11:30:00Z') },
  ]);
});

nextResponse('the inbox sorts by the earliest due time and the checker wakes at the next one', () => {
  const facts = given(
    '2026-11-09T09:00:00Z',
    inbound('2026-11-09T09:00:00Z'),
    reply('2026-11-09T09:20:00Z'),
    inbound('2026-11-09T11:00:00Z'),
  );
  const clock = computeSlaClock(facts, policy, london, at('2026-11-09T11:40:00Z'));
  assert.is(clock.state, 'breached');
  assert.equal(clock.dueAt, at('2026-11-09T11:30:00Z'), 'the overdue next response sorts first');
  assert.equal(clock.nextBreachAt, at('2026-11-09T17:00:00Z'), 'resolution is the next to fall due');
});

nextResponse('resolving answers the customer: no response is owed after it', () => {
  const facts = given(
    '2026-11-09T09:00:00Z',
    inbound('2026-11-09T09:00:00Z'),
    reply('2026-11-09T09:20:00Z'),
    inbound('2026-11-09T11:00:00Z'),
    status('2026-11-09T11:05:00Z', 'resolved'),
  );
  const clock = computeSlaClock(facts, policy, london, at('2026-11-10T12:00:00Z'));
  assert.is(clock.state, null, 'nothing counts on a resolved conversation');
  assert.equal(breachesToRecord(facts, policy, london, at('2026-11-10T12:00:00Z'), []), []);
});

nextResponse.run();

const resolution = suite('Resolution pauses while pending or snoozed');

resolution('four hours open, a pending night, then open again: due four business hours later', () => {
  const facts = given(
    '2026-11-09T09:00:00Z',
    inbound('2026-11-09T09:00:00Z'),
    reply('2026-11-09T09:10:00Z'),
    status('2026-11-09T13:00:00Z', 'pending'),
    status('2026-11-10T09:00:00Z', 'open'),
  );
  const paused = given('2026-11-09T09:00:00Z', status('2026-11-09T13:00:00Z', 'pending'));
  assert.equal(targetClock(paused, '2026-11-09T18:00:00Z', 'resolution'), {
    target: 'resolution',
    dueAt: null,
    stoppedAt: null,
    state: 'ok',
  });
  assert.equal(targetClock(facts, '2026-11-10T10:00:00Z', 'resolution')?.dueAt, at('2026-11-10T13:00:00Z'));
  assert.equal(breachesToRecord(facts, policy, london, at('2026-11-09T17:30:00Z'), []), [], 'Monday 17:00 passed');
});

resolution('snoozed pauses too, and resolving in time meets the target', () => {
  const facts = given(
    '2026-11-09T09:00:00Z',
    status('2026-11-09T15:00:00Z', 'snoozed'),
    status('2026-11-11T09:00:00Z', 'open'),
    status('2026-11-11T10:30:00Z', 'resolved'),
  );
  const clock = targetClock(facts, '2026-11-12T09:00:00Z', 'resolution');
  assert.equal(clock, {
    target: 'resolution',
    dueAt: at('2026-11-11T11:00:00Z'),
    stoppedAt: at('2026-11-11T10:30:00Z'),
    state: 'ok',
  });
});

resolution('time open beyond the target is a breach that stays, even after resolving', () => {
  const facts = given(
    '2026-11-09T09:00:00Z',
    status('2026-11-09T15:00:00Z', 'pending'),
    status('2026-11-10T09:00:00Z', 'open'),
    status('2026-11-10T12:00:00Z', 'resolved'),
  );
  assert.equal(breachesToRecord(facts, policy, london, at('2026-11-10T12:00:00Z'), []), [
    { target: 'resolution', dueAt: at('2026-11-10T11:00:00Z') },
  ]);
});

resolution.run();

const recording = suite('Each breach is recorded exactly once, also after a restart');

recording('asked twice, the checker records the breach once', () => {
  const facts = given('2026-11-09T09:00:00Z', inbound('2026-11-09T09:00:00Z'));
  const first = breachesToRecord(facts, policy, london, at('2026-11-09T10:05:00Z'), []);
  assert.equal(first, [{ target: 'first-response', dueAt: at('2026-11-09T10:00:00Z') }]);
  const events = first.map((breach) => slaBreachedEvent('c-1', policy.id, breach, at('2026-11-09T10:05:00Z')));
  const recorded = events.map((event) => recordedBreachOf(event.data));
  assert.equal(breachesToRecord(facts, policy, london, at('2026-11-09T10:06:00Z'), recorded), []);
});

recording('a checker down through the due time still records an answer that came late', () => {
  const facts = given('2026-11-09T09:00:00Z', inbound('2026-11-09T09:00:00Z'), reply('2026-11-09T10:20:00Z'));
  assert.equal(breachesToRecord(facts, policy, london, at('2026-11-09T12:00:00Z'), []), [
    { target: 'first-response', dueAt: at('2026-11-09T10:00:00Z') },
  ]);
});

recording('every missed customer wait is its own next-response breach', () => {
  const facts = given(
    '2026-11-09T09:00:00Z',
    inbound('2026-11-09T09:00:00Z'),
    reply('2026-11-09T09:10:00Z'),
    inbound('2026-11-09T10:00:00Z'),
    reply('2026-11-09T11:00:00Z'),
    inbound('2026-11-09T12:00:00Z'),
  );
  const missedFirstWait = { target: 'next-response' as const, dueAt: at('2026-11-09T10:30:00Z') };
  assert.equal(breachesToRecord(facts, policy, london, at('2026-11-09T12:45:00Z'), []), [
    missedFirstWait,
    { target: 'next-response', dueAt: at('2026-11-09T12:30:00Z') },
  ]);
  assert.equal(breachesToRecord(facts, policy, london, at('2026-11-09T12:45:00Z'), [missedFirstWait]), [
    { target: 'next-response', dueAt: at('2026-11-09T12:30:00Z') },
  ]);
});

recording('a wait already recorded under another policy is not recorded again', () => {
  const facts = given(
    '2026-11-09T09:00:00Z',
    inbound('2026-11-09T09:00:00Z'),
    reply('2026-11-09T09:10:00Z'),
    inbound('2026-11-09T11:00:00Z'),
  );
  const stricter = { ...policy, id: 'urgent', targets: { nextResponse: 15 } };
  const recordedUnderStandard = [{ target: 'next-response' as const, dueAt: at('2026-11-09T11:30:00Z') }];
  assert.equal(breachesToRecord(facts, stricter, london, at('2026-11-09T11:45:00Z'), recordedUnderStandard), []);
  assert.equal(breachesToRecord(facts, stricter, london, at('2026-11-09T11:45:00Z'), []), [
    { target: 'next-response', dueAt: at('2026-11-09T11:15:00Z') },
  ]);
});

recording('a policy counted in another calendar than the one given is refused', () => {
  const facts = given('2026-11-09T09:00:00Z', inbound('2026-11-09T09:00:00Z'));
  assert.throws(
    () => breachesToRecord(facts, policy, tehranOffice, at('2026-11-09T12:00:00Z'), []),
    (error: unknown) => isHubError(error, 'INVALID_INPUT') && /tehran-office/.test(error.message),
  );
});

recording('the SlaBreached event passes the event catalogue', () => {
  const event = slaBreachedEvent(
    'c-1',
    'standard',
    { target: 'resolution', dueAt: at('2026-11-10T11:00:00Z') },
    at('2026-11-10T11:00:30Z'),
  );
  const appended = encodeEvent(event, { id: 'e-1', occurredAt: at('2026-11-10T11:00:30Z') });
  assert.is(appended.type, 'SlaBreached');
  assert.equal(recordedBreachOf(event.data), { target: 'resolution', dueAt: at('2026-11-10T11:00:00Z') });
});

recording.run();
