import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bgNbdExpectedTransactions, bgNbdProbabilityAlive } from './bg-nbd.predictions.ts';
import { gammaGammaExpectedAverageValue } from './gamma-gamma.ts';
import { predictClv, WEEKS_PER_MONTH } from './predictive-clv.ts';

const bgNbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const gammaGamma = { p: 6.25, q: 3.74, v: 15.44 };
const close = (actual: number, expected: number, relative: number) =>
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.abs(expected),
    `${actual} is not within ${relative} (relative) of ${expected}`,
  );

const predictive = suite('predictive CLV: BG/NBD purchases × Gamma–Gamma spend, discounted per month');

const regular = { customerId: 'c1', x: 2, tx: 30.43, T: 38.86, meanValue: 25.5 };
const newcomer = { customerId: 'c2', x: 0, tx: 0, T: 2, meanValue: 0 };

predictive('without discount, the value is E[M] × purchases expected over the whole horizon', () => {
  const [value] = predictClv([regular], { bgNbd, gammaGamma, horizonMonths: 12, monthlyDiscountRate: 0 });
  const purchases = bgNbdExpectedTransactions(bgNbd, regular, 12 * WEEKS_PER_MONTH);
  const spend = gammaGammaExpectedAverageValue(gammaGamma, { x: 2, meanValue: 25.5 });
  close(value?.clv ?? 0, purchases * spend, 1e-12);
  close(value?.expectedPurchases ?? 0, purchases, 1e-12);
  close(value?.probabilityAlive ?? 0, bgNbdProbabilityAlive(bgNbd, regular), 1e-15);
});

predictive('each month’s purchases are discounted by (1 + d)^month', () => {
  const [value] = predictClv([regular], { bgNbd, gammaGamma, horizonMonths: 3, monthlyDiscountRate: 0.01 });
  const upTo = (month: number) => bgNbdExpectedTransactions(bgNbd, regular, month * WEEKS_PER_MONTH);
  const spend = gammaGammaExpectedAverageValue(gammaGamma, { x: 2, meanValue: 25.5 });
  const byHand =
    (spend * upTo(1)) / 1.01 + (spend * (upTo(2) - upTo(1))) / 1.01 ** 2 + (spend * (upTo(3) - upTo(2))) / 1.01 ** 3;
  close(value?.clv ?? 0, byHand, 1e-12);
});

predictive('a customer without repeat purchases is valued at the population’s mean spend', () => {
  const [value] = predictClv([newcomer], { bgNbd, gammaGamma, horizonMonths: 12, monthlyDiscountRate: 0.01 });
  close(value?.expectedAverageValue ?? 0, (6.25 * 15.44) / 2.74, 1e-14);
  assert.ok((value?.clv ?? 0) > 0);
});

predictive('a longer horizon adds value, a higher discount rate takes some away', () => {
  const clv = (horizonMonths: number, monthlyDiscountRate: number) =>
    predictClv([regular], { bgNbd, gammaGamma, horizonMonths, monthlyDiscountRate })[0]?.clv ?? 0;
  assert.ok(clv(24, 0.01) > clv(12, 0.01));
  assert.ok(clv(12, 0.02) < clv(12, 0.01));
});

predictive('with the NBD (the fit’s limit without drop-out) everyone is alive and buys at the posterior rate', () => {
  const noDropout = { r: 0.243, alpha: 4.414, dropout: 0 };
  const [value] = predictClv([regular], { bgNbd: noDropout, gammaGamma, horizonMonths: 12, monthlyDiscountRate: 0 });
  const purchases = ((0.243 + 2) * 12 * WEEKS_PER_MONTH) / (4.414 + 38.86);
  close(value?.expectedPurchases ?? 0, purchases, 1e-13);
  close(value?.clv ?? 0, purchases * gammaGammaExpectedAverageValue(gammaGamma, { x: 2, meanValue: 25.5 }), 1e-13);
  assert.is(value?.probabilityAlive, 1);
});

predictive('refuses a horizon or rate that means nothing', () => {
  const options = { bgNbd, gammaGamma, horizonMonths: 12, monthlyDiscountRate: 0.01 };
  assert.throws(() => predictClv([regular], { ...options, horizonMonths: 0 }), /horizonMonths/);
  assert.throws(() => predictClv([regular], { ...options, horizonMonths: 1.5 }), /horizonMonths/);
  assert.throws(() => predictClv([regular], { ...options, monthlyDiscountRate: -0.1 }), /monthlyDiscountRate/);
  assert.throws(() => predictClv([regular, regular], options), /twice/);
});

predictive.run();
