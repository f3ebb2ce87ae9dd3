import { HubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { backoffDelay, describeFailure, inProcessRetryPolicy, judgeFailure, kafkaRetryPolicy } from './retry.policy.ts';

const policy = suite('retry policy: what a failed handler leads to');
const half = () => 0.5;

policy('a non-retriable HubError is poison at once', () => {
  assert.equal(judgeFailure(new HubError('INVALID_EVENT', 'bad'), 1, kafkaRetryPolicy), { action: 'dead-letter' });
});

policy('a retriable HubError is retried for ever on Kafka, and given back to the publisher in process', () => {
  const down = new HubError('EVENT_STORE_UNAVAILABLE', 'down');
  assert.is(judgeFailure(down, 10_000, kafkaRetryPolicy, half).action, 'retry');
  assert.is(judgeFailure(down, 3, inProcessRetryPolicy, half).action, 'retry');
  assert.equal(judgeFailure(down, 4, inProcessRetryPolicy, half), { action: 'give-up' });
});

policy('an unknown error is retried a few times, then counts as poison', () => {
  const bug = new TypeError('x is undefined');
  assert.is(judgeFailure(bug, 4, kafkaRetryPolicy, half).action, 'retry');
  assert.equal(judgeFailure(bug, 5, kafkaRetryPolicy, half), { action: 'dead-letter' });
  assert.equal(describeFailure(bug), { reason: 'TypeError: x is undefined', errorCode: undefined });
});

policy('the pause doubles per attempt, never exceeds the cap, and keeps at least half the step', () => {
  const steps = [1, 2, 3, 4].map((attempt) => backoffDelay(attempt, kafkaRetryPolicy, () => 1));
  assert.equal(steps, [200, 400, 800, 1_600]);
  assert.is(
    backoffDelay(50, kafkaRetryPolicy, () => 1),
    30_000,
  );
  assert.is(
    backoffDelay(50, kafkaRetryPolicy, () => 0),
    15_000,
  );
  assert.is(
    backoffDelay(1_000_000, kafkaRetryPolicy, () => 1),
    30_000,
  );
});

policy.run();
