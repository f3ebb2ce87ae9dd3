import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fitBgNbd } from './bg-nbd.fit.ts';
import { bgNbdLogLikelihood, bgNbdTotalLogLikelihood } from './bg-nbd.likelihood.ts';
import { bgNbdExpectedTransactions, bgNbdProbabilityAlive } from './bg-nbd.predictions.ts';
import { drawBgNbdCustomers, seededRandom } from './synthetic-customers.ts';

// The CDNOW estimates of Fader, Hardie & Lee (2005), in weeks.
const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const close = (actual: number, expected: number, relative: number) =>
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.abs(expected),
    `${actual} is not within ${relative} (relative) of ${expected}`,
  );

const likelihood = suite('BG/NBD log-likelihood and predictions against 30-digit references (mpmath)');

likelihood('log-likelihood of a repeat buyer and of a one-time buyer', () => {
  close(bgNbdLogLikelihood(cdnow, { x: 2, tx: 30.43, T: 38.86 }), -9.45860630706627, 1e-13);
  close(bgNbdLogLikelihood(cdnow, { x: 0, tx: 0, T: 38.86 }), -0.554713276438158, 1e-13);
});

likelihood('the paper’s worked customer: 1.226 purchases expected in the next 39 weeks', () => {
  close(bgNbdExpectedTransactions(cdnow, { x: 2, tx: 30.43, T: 38.86 }, 39), 1.22602817476714, 1e-12);
  close(bgNbdProbabilityAlive(cdnow, { x: 2, tx: 30.43, T: 38.86 }), 0.726578570080673, 1e-13);
});

likelihood('expected purchases for one-time buyers, new customers, heavy and long-gone buyers', () => {
  close(bgNbdExpectedTransactions(cdnow, { x: 0, tx: 0, T: 38.86 }, 39), 0.195098052011263, 1e-12);
  close(bgNbdExpectedTransactions(cdnow, { x: 0, tx: 0, T: 0 }, 52), 1.4460505953964, 1e-12);
  close(bgNbdExpectedTransactions(cdnow, { x: 30, tx: 38, T: 39 }, 52), 24.9865952816055, 1e-12);
  close(bgNbdExpectedTransactions(cdnow, { x: 100, tx: 20, T: 39 }, 52), 9.60031891013298e-22, 1e-10);
  close(bgNbdExpectedTransactions(cdnow, { x: 1, tx: 0.5, T: 0.5 }, 1000), 16.104894537234, 1e-11);
  assert.is(bgNbdExpectedTransactions(cdnow, { x: 3, tx: 5, T: 9 }, 0), 0);
});

likelihood('a = 1 and a + b = 1 are removable singularities, evaluated at their limits', () => {
  close(bgNbdExpectedTransactions({ ...cdnow, a: 1 }, { x: 2, tx: 30, T: 38 }, 39), 1.12656132330895, 1e-8);
  close(bgNbdExpectedTransactions({ ...cdnow, b: 1 - cdnow.a }, { x: 0, tx: 0, T: 10 }, 20), 0.213505666747536, 1e-8);
});

likelihood('a > 1: a in the hundreds and heavy buyers, whose series pass the double range', () => {
  const near = { r: cdnow.r, alpha: cdnow.alpha, a: 500, b: 4500 };
  close(bgNbdExpectedTransactions(near, { x: 0, tx: 0, T: 0 }, 521.8125), 4.62507582707973, 1e-13);
  close(bgNbdExpectedTransactions(near, { x: 2, tx: 30.43, T: 38.86 }, 39), 1.49064376630174, 1e-13);
  close(bgNbdExpectedTransactions({ ...cdnow, a: 2, b: 5 }, { x: 300, tx: 38, T: 39 }, 52), 20.1836034243066, 1e-13);
  close(bgNbdExpectedTransactions({ ...cdnow, a: 3 }, { x: 2, tx: 30.43, T: 38.86 }, 39), 0.525766746825815, 1e-13);
  close(bgNbdExpectedTransactions({ ...cdnow, a: 1000, b: 2 }, { x: 3, tx: 10, T: 20 }, 100), 7.235939633922e-4, 1e-13);
});

likelihood('a customer without repeat purchases is alive for the model; a long silence lowers P(alive)', () => {
  assert.is(bgNbdProbabilityAlive(cdnow, { x: 0, tx: 0, T: 30 }), 1);
  const recent = bgNbdProbabilityAlive(cdnow, { x: 5, tx: 29, T: 30 });
  const silent = bgNbdProbabilityAlive(cdnow, { x: 5, tx: 5, T: 30 });
  assert.ok(recent > 0.8 && silent < 0.05, `recent ${recent}, silent ${silent}`);
});

likelihood('refuses impossible histories and parameters', () => {
  assert.throws(() => bgNbdLogLikelihood(cdnow, { x: 1.5, tx: 1, T: 2 }), /whole number/);
  assert.throws(() => bgNbdLogLikelihood(cdnow, { x: 2, tx: 3, T: 2 }), /\[0, T\]/);
  assert.throws(() => bgNbdLogLikelihood(cdnow, { x: 0, tx: 1, T: 2 }), /must be 0/);
  assert.throws(() => bgNbdLogLikelihood({ ...cdnow, a: 0 }, { x: 0, tx: 0, T: 2 }), /a must be positive/);
  assert.throws(() => bgNbdExpectedTransactions(cdnow, { x: 0, tx: 0, T: 2 }, -1), /horizon/);
  assert.throws(() => fitBgNbd([]), /at least one/);
});

likelihood.run();

// 10,000 customers observed 28 to 39 weeks, as in CDNOW's first-quarter cohort. Tolerances are
// about three standard deviations of the estimates across 20 seeds of this same design
// (relative s.d.: r 2.6%, α 4.6%, a 10.6%, b 13.5%).
const tolerance = { r: 0.08, alpha: 0.15, a: 0.3, b: 0.4 };
const observed = Array.from({ length: 10_000 }, (_, i) => 28 + (i % 12));
const customers = drawBgNbdCustomers(seededRandom(20240601), cdnow, observed, 39);
const fit = fitBgNbd(customers);
if (fit.model !== 'bg-nbd') throw new Error(`BG/NBD data fitted as ${fit.model}`);
const fitted = fit.parameters;

const recovery = suite('BG/NBD fit on customers drawn from known parameters');

recovery('recovers r, α, a and b within the stated tolerances', () => {
  assert.ok(fit.converged);
  assert.equal(
    fit.searches.map((search) => search.model),
    ['bg-nbd'],
    'the search ended inside, no limit to compare with',
  );
  for (const name of ['r', 'alpha', 'a', 'b'] as const) {
    const error = Math.abs(fitted[name] - cdnow[name]) / cdnow[name];
    assert.ok(error <= tolerance[name], `${name}: fitted ${fitted[name]}, true ${cdnow[name]}`);
  }
});

recovery('the log-likelihood at the fit is at least the one at the true parameters', () => {
  assert.ok(fit.logLikelihood >= bgNbdTotalLogLikelihood(cdnow, customers));
  close(bgNbdTotalLogLikelihood(fit.parameters, customers), fit.logLikelihood, 1e-12);
  const single = customers.reduce((sum, customer) => sum + bgNbdLogLikelihood(fit.parameters, customer), 0);
  close(single, fit.logLikelihood, 1e-10);
});

recovery('identical histories are grouped, and weights count them as often as they occur', () => {
  assert.ok(fit.groups < customers.length / 2, `${fit.groups} groups`);
  const some = customers.slice(0, 2000);
  const once = fitBgNbd(some);
  const twice = fitBgNbd([...some, ...some]);
  assert.is(twice.groups, once.groups);
  assert.is(twice.model, once.model);
  const doubled: Record<string, number> = { ...twice.parameters };
  for (const [name, value] of Object.entries(once.parameters)) close(doubled[name] ?? Number.NaN, value, 1e-4);
  close(twice.logLikelihood, 2 * once.logLikelihood, 1e-9);
});

recovery('predicted purchases of the next 39 weeks match what the same customers went on to do', () => {
  const predicted = customers.reduce(
    (sum, customer) => sum + bgNbdExpectedTransactions(fit.parameters, customer, 39),
    0,
  );
  const actual = customers.reduce((sum, customer) => sum + customer.futurePurchases, 0);
  close(predicted, actual, 0.1);
});

recovery.run();
