// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): likelihood and its
// limits (`fixed-dropout.likelihood.ts`), one parameter type for both. The formulas are written
// out in README.md.
import {
  assertFixedDropoutParameters,
  compileFixedDropoutNegativeLogLikelihood,
  type FixedDropoutParameters,
  fixedDropoutLogLikelihood,
} from './fixed-dropout.likelihood.ts';
import {
  assertPurchaseHistory,
  groupHistories,
  type HistoryLevels,
  levelsOfHistories,
  type PurchaseHistory,
} from './purchase-history.ts';
import { logAddExp, logGamma } from './special-functions.ts';

export interface BgNbdParameters {
  /** Shape of the Gamma heterogeneity of purchase rates λ. */
  readonly r: number;
  /** Rate (inverse scale) of that Gamma, in model time units. */
  readonly alpha: number;
  /** Beta heterogeneity of the drop-out probability p. */
  readonly a: number;
  readonly b: number;
}

/**
 * The parameters of a purchase model of this family: BG/NBD's (r, α, a, b), or those of its limit
 * a, b → ∞ (r, α, q), `'dropout' in parameters` telling them apart.
 */
export type PurchaseModelParameters = BgNbdParameters | FixedDropoutParameters;

/** `bg-nbd`: drop-out probability p ~ Beta(a, b); `fixed-dropout`: p = q for all; `nbd`: q = 0, nobody drops out. */
export type PurchaseModel = 'bg-nbd' | 'fixed-dropout' | 'nbd';

export const isFixedDropout = (parameters: PurchaseModelParameters): parameters is FixedDropoutParameters =>
  'dropout' in parameters;

export function assertPurchaseModelParameters(parameters: PurchaseModelParameters): void {
  if (isFixedDropout(parameters)) assertFixedDropoutParameters(parameters);
  else assertBgNbdParameters(parameters);
}

export function assertBgNbdParameters(parameters: BgNbdParameters): void {
  for (const [name, value] of Object.entries(parameters))
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`BG/NBD ${name} must be positive, got ${value}`);
}

/** ln L of one customer: BG/NBD's (r, α, a, b), or of its limit (r, α, q). */
export function bgNbdLogLikelihood(parameters: PurchaseModelParameters, history: PurchaseHistory): number {
  if (isFixedDropout(parameters)) return fixedDropoutLogLikelihood(parameters, history);
  assertBgNbdParameters(parameters);
  assertPurchaseHistory(history);
  const { r, alpha, a, b } = parameters;
  const { x, tx, T } = history;
  const lnA1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const lnA2 = logBetaRatio(a, b, 0, x);
  const lnA3 = -(r + x) * Math.log(alpha + T);
  const lnA4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : Number.NEGATIVE_INFINITY;
  return lnA1 + lnA2 + logAddExp(lnA3, lnA4);
}

/** Σ ln L over customers. */
export function bgNbdTotalLogLikelihood(
  parameters: PurchaseModelParameters,
  histories: readonly PurchaseHistory[],
): number {
  assertPurchaseModelParameters(parameters);
  const levels = levelsOfHistories(groupHistories(histories));
  const meanNegative = isFixedDropout(parameters)
    ? compileFixedDropoutNegativeLogLikelihood(levels)(parameters)
    : compileBgNbdNegativeLogLikelihood(levels)(parameters);
  return -meanNegative * histories.length;
}

/** Gaps of x summed term by term up to this length; longer ones through ln Γ. */
const PRODUCT_TERMS = 1024;

/**
 * ln A₂(x) − ln A₂(from) = ln[B(a, b + x) / B(a, b + from)] = −Σ_{j=from}^{x−1} ln(1 + a/(b + j)) for
 * whole x ≥ from. As a sum it keeps full precision where a and b are large (the likelihood then
 * turns flat toward the limit and the optimiser must see it flat), whereas the four ln Γ of
 * Γ(a+b)Γ(b+x)/(Γ(b)Γ(a+b+x)) are each about (a+b) ln(a+b) and cancel to a small difference:
 * at a + b ≈ 10⁶ the rounding alone (~10⁻⁹) outweighs what the search still compares.
 */
export function logBetaRatio(a: number, b: number, from: number, x: number): number {
  if (x - from > PRODUCT_TERMS)
    return logGamma(b + x) - logGamma(b + from) - (logGamma(a + b + x) - logGamma(a + b + from));
  let sum = 0;
  for (let j = from; j < x; j++) sum -= Math.log1p(a / (b + j));
  return sum;
}

/**
 * The mean negative log-likelihood as a function of the parameters, specialised to one data set.
 * Terms that depend on x only (the Gamma functions) are computed once per distinct x, and
 * ln(α + T), ln(α + tₓ) once per distinct time, so a call costs about one exp and one log1p per
 * group of identical histories with x > 0 (and only a multiply-add for those with x = 0).
 */
export function compileBgNbdNegativeLogLikelihood(levels: HistoryLevels): (parameters: BgNbdParameters) => number {
  const { xLevels, tLevels, txLevels, idle, repeat } = levels;
  const perX = new Float64Array(xLevels.length);
  const dropOutX = new Float64Array(xLevels.length);
  const logT = new Float64Array(tLevels.length);
  const logTx = new Float64Array(txLevels.length);
  return ({ r, alpha, a, b }) => {
    const shared = -logGamma(r) + r * Math.log(alpha);
    // ln A₂ accumulated along the ascending x levels.
    let lnA2 = 0;
    let previous = 0;
    for (let k = 0; k < perX.length; k++) {
      const level = xLevels[k] as number;
      lnA2 += logBetaRatio(a, b, previous, level);
      previous = level;
      perX[k] = shared + logGamma(r + level) + lnA2;
      dropOutX[k] = level > 0 ? Math.log(a) - Math.log(b + level - 1) : 0;
    }
    for (let k = 0; k < logT.length; k++) logT[k] = Math.log(alpha + (tLevels[k] as number));
    for (let k = 0; k < logTx.length; k++) logTx[k] = Math.log(alpha + (txLevels[k] as number));
    // For x = 0, A1·A2 reduces to α^r.
    let total = idle.customers * r * Math.log(alpha);
    for (let i = 0; i < idle.tLevel.length; i++)
      total -= (idle.weight[i] as number) * r * (logT[idle.tLevel[i] as number] as number);
    for (let i = 0; i < repeat.x.length; i++) {
      const k = repeat.xLevel[i] as number;
      const rx = r + (repeat.x[i] as number);
      const lnA3 = -rx * (logT[repeat.tLevel[i] as number] as number);
      const lnA4 = (dropOutX[k] as number) - rx * (logTx[repeat.txLevel[i] as number] as number);
      const logSum = Math.max(lnA3, lnA4) + Math.log1p(Math.exp(-Math.abs(lnA3 - lnA4)));
      total += (repeat.weight[i] as number) * ((perX[k] as number) + logSum);
    }
    return -total / levels.customers;
  };
}
