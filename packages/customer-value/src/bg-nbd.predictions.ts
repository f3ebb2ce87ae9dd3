// What a fitted BG/NBD says about one customer: probability of still being active, and expected
// purchases in a coming period given the history (Fader, Hardie & Lee 2005, eq. 10 and 11).
import { assertBgNbdParameters, type BgNbdParameters } from './bg-nbd.likelihood.ts';
import { assertPurchaseHistory, type PurchaseHistory } from './purchase-history.ts';
import { hypergeometric2F1 } from './special-functions.ts';

/** P(alive | x, tₓ, T) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)). */
export function bgNbdProbabilityAlive(parameters: BgNbdParameters, history: PurchaseHistory): number {
  assertBgNbdParameters(parameters);
  assertPurchaseHistory(history);
  return 1 / (1 + deadToAliveOdds(parameters, history));
}

function deadToAliveOdds({ r, alpha, a, b }: BgNbdParameters, { x, tx, T }: PurchaseHistory): number {
  if (x === 0) return 0;
  return Math.exp(Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx)));
}

/**
 * E[Y(t) | x, tₓ, T]: expected purchases in the next t time units. For a customer not yet seen
 * (x = tₓ = T = 0) this is the unconditional E[X(t)].
 */
export function bgNbdExpectedTransactions(parameters: BgNbdParameters, history: PurchaseHistory, t: number): number {
  assertBgNbdParameters(parameters);
  assertPurchaseHistory(history);
  if (!(Number.isFinite(t) && t >= 0)) throw new RangeError(`the horizon t must be a finite time >= 0, got ${t}`);
  if (t === 0) return 0;
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
 * z = t/(α+T+t). The ₂F₁ is taken after Euler's transformation,
 * (1−z)^(r+x) ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; c; z), c = a+b+x−1,
 * whose parameters do not grow with x: the series stays short and its terms never overflow.
 */
function conditionalExpectation(parameters: BgNbdParameters, history: PurchaseHistory, t: number): number {
  const { r, alpha, a, b } = parameters;
  const { x, T } = history;
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const logOneMinusZ = Math.log(alpha + T) - Math.log(alpha + T + t);
  const hypergeometric = hypergeometric2F1(a + b - 1 - r, a - 1, c, z);
  const growth = 1 - Math.exp((a - 1) * logOneMinusZ) * hypergeometric;
  return ((c / (a - 1)) * growth) / (1 + deadToAliveOdds(parameters, history));
}
