// How long the maximum-likelihood fits take on 100,000 generated customers, on a day grid as
// toCustomerHistory produces it (times in weeks counted in whole days).
//   npx tsx packages/customer-value/bench/fit.bench.ts [customers]
import { stdout } from 'node:process';
import { fitBgNbd } from '../src/bg-nbd.fit.ts';
import { fitGammaGamma } from '../src/gamma-gamma.ts';
import { drawBgNbdCustomers, drawGammaGammaCustomers, seededRandom } from '../src/synthetic-customers.ts';

const count = Number(process.argv[2] ?? 100_000);
const random = seededRandom(7);
const days = Array.from({ length: count }, (_, i) => 400 + (i % 330));
const perDay = { r: 0.243, alpha: 4.414 * 7, a: 0.793, b: 2.426 };
const histories = drawBgNbdCustomers(random, perDay, days).map(({ x, tx, T }) => ({
  x,
  tx: Math.floor(tx) / 7,
  T: T / 7,
}));
const repeat = histories.filter((history) => history.x > 0).map((history) => history.x);
const spends = drawGammaGammaCustomers(random, { p: 6.25, q: 3.74, v: 15.44 }, repeat);

const time = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
};
const [bgNbd, bgNbdMs] = time(() => fitBgNbd(histories));
const [gammaGamma, gammaGammaMs] = time(() => fitGammaGamma(spends));
const show = (parameters: object) =>
  Object.entries(parameters)
    .map(([name, value]) => `${name}=${(value as number).toFixed(3)}`)
    .join(' ');
stdout.write(
  `BG/NBD       ${count} customers, ${bgNbd.groups} groups, ${bgNbd.evaluations} evaluations: ${bgNbdMs.toFixed(0)} ms (${bgNbd.model} ${show(bgNbd.parameters)})\n` +
    `Gamma–Gamma  ${spends.length} customers, ${gammaGamma.evaluations} evaluations: ${gammaGammaMs.toFixed(0)} ms (${show(gammaGamma.parameters)})\n`,
);
