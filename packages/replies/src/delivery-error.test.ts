import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { outcomeUnknown, transportFailure } from './delivery-error.ts';

const fetchFailed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

test('a provider that refused the connection never got the reply: retried later', () => {
  const failure = transportFailure(fetchFailed('ECONNREFUSED'));
  assert.is(failure.permanent, false);
  assert.is(failure.providerCode, 'ECONNREFUSED');
});

test('a connection reset after the request went out may have delivered it: unknown, for an agent, not retried', () => {
  const failure = transportFailure(fetchFailed('ECONNRESET'));
  assert.is(failure.permanent, true);
  assert.is(failure.providerCode, outcomeUnknown);
  assert.match(failure.reason, 'ECONNRESET');
});

test.run();
