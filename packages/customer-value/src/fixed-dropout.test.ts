import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fitBgNbd } from './bg-nbd.fit.ts';
import { bgNbdLogLikelihood, bgNbdTotalLogLikelihood } from './bg-nbd.likelihood.ts';
import { bgNbdExpectedTransactions, bgNbdProbabilityAlive } from './bg-nbd.predictions.ts';
import type { PurchaseHistory } from './purchase-history.ts';
import { drawBgNbdCustomers, seededRandom } from './synthetic-customers.ts';

const close = (actual: number, expected: number, relative: number) =>
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.abs(expected),
    `${actual} is not within ${relative} (relative) of ${expected}`,
  );
const limit = { r: 0.243, alpha: 4.414, dropout: 0.2 };
const nbd = { ...limit, dropout: 0 };
const regular = { x: 2, tx: 30.43, T: 38.86 };

const formulas = suite('BG/NBD as a, b → ∞: likelihood and predictions against 30-digit references (mpmath)');

// The references are BG/NBD's own formulas (₂F₁ included) at a = 0.2·10³⁰, b = 0.8·10³⁰, so
// they check the limit's derivation, not only its coding.
formulas('one drop-out probability q for all: ln L, P(alive) and E[Y(39)]', () => {
  const references: [PurchaseHistory, number, number, number][] = [
    [regular, -9.39220357305258, 0.71101140063612, 1.10367209575249],
    [{ x: 0, tx: 0, T: 38.86 }, -0.554713276438158, 1, 0.197353667611228],
    [{ x: 30, tx: 38, T: 39 }, -49.2014985610138, 0.664079515883655, 3.29795949279525],
    [{ x: 5, tx: 5, T: 30 }, -11.6601748913901, 0.004451619602348, 0.0146316554299017],
  ];
  for (const [history, logLikelihood, alive, expected] of references) {
    close(bgNbdLogLikelihood(limit, history), logLikelihood, 1e-13);
    close(bgNbdProbabilityAlive(limit, history), alive, 1e-13);
    close(bgNbdExpectedTransactions(limit, history, 39), expected, 1e-13);
  }
  close(bgNbdExpectedTransactions(limit, { x: 0, tx: 0, T: 0 }, 52), 1.27444583796834, 1e-13);
});

formulas('q = 0 is the NBD: nobody drops out, purchases go on at the posterior mean rate', () => {
  close(bgNbdLogLikelihood(nbd, regular), -9.28698328508165, 1e-13);
  close(bgNbdExpectedTransactions(nbd, { x: 30, tx: 38, T: 39 }, 39), 27.1681254894734, 1e-13);
  assert.is(bgNbdProbabilityAlive(nbd, { x: 5, tx: 5, T: 30 }), 1);
  close(bgNbdExpectedTransactions({ ...limit, dropout: 1e-12 }, regular, 39), (2.243 * 39) / (4.414 + 38.86), 1e-11);
});

formulas('BG/NBD approaches its limit as a + b grows with a/(a+b) = q held', () => {
  for (const scale of [1e3, 1e5, 1e7]) {
    const bgNbd = { r: limit.r, alpha: limit.alpha, a: 0.2 * scale, b: 0.8 * scale };
    close(bgNbdExpectedTransactions(bgNbd, regular, 39), 1.10367209575249, 2 / scale);
    close(bgNbdLogLikelihood(bgNbd, regular), -9.39220357305258, 0.1 / scale);
  }
});

formulas('refuses a drop-out probability outside [0, 1)', () => {
  assert.throws(() => bgNbdLogLikelihood({ ...limit, dropout: 1 }, regular), /\[0, 1\)/);
  assert.throws(() => bgNbdExpectedTransactions({ ...limit, dropout: -0.1 }, regular, 1), /\[0, 1\)/);
  assert.throws(() => bgNbdProbabilityAlive({ ...limit, r: 0 }, regular), /r must be positive/);
});

formulas.run();

// Customers of the same design as the BG/NBD recovery test (bg-nbd.test.ts), drawn without the
// Beta: r and α of CDNOW, and nobody drops out (q = 0), or everybody with q = 0.1. Tolerances
// are about three standard deviations across 20 seeds (relative s.d.: r 2.7%, α 3.3%, q 5.6%).
// With data from the limit the likelihood's maximum lies in the limit for most seeds (no drop-out:
// 17 of 20; q = 0.1: 12 of 20), otherwise inside at a BG/NBD close to it (a/(a+b) < 0.003,
// resp. a + b of 50 to 600): this seed is one of the former.
const observed = Array.from({ length: 10_000 }, (_, i) => 28 + (i % 12));
const seed = 20240601;

const fits = suite('fitting customers who show no sign of a spread of drop-out probabilities');

fits('no drop-out: the search runs to the boundary, the NBD is fitted and recovers r and α', () => {
  const customers = drawBgNbdCustomers(seededRandom(seed), nbd, observed, 39);
  const fit = fitBgNbd(customers);
  assert.is(fit.model, 'nbd');
  assert.ok(fit.converged);
  const [bgNbd] = fit.searches;
  const ran = bgNbd?.parameters as { a: number; b: number };
  assert.ok(ran.a < 1e-5 || ran.a + ran.b > 1e5, `the BG/NBD search stopped at a = ${ran.a}, b = ${ran.b}`);
  assert.ok(fit.logLikelihood >= (bgNbd?.logLikelihood ?? 0) - 1e-6 * customers.length);
  close(fit.logLikelihood, bgNbdTotalLogLikelihood(fit.parameters, customers), 1e-12);
  close(fit.parameters.r, nbd.r, 0.08);
  close(fit.parameters.alpha, nbd.alpha, 0.1);
  assert.ok(customers.every((customer) => bgNbdProbabilityAlive(fit.parameters, customer) === 1));
  const predicted = customers.reduce(
    (sum, customer) => sum + bgNbdExpectedTransactions(fit.parameters, customer, 39),
    0,
  );
  const actual = customers.reduce((sum, customer) => sum + customer.futurePurchases, 0);
  close(predicted, actual, 0.05);
});

fits('one drop-out probability for all: the limit with q free is fitted and recovers q', () => {
  const truth = { ...limit, dropout: 0.1 };
  const customers = drawBgNbdCustomers(seededRandom(seed), truth, observed, 39);
  const fit = fitBgNbd(customers);
  if (fit.model !== 'fixed-dropout') throw new Error(`fitted as ${fit.model}`);
  close(fit.parameters.dropout, 0.1, 0.17);
  close(fit.parameters.r, truth.r, 0.08);
  close(fit.parameters.alpha, truth.alpha, 0.12);
  const nbdSearch = fit.searches.find((search) => search.model === 'nbd');
  assert.ok(fit.logLikelihood > (nbdSearch?.logLikelihood ?? 0) + 100, 'drop-out is plain in these data');
  const predicted = customers.reduce(
    (sum, customer) => sum + bgNbdExpectedTransactions(fit.parameters, customer, 39),
    0,
  );
  const actual = customers.reduce((sum, customer) => sum + customer.futurePurchases, 0);
  close(predicted, actual, 0.1);
});

fits('nobody has been silent since their last purchase: the NBD, by construction', () => {
  // With tₓ = T every factor of q and of a lowers the likelihood: its maximum is q = 0.
  const customers = Array.from({ length: 40 }, (_, i) => {
    const T = 20 + (i % 10);
    return i % 4 === 0 ? { x: 0, tx: 0, T } : { x: 1 + (i % 5), tx: T, T };
  });
  const fit = fitBgNbd(customers);
  assert.is(fit.model, 'nbd');
  assert.equal(
    fit.searches.map((search) => search.model),
    ['bg-nbd', 'fixed-dropout', 'nbd'],
  );
});

fits.run();
