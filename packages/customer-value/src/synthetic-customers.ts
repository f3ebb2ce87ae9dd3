// Customers drawn from the models' own generative processes, with a seeded generator, so tests
// and the benchmark can check that fits recover known parameters. Not exported from the package.
import { isFixedDropout, type PurchaseModelParameters } from './bg-nbd.likelihood.ts';
import type { GammaGammaParameters, RepeatSpend } from './gamma-gamma.ts';
import type { PurchaseHistory } from './purchase-history.ts';

/** A uniform generator on [0, 1): SplitMix32-style mixing of a Weyl sequence, 53-bit doubles. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  const next32 = () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

/** Gamma(shape, rate) by Marsaglia & Tsang (2000); shape < 1 through Gamma(shape + 1) · U^(1/shape). */
export function drawGamma(random: () => number, shape: number, rate: number): number {
  if (shape < 1) return drawGamma(random, shape + 1, rate) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let normal: number;
    let v: number;
    do {
      normal = drawNormal(random);
      v = 1 + c * normal;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

function drawNormal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function drawBeta(random: () => number, a: number, b: number): number {
  const x = drawGamma(random, a, 1);
  return x / (x + drawGamma(random, b, 1));
}

const drawExponential = (random: () => number, rate: number) => -Math.log(1 - random()) / rate;

export interface SyntheticHistory extends PurchaseHistory {
  /** Purchases the same process makes in (T, T + horizon]: what a prediction should match. */
  readonly futurePurchases: number;
}

/**
 * The BG/NBD story: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at exponential gaps of rate λ
 * from a first purchase at 0; after each repeat purchase the customer leaves for good with
 * probability p (the same p = q for all in the limit, none at q = 0: the NBD). Observed over
 * (0, T]; the purchases of (T, T + horizon] are counted apart.
 */
export function drawBgNbdCustomers(
  random: () => number,
  parameters: PurchaseModelParameters,
  observationLengths: readonly number[],
  horizon = 0,
): SyntheticHistory[] {
  return observationLengths.map((T) => {
    const rate = drawGamma(random, parameters.r, parameters.alpha);
    const dropOut = isFixedDropout(parameters) ? parameters.dropout : drawBeta(random, parameters.a, parameters.b);
    let x = 0;
    let tx = 0;
    let futurePurchases = 0;
    let at = drawExponential(random, rate);
    while (at <= T + horizon) {
      if (at <= T) {
        x++;
        tx = at;
      } else futurePurchases++;
      if (random() < dropOut) break;
      at += drawExponential(random, rate);
    }
    return { x, tx, T, futurePurchases };
  });
}

/** The Gamma–Gamma story: ν ~ Gamma(q, v) per customer, each of x purchases ~ Gamma(p, ν). */
export function drawGammaGammaCustomers(
  random: () => number,
  parameters: GammaGammaParameters,
  repeatPurchases: readonly number[],
): RepeatSpend[] {
  return repeatPurchases.map((x) => {
    const nu = drawGamma(random, parameters.q, parameters.v);
    let total = 0;
    for (let i = 0; i < x; i++) total += drawGamma(random, parameters.p, nu);
    return { x, meanValue: total / x };
  });
}
