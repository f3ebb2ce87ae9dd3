// BG/NBD's limit a, b → ∞ with a/(a+b) → q: the Beta of the drop-out probability collapses onto
// q, so every customer drops out with the same probability q after each repeat purchase; q = 0 is
// the NBD (Poisson–Gamma, nobody drops out). The formulas are written out in README.md.
import { assertPurchaseHistory, type HistoryLevels, type PurchaseHistory } from './purchase-history.ts';
import { logAddExp, logGamma } from './special-functions.ts';

export interface FixedDropoutParameters {
  /** Shape of the Gamma heterogeneity of purchase rates λ. */
  readonly r: number;
  /** Rate (inverse scale) of that Gamma, in model time units. */
  readonly alpha: number;
  /** q: the drop-out probability after each repeat purchase, the same for every customer; 0: nobody drops out. */
  readonly dropout: number;
}

export function assertFixedDropoutParameters({ r, alpha, dropout }: FixedDropoutParameters): void {
  for (const [name, value] of Object.entries({ r, alpha }))
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`NBD ${name} must be positive, got ${value}`);
  if (!(dropout >= 0 && dropout < 1))
    throw new RangeError(`the drop-out probability must lie in [0, 1), got ${dropout}`);
}

/** ln L(r, α, q | x, tₓ, T) = ln Γ(r+x) − ln Γ(r) + r ln α + x ln(1−q) + ln(A₃ + δ(x>0) · q/(1−q) · (α+tₓ)^−(r+x)). */
export function fixedDropoutLogLikelihood(parameters: FixedDropoutParameters, history: PurchaseHistory): number {
  assertFixedDropoutParameters(parameters);
  assertPurchaseHistory(history);
  const { r, alpha, dropout } = parameters;
  const { x, tx, T } = history;
  const lnA1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + x * Math.log1p(-dropout);
  const lnA3 = -(r + x) * Math.log(alpha + T);
  const lnA4 = x > 0 ? logOdds(dropout) - (r + x) * Math.log(alpha + tx) : Number.NEGATIVE_INFINITY;
  return lnA1 + logAddExp(lnA3, lnA4);
}

/** ln(q / (1 − q)); −∞ at q = 0, where the drop-out term vanishes. */
const logOdds = (dropout: number) =>
  dropout > 0 ? Math.log(dropout) - Math.log1p(-dropout) : Number.NEGATIVE_INFINITY;

/**
 * The mean negative log-likelihood as a function of the parameters, specialised to one data set
 * in the layout of `levelsOfHistories` (the same costs as BG/NBD's).
 */
export function compileFixedDropoutNegativeLogLikelihood(
  levels: HistoryLevels,
): (parameters: FixedDropoutParameters) => number {
  const { xLevels, tLevels, txLevels, idle, repeat } = levels;
  const perX = new Float64Array(xLevels.length);
  const logT = new Float64Array(tLevels.length);
  const logTx = new Float64Array(txLevels.length);
  return ({ r, alpha, dropout }) => {
    const shared = -logGamma(r) + r * Math.log(alpha);
    const logStay = Math.log1p(-dropout);
    const dropOut = logOdds(dropout);
    for (let k = 0; k < perX.length; k++) {
      const level = xLevels[k] as number;
      perX[k] = shared + logGamma(r + level) + level * logStay;
    }
    for (let k = 0; k < logT.length; k++) logT[k] = Math.log(alpha + (tLevels[k] as number));
    for (let k = 0; k < logTx.length; k++) logTx[k] = Math.log(alpha + (txLevels[k] as number));
    let total = idle.customers * r * Math.log(alpha);
    for (let i = 0; i < idle.tLevel.length; i++)
      total -= (idle.weight[i] as number) * r * (logT[idle.tLevel[i] as number] as number);
    for (let i = 0; i < repeat.x.length; i++) {
      const rx = r + (repeat.x[i] as number);
      const lnA3 = -rx * (logT[repeat.tLevel[i] as number] as number);
      // q = 0: lnA4 = −∞, exp(−∞) = 0 and the sum is lnA3, the NBD's.
      const lnA4 = dropOut - rx * (logTx[repeat.txLevel[i] as number] as number);
      const logSum = Math.max(lnA3, lnA4) + Math.log1p(Math.exp(-Math.abs(lnA3 - lnA4)));
      total += (repeat.weight[i] as number) * ((perX[repeat.xLevel[i] as number] as number) + logSum);
    }
    return -total / levels.customers;
  };
}
