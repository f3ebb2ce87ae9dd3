import { HubError, isHubError } from '@hub/errors';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { databaseUnavailable, isDatabaseUnavailable, rethrowUnavailable } from './database-unavailable.ts';

const driverError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('the server going away, restarting or refusing connections is "unavailable"', () => {
  for (const code of ['08006', '08001', '08003', '57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET'])
    assert.ok(isDatabaseUnavailable(driverError(code)), code);
  assert.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')));
  assert.ok(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')));
  const refusedOnEveryAddress = Object.assign(new AggregateError([driverError('ECONNREFUSED')], ''), {});
  assert.ok(isDatabaseUnavailable(refusedOnEveryAddress), 'a refused dual-stack connect');
  assert.ok(isDatabaseUnavailable(databaseUnavailable(new Error('down'))));
});

test('a wrong statement, a constraint or a bug is not: it would fail the same way again', () => {
  for (const code of ['23505', '42P01', '42601', '22P02', '40001', '53100'])
    assert.not.ok(isDatabaseUnavailable(driverError(code)), code);
  assert.not.ok(isDatabaseUnavailable(new TypeError('cannot read properties of undefined')));
  assert.not.ok(isDatabaseUnavailable(new HubError('INVALID_INPUT', 'bad')));
  assert.not.ok(isDatabaseUnavailable(undefined));
  assert.not.ok(isDatabaseUnavailable('Connection terminated'), 'only errors, not strings');
});

test('rethrowUnavailable turns only unavailability into the retriable DATABASE_UNAVAILABLE', () => {
  const caught = (error: unknown) => {
    try {
      rethrowUnavailable(error);
    } catch (thrown) {
      return thrown;
    }
  };
  const down = caught(driverError('57P01', 'terminating connection due to administrator command'));
  assert.ok(isHubError(down, 'DATABASE_UNAVAILABLE'));
  assert.is((down as HubError).retriable, true);
  assert.is((down as HubError).httpStatus, 503);
  const conflict = driverError('23505');
  assert.is(caught(conflict), conflict, 'a unique violation is passed on unchanged');
});

test.run();
