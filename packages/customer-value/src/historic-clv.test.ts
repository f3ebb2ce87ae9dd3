import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { historicValues } from './historic-clv.ts';

const historic = suite('historic value: orders minus refunds and returns');

historic('net value per customer, in one currency', () => {
  assert.equal(
    historicValues([
      { customerId: 'c1', currency: 'EUR', ordered: 12_000, refunded: 2_500 },
      { customerId: 'c2', currency: 'EUR', ordered: 1_000, refunded: 1_500 },
    ]).map((value) => [value.customerId, value.netValue]),
    [
      ['c1', 9_500],
      ['c2', -500],
    ],
  );
});

historic('refuses mixed currencies, duplicates and negative amounts', () => {
  const eur = { customerId: 'c1', currency: 'EUR', ordered: 10, refunded: 0 };
  assert.throws(() => historicValues([eur, { ...eur, customerId: 'c2', currency: 'USD' }]), /USD, others in EUR/);
  assert.throws(() => historicValues([eur, eur]), /twice/);
  assert.throws(() => historicValues([{ ...eur, refunded: -1 }]), /refunded/);
});

historic.run();
