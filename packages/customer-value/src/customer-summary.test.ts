import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { toCustomerHistory } from './customer-summary.ts';

const history = suite('purchase summary to (x, tₓ, T, mₓ)');

history('whole days since the first purchase, in weeks; the first purchase left out of mₓ when known', () => {
  const summary = {
    customerId: 'c1',
    firstPurchaseAt: '2024-01-01T10:00:00Z',
    lastPurchaseAt: '2024-02-12T23:00:00Z',
    purchases: 4,
    monetary: 130,
    firstPurchaseValue: 40,
  };
  // 42 days 13 h → 42 days = 6 weeks; to the as-of instant 70 days 2 h → 70 days = 10 weeks.
  assert.equal(toCustomerHistory(summary, '2024-03-11T12:00:00Z'), {
    customerId: 'c1',
    x: 3,
    tx: 6,
    T: 10,
    meanValue: 30,
  });
  const withoutFirst = { ...summary, firstPurchaseValue: undefined };
  assert.is(toCustomerHistory(withoutFirst, '2024-03-11T12:00:00Z', 1).meanValue, 130 / 4);
  assert.equal(
    toCustomerHistory({ ...summary, purchases: 1, lastPurchaseAt: summary.firstPurchaseAt }, '2024-01-08T10:00:00Z'),
    {
      customerId: 'c1',
      x: 0,
      tx: 0,
      T: 1,
      meanValue: 0,
    },
  );
});

history.run();
