import { HubError } from '@hub/errors';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { errorCodeOf, isStalled, type ProjectionStatus, retryDelayMs } from './projection-status.ts';

const backoff = suite('a failing page is retried after a doubling, capped wait');

backoff('doubles from the base and stops at the cap', () => {
  const delays = [1, 2, 3, 4, 5, 6, 40].map((attempt) => retryDelayMs(attempt, { baseMs: 100, maxMs: 1000 }));
  assert.equal(delays, [100, 200, 400, 800, 1000, 1000, 1000]);
});

backoff.run();

const codes = suite('the code shown for a failure names its cause, not its message');

codes('a HubError by its code, a PostgreSQL error by its SQLSTATE, anything else by its name', () => {
  assert.is(errorCodeOf(new HubError('EVENT_STORE_UNAVAILABLE', 'down')), 'EVENT_STORE_UNAVAILABLE');
  assert.is(errorCodeOf(Object.assign(new Error('violates check constraint'), { code: '23514' })), '23514');
  assert.is(errorCodeOf(new TypeError('x is undefined')), 'TypeError');
  assert.is(errorCodeOf('thrown text'), 'UNKNOWN');
});

codes.run();

const stalled = suite('a projection is stalled once it has been failing for the threshold');

const retrying = (failingSince: Date): ProjectionStatus => ({
  name: 'timeline',
  state: 'retrying',
  checkpoint: undefined,
  attempts: 3,
  failingSince,
});

stalled('failing shorter than the threshold: not yet; as long: stalled; caught up: never', () => {
  const now = new Date('2026-12-05T12:00:30Z');
  assert.is(isStalled(retrying(new Date('2026-12-05T12:00:10Z')), now, 30_000), false);
  assert.is(isStalled(retrying(new Date('2026-12-05T12:00:00Z')), now, 30_000), true);
  assert.is(isStalled({ name: 'timeline', state: 'caught-up', checkpoint: '1/1', attempts: 0 }, now, 0), false);
});

stalled.run();
