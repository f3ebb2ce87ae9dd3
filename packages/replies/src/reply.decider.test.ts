import { randomUUID } from 'node:crypto';
import { fold } from '@hub/decider';
import { isHubError } from '@hub/errors';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  type ReplyCommand,
  type ReplyEvent,
  type ReplyRequest,
  type ReplyState,
  replyDecider,
  retryDelayMs,
} from './reply.decider.ts';

const reply: ReplyRequest = {
  replyId: randomUUID(),
  conversationId: 'conversation-1',
  customerId: randomUUID(),
  channel: 'telegram',
  recipient: '12345',
  subject: null,
  text: 'Your order ships today.',
  html: null,
  attachments: [],
  inReplyTo: '77',
  references: [],
  actor: 'agent:sara',
};
const at = new Date('2026-12-05T10:00:00Z');
const backoff = { baseMs: 1_000, capMs: 8_000, maxAttempts: 3 };

/** Runs commands in order and returns every event and the final state. */
function run(commands: readonly ReplyCommand[]): { events: ReplyEvent[]; state: ReplyState } {
  const events: ReplyEvent[] = [];
  let state = replyDecider.initialState;
  for (const command of commands) {
    const decided = replyDecider.decide(command, state);
    events.push(...decided);
    state = fold(replyDecider, decided, state);
  }
  return { events, state };
}
const failure = (permanent: boolean, jitter = 1): ReplyCommand => ({
  kind: 'recordFailure',
  reason: 'Internal Server Error',
  providerCode: '500',
  permanent,
  at,
  jitter,
  backoff,
});

test('a reply is requested once: asking again with the same id records nothing', () => {
  const { events, state } = run([
    { kind: 'request', reply },
    { kind: 'request', reply },
  ]);
  assert.equal(
    events.map((e) => e.type),
    ['ReplyRequested'],
  );
  assert.is(state.status, 'requested');
});

test('an attempt is recorded before sending, and a second attempt while one is under way records nothing', () => {
  const { events, state } = run([
    { kind: 'request', reply },
    { kind: 'attempt', at },
    { kind: 'attempt', at },
  ]);
  assert.equal(
    events.map((e) => e.type),
    ['ReplyRequested', 'ReplyDeliveryAttempted'],
  );
  assert.is(state.status, 'sending');
  assert.is(state.attempts, 1);
});

test('a reply is recorded sent once: a second confirmation records nothing', () => {
  const sent: ReplyCommand = { kind: 'recordSent', providerMessageId: '901', sentAt: at };
  const { events, state } = run([{ kind: 'request', reply }, { kind: 'attempt', at }, sent, sent]);
  assert.equal(
    events.map((e) => e.type),
    ['ReplyRequested', 'ReplyDeliveryAttempted', 'ReplySent'],
  );
  assert.is(state.status, 'sent');
  assert.is(state.providerMessageId, '901');
});

test('a transient failure makes the reply due again after a capped exponential backoff', () => {
  const { events, state } = run([{ kind: 'request', reply }, { kind: 'attempt', at }, failure(false)]);
  const failed = events.at(-1);
  assert.is(failed?.type, 'ReplyDeliveryFailed');
  if (failed?.type !== 'ReplyDeliveryFailed') return;
  assert.is(failed.data.permanent, false);
  assert.is(failed.data.reason, 'Internal Server Error');
  assert.is(failed.data.retryAt, '2026-12-05T10:00:01.000Z');
  assert.is(state.status, 'failed');
  assert.is(state.retryAt, '2026-12-05T10:00:01.000Z');
  // The reply may be attempted again.
  const again = replyDecider.decide({ kind: 'attempt', at }, state);
  assert.is(again[0]?.type === 'ReplyDeliveryAttempted' && again[0].data.attempt, 2);
});

test("a provider's own retry-after is waited for when it is longer than the backoff", () => {
  const rateLimited: ReplyCommand = { ...failure(false), retryAfterMs: 30_000 } as ReplyCommand;
  const { state } = run([{ kind: 'request', reply }, { kind: 'attempt', at }, rateLimited]);
  assert.is(state.retryAt, '2026-12-05T10:00:30.000Z');
});

test('the backoff doubles per attempt, stops at its cap, and jitter keeps it between half and all of it', () => {
  assert.is(retryDelayMs(1, 1, backoff), 1_000);
  assert.is(retryDelayMs(3, 1, backoff), 4_000);
  assert.is(retryDelayMs(10, 1, backoff), 8_000);
  assert.is(retryDelayMs(3, 0, backoff), 2_000);
});

test('a permanent failure is final: no retry time, and no further attempt is allowed', () => {
  const { state } = run([{ kind: 'request', reply }, { kind: 'attempt', at }, failure(true)]);
  assert.is(state.status, 'failed');
  assert.is(state.retryAt, null);
  try {
    replyDecider.decide({ kind: 'attempt', at }, state);
    assert.unreachable('a permanently failed reply was attempted again');
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_INPUT'));
  }
});

test('after the last allowed attempt a transient failure is final too', () => {
  const commands: ReplyCommand[] = [{ kind: 'request', reply }];
  for (let i = 0; i < backoff.maxAttempts; i += 1) commands.push({ kind: 'attempt', at }, failure(false));
  const { events, state } = run(commands);
  const last = events.at(-1);
  assert.ok(last?.type === 'ReplyDeliveryFailed' && last.data.permanent && last.data.attempt === 3);
  assert.is(state.retryAt, null);
});

test('a failure is only recorded for an attempt under way', () => {
  try {
    run([{ kind: 'request', reply }, failure(false)]);
    assert.unreachable();
  } catch (error) {
    assert.ok(isHubError(error, 'INVALID_INPUT'));
  }
});

const agentActor = { kind: 'agent', userId: 'sara' } as const;
const retry = (customerDidNotReceive = false): ReplyCommand => ({
  kind: 'retry',
  actor: agentActor,
  at,
  customerDidNotReceive,
});

test('a reply that failed for good is sent again on an agent’s retry: a new attempt, once', () => {
  const { events, state } = run([
    { kind: 'request', reply },
    { kind: 'attempt', at },
    failure(true),
    retry(),
    { kind: 'attempt', at },
  ]);
  assert.equal(
    events.map((e) => e.type),
    [
      'ReplyRequested',
      'ReplyDeliveryAttempted',
      'ReplyDeliveryFailed',
      'ReplyRetryRequested',
      'ReplyDeliveryAttempted',
    ],
  );
  assert.is(state.status, 'sending');
  assert.is(state.attempts, 2);
  const refused = (() => {
    try {
      run([{ kind: 'request', reply }, { kind: 'attempt', at }, failure(true), retry(), retry()]);
    } catch (error) {
      return error;
    }
  })();
  assert.ok(isHubError(refused, 'REPLY_CONFLICT'), 'a second retry (a double click) is refused: one new attempt');
});

test('a retry is refused while a reply is queued, sending or sent', () => {
  for (const before of [
    [{ kind: 'request', reply }],
    [
      { kind: 'request', reply },
      { kind: 'attempt', at },
    ],
    [
      { kind: 'request', reply },
      { kind: 'attempt', at },
      { kind: 'recordSent', providerMessageId: '1', sentAt: at },
    ],
  ] as ReplyCommand[][]) {
    assert.throws(
      () => run([...before, retry()]),
      (error: unknown) => isHubError(error, 'REPLY_CONFLICT'),
    );
  }
});

test('after an unknown outcome a retry needs the agent’s word that the customer did not get it', () => {
  const unknown: ReplyCommand = {
    kind: 'recordFailure',
    reason: 'delivery outcome unknown',
    providerCode: 'OUTCOME_UNKNOWN',
    permanent: true,
    at,
    jitter: 0,
  };
  const start: ReplyCommand[] = [{ kind: 'request', reply }, { kind: 'attempt', at }, unknown];
  assert.throws(
    () => run([...start, retry(false)]),
    (error: unknown) => isHubError(error, 'REPLY_CONFLICT'),
  );
  const { events } = run([...start, retry(true)]);
  const last = events.at(-1);
  assert.is(last?.type, 'ReplyRetryRequested');
  assert.is(last?.type === 'ReplyRetryRequested' && last.data.afterUnknownOutcome, true);
});

test.run();
