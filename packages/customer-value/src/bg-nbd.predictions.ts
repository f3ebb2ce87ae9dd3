// What a fitted BG/NBD (or its limit a, b → ∞) says about one customer: probability of still
// being active, and expected purchases in a coming period given the history (Fader, Hardie & Lee
// 2005, eq. 10 and 11; the limits in README.md).
import {
  assertPurchaseModelParameters,
  type BgNbdParameters,
  isFixedDropout,
  type PurchaseModelParameters,
} from './bg-nbd.likelihood.ts';
import type { FixedDropoutParameters } from './fixed-dropout.likelihood.ts';
import { assertPurchaseHistory, type PurchaseHistory } from './purchase-history.ts';
import { hypergeometric2F1, logHypergeometric2F1Positive } from './special-functions.ts';

/**
 * P(alive | x, tₓ, T) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)); in the limit a/(b+x−1)
 * becomes q/(1−q), and with q = 0 (NBD) every customer is alive.
 */
export function bgNbdProbabilityAlive(parameters: PurchaseModelParameters, history: PurchaseHistory): number {
  assertPurchaseModelParameters(parameters);
  assertPurchaseHistory(history);
  return 1 / (1 + deadToAliveOdds(parameters, history));
}

function deadToAliveOdds(parameters: PurchaseModelParameters, { x, tx, T }: PurchaseHistory): number {
  const { r, alpha } = parameters;
  if (x === 0) return 0;
  const logOdds = isFixedDropout(parameters)
    ? Math.log(parameters.dropout) - Math.log1p(-parameters.dropout)
    : Math.log(parameters.a) - Math.log(parameters.b + x - 1);
  // q = 0: ln 0 = −∞ and exp(−∞) = 0.
  return Math.exp(logOdds + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
}

/**
 * E[Y(t) | x, tₓ, T]: expected purchases in the next t time units. For a customer not yet seen
 * (x = tₓ = T = 0) this is the unconditional E[X(t)].
 */
export function bgNbdExpectedTransactions(
  parameters: PurchaseModelParameters,
  history: PurchaseHistory,
  t: number,
): number {
  assertPurchaseModelParameters(parameters);
  assertPurchaseHistory(history);
  if (!(Number.isFinite(t) && t >= 0)) throw new RangeError(`the horizon t must be a finite time >= 0, got ${t}`);
  if (t === 0) return 0;
  if (isFixedDropout(parameters)) return limitExpectation(parameters, history, t);
  // a = 1 (and a + b + x = 1) are removable singularities of the closed form: evaluate just
  // either side and average, which is exact to O(δ²) because the expectation is smooth there.
  const { a, b } = parameters;
  if (Math.abs(a - 1) < SINGULAR_DISTANCE)
    return nudged((da) => conditionalExpectation({ ...parameters, a: 1 + da }, history, t));
  if (history.x === 0 && Math.abs(a + b - 1) < SINGULAR_DISTANCE)
    return nudged((db) => conditionalExpectation({ ...parameters, b: 1 - a + db }, history, t));
  return conditionalExpectation(parameters, history, t);
}

const SINGULAR_DISTANCE = 1e-6;
const nudged = (evaluate: (offset: number) => number) =>
  (evaluate(SINGULAR_DISTANCE) + evaluate(-SINGULAR_DISTANCE)) / 2;

/**
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)] / (1 + odds of drop-out),
 * z = t/(α+T+t).
 */
function conditionalExpectation(parameters: BgNbdParameters, history: PurchaseHistory, t: number): number {
  const { a, b } = parameters;
  const c = a + b + history.x - 1;
  const growth = 1 - remainingShare(parameters, history, t);
  return ((c / (a - 1)) * growth) / (1 + deadToAliveOdds(parameters, history));
}

/**
 * (1−z)^(r+x) ₂F₁(r+x, b+x; c; z), c = a+b+x−1. Euler's transformation gives the same value as
 * (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; c; z), whose parameters do not grow with x. The terms of either
 * series grow for about k·z/(1−z) terms, k = r + x for the first and a − 1 for the second, and can
 * pass the double range (heavy buyers; a in the hundreds, as fits near the limit a, b → ∞ give), so
 * for a > 1, where both have positive terms, the one with the smaller k is summed in logs. For
 * a < 1, a − 1 < 0 keeps Euler's series short and bounded: summed directly, as before.
 */
function remainingShare({ r, alpha, a, b }: BgNbdParameters, { x, T }: PurchaseHistory, t: number): number {
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const logOneMinusZ = Math.log(alpha + T) - Math.log(alpha + T + t);
  if (a > 1) {
    if (r + x < a - 1 || !(a + b - 1 - r > 0))
      return Math.exp((r + x) * logOneMinusZ + logHypergeometric2F1Positive(r + x, b + x, c, z));
    return Math.exp((a - 1) * logOneMinusZ + logHypergeometric2F1Positive(a - 1, a + b - 1 - r, c, z));
  }
  return Math.exp((a - 1) * logOneMinusZ) * hypergeometric2F1(a + b - 1 - r, a - 1, c, z);
}

/**
 * The limit a, b → ∞, a/(a+b) → q of the above: (a+b+x−1)/(a−1) → 1/q and ₂F₁(r+x, b+x; c; z) →
 * (1 − (1−q)z)^−(r+x), so E[Y(t)] = (1/q) · [1 − ((α+T)/(α+T+qt))^(r+x)] / (1 + odds of drop-out);
 * at q = 0 (NBD) the bracket over q becomes (r+x) t/(α+T), the rate's posterior mean times t.
 */
function limitExpectation(parameters: FixedDropoutParameters, history: PurchaseHistory, t: number): number {
  const { r, alpha, dropout } = parameters;
  const { x, T } = history;
  const growth =
    dropout > 0
      ? -Math.expm1(-(r + x) * Math.log1p((dropout * t) / (alpha + T))) / dropout
      : ((r + x) * t) / (alpha + T);
  return growth / (1 + deadToAliveOdds(parameters, history));
}
