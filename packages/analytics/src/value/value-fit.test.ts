import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_CHANNEL_COSTS, parseChannelCosts } from './channel-costs.ts';
import { valueCustomers } from './customer-values.ts';
import { fitInstantOf, fitValueModels } from './value-fit.ts';
import { createValueFitCache } from './value-fit-cache.ts';
import type { CustomerPurchases } from './value-population.ts';

// The value models on a generated shop of 60 customers first seen 40 to 47 weeks before
// 2026-12-01: a third bought once, a third twice within a week or two, a third 11 to 16 times
// until a few weeks ago (heterogeneous drop-out, which BG/NBD's Beta describes), at 10 to 70 each.

const asOf = new Date('2026-12-01T00:00:00Z');
const week = 7 * 86_400_000;
const population: CustomerPurchases[] = Array.from({ length: 60 }, (_, i) => {
  const T = 40 + (i % 8);
  const [repeats, span] = i % 3 === 0 ? [0, 0] : i % 3 === 1 ? [1, 1 + (i % 2)] : [10 + (i % 6), T - 1 - (i % 4)];
  const first = asOf.getTime() - T * week;
  const purchases = repeats + 1;
  return {
    customerId: `c${String(i).padStart(2, '0')}`,
    firstPurchaseAt: new Date(first).toISOString(),
    lastPurchaseAt: new Date(first + span * week).toISOString(),
    purchases,
    ordered: purchases * (10 + (i % 7) * 10),
    refunded: i === 4 ? 5 : 0,
  };
});

test('the models are fitted by maximum likelihood and every customer gets a value and a tier', () => {
  const fit = fitValueModels(population, asOf);
  if (fit.status !== 'fitted') throw new Error(`not fitted: ${JSON.stringify(fit)}`);
  assert.is(fit.bgNbd.customers, 60);
  assert.is(fit.bgNbd.model, 'bg-nbd', 'drop-out differs from customer to customer here');
  assert.is(fit.gammaGamma.customers, 40, 'the repeat buyers');
  assert.ok(fit.gammaGamma.parameters.q > 1);
  assert.ok(Number.isFinite(fit.bgNbd.logLikelihood) && fit.bgNbd.logLikelihood < 0);
  const values = valueCustomers(population, asOf, fit, { horizonMonths: 12, monthlyDiscountRate: 0.01 });
  for (const value of values) {
    assert.ok(value.predictive && value.predictive.clv >= 0, value.customerId);
    assert.ok(value.tier, value.customerId);
  }
  assert.is(values[4]?.netValue, 2 * 50 - 5);
});

test('too little data: no fit, and the reason', () => {
  assert.equal(fitValueModels(population.slice(0, 10), asOf), {
    status: 'insufficient-data',
    dataAsOf: asOf.toISOString(),
    reason: 'too-few-customers',
    customers: 10,
    repeatCustomers: 6,
  });
  const onceOnly = population.filter((_, i) => i % 3 === 0);
  const none = fitValueModels([...onceOnly, ...onceOnly.map((c) => ({ ...c, customerId: `${c.customerId}b` }))], asOf);
  assert.is(none.status === 'insufficient-data' && none.reason, 'too-few-repeat-customers');
  const values = valueCustomers(population.slice(0, 3), asOf, null, { horizonMonths: 12, monthlyDiscountRate: 0 });
  assert.equal(
    values.map((v) => [v.predictive, v.tier]),
    [
      [null, null],
      [null, null],
      [null, null],
    ],
  );
});

test('everyone who came back stopped alike: the limit of BG/NBD with one drop-out probability is fitted', () => {
  // Four purchases in the first four weeks, then 36 to 43 weeks of silence: the likelihood climbs
  // toward a single drop-out probability for all (a, b → ∞), where BG/NBD's own closed forms stop
  // converging; its limit is fitted in their place and every customer still gets a value.
  const alike = population.map((c, i) =>
    i % 3 === 2
      ? { ...c, purchases: 5, lastPurchaseAt: new Date(Date.parse(c.firstPurchaseAt) + 4 * week).toISOString() }
      : c,
  );
  const fit = fitValueModels(alike, asOf);
  if (fit.status !== 'fitted') throw new Error(`not fitted: ${JSON.stringify(fit)}`);
  if (fit.bgNbd.model !== 'fixed-dropout') throw new Error(`fitted as ${fit.bgNbd.model}`);
  const q = fit.bgNbd.parameters.dropout;
  assert.ok(q > 0.2 && q < 0.6, `drop-out probability ${q}`);
  const ran = fit.bgNbd.searches[0]?.parameters as { a: number; b: number };
  assert.ok(ran.a + ran.b > 1e5, `the BG/NBD search stopped at a = ${ran.a}, b = ${ran.b}`);
  const values = valueCustomers(alike, asOf, fit, { horizonMonths: 12, monthlyDiscountRate: 0.01 });
  for (const [i, value] of values.entries()) {
    assert.ok(value.predictive && value.predictive.clv >= 0 && value.tier, value.customerId);
    if (i % 3 === 2) assert.equal(value.tier, { tier: 'invest-none', reason: 'likely-lapsed' }, value.customerId);
    if (i % 3 === 0) assert.is(value.predictive.probabilityAlive, 1, 'no repeat purchase, no chance to drop out');
  }
});

test('one fit per day and currency, reused for a few minutes', async () => {
  let clock = 0;
  let fits = 0;
  const cache = createValueFitCache({ ttlMs: 1000, now: () => clock });
  const compute = async () => {
    fits++;
    return fitValueModels([], asOf);
  };
  const instant = fitInstantOf(new Date('2026-12-01T15:30:00Z'));
  assert.is(instant.toISOString(), '2026-12-01T00:00:00.000Z');
  await cache.fitOf(instant, 'EUR', compute);
  await cache.fitOf(fitInstantOf(new Date('2026-12-01T23:59:00Z')), 'EUR', compute);
  assert.is(fits, 1);
  await cache.fitOf(instant, 'USD', compute);
  clock = 1001;
  await cache.fitOf(instant, 'EUR', compute);
  assert.is(fits, 3);
});

test('channel costs: defaults, partial overrides, refusals naming the field', () => {
  assert.is(parseChannelCosts(undefined), DEFAULT_CHANNEL_COSTS);
  const costs = parseChannelCosts('{"currency":"IRR","channels":{"phone":{"perMinute":2}}}');
  assert.equal(costs.channels.phone, { perContact: 0.1, perMinute: 2, minutesPerContact: 5 });
  assert.equal(costs.channels.email, DEFAULT_CHANNEL_COSTS.channels.email);
  assert.is(costs.currency, 'IRR');
  for (const [spec, message] of [
    ['{', /not JSON/],
    ['{"currency":"eur"}', /currency/],
    ['{"channels":{"fax":{}}}', /unknown channel fax/],
    ['{"channels":{"chat":{"perMinute":-1}}}', /channels\.chat\.perMinute/],
  ] as const)
    assert.throws(() => parseChannelCosts(spec), message);
});

test.run();
