import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  fitGammaGamma,
  gammaGammaExpectedAverageValue,
  gammaGammaLogLikelihood,
  type RepeatSpend,
} from './gamma-gamma.ts';
import { drawGammaGammaCustomers, seededRandom } from './synthetic-customers.ts';

// The CDNOW estimates of Fader, Hardie & Lee (2005, "RFM and CLV"), in dollars.
const cdnow = { p: 6.25, q: 3.74, v: 15.44 };
const close = (actual: number, expected: number, relative: number) =>
  assert.ok(
    Math.abs(actual - expected) <= relative * Math.abs(expected),
    `${actual} is not within ${relative} (relative) of ${expected}`,
  );
const total = (spends: readonly RepeatSpend[], parameters: typeof cdnow) =>
  spends.reduce((sum, spend) => sum + gammaGammaLogLikelihood(parameters, spend), 0);

const model = suite('Gamma–Gamma likelihood and expected spend');

model('log-likelihood of one customer against a 30-digit reference (mpmath)', () => {
  close(gammaGammaLogLikelihood(cdnow, { x: 3, meanValue: 25.5 }), -3.61219804832069, 1e-13);
});

model('expected spend: the population mean p v / (q − 1) without history, shrunk toward it with', () => {
  close(gammaGammaExpectedAverageValue(cdnow, { x: 0, meanValue: 0 }), 35.2189781021898, 1e-14);
  close(gammaGammaExpectedAverageValue(cdnow, { x: 3, meanValue: 25.5 }), 26.7391810144253, 1e-14);
  const few = gammaGammaExpectedAverageValue(cdnow, { x: 1, meanValue: 100 });
  const many = gammaGammaExpectedAverageValue(cdnow, { x: 20, meanValue: 100 });
  assert.ok(35.22 < few && few < many && many < 100, `few ${few}, many ${many}`);
});

model('refuses customers without repeat purchases in the fit, and q <= 1 for the expectation', () => {
  assert.throws(() => gammaGammaLogLikelihood(cdnow, { x: 0, meanValue: 10 }), /x >= 1/);
  assert.throws(() => fitGammaGamma([{ x: 2, meanValue: 0 }]), /positive mean/);
  assert.throws(() => fitGammaGamma([]), /at least one/);
  assert.throws(() => gammaGammaExpectedAverageValue({ ...cdnow, q: 0.9 }, { x: 1, meanValue: 10 }), /q > 1/);
});

model.run();

// 10,000 customers with 1 to 7 repeat purchases. Tolerances are about three standard deviations
// of the estimates across 20 seeds of this design (relative s.d.: p 8.5%, q 1.8%, v 10%; p and v
// trade off against each other, the population mean p v / (q − 1) is much tighter).
const tolerance = { p: 0.25, q: 0.06, v: 0.3 };
const spends = drawGammaGammaCustomers(
  seededRandom(20240602),
  cdnow,
  Array.from({ length: 10_000 }, (_, i) => 1 + (i % 7)),
);
const fit = fitGammaGamma(spends);

const recovery = suite('Gamma–Gamma fit on customers drawn from known parameters');

recovery('recovers p, q and v within the stated tolerances', () => {
  assert.ok(fit.converged);
  for (const name of ['p', 'q', 'v'] as const) {
    const error = Math.abs(fit.parameters[name] - cdnow[name]) / cdnow[name];
    assert.ok(error <= tolerance[name], `${name}: fitted ${fit.parameters[name]}, true ${cdnow[name]}`);
  }
  const populationMean = ({ p, q, v }: typeof cdnow) => (p * v) / (q - 1);
  close(populationMean(fit.parameters), populationMean(cdnow), 0.05);
});

recovery('the log-likelihood at the fit is at least the one at the true parameters', () => {
  assert.ok(fit.logLikelihood >= total(spends, cdnow));
  close(total(spends, fit.parameters), fit.logLikelihood, 1e-10);
});

recovery.run();
