// BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): likelihood and its
// maximum-likelihood fit. The formulas are written out in README.md.
import { minimiseNelderMead, type NelderMeadOptions } from './nelder-mead.ts';
import {
  assertPurchaseHistory,
  type GroupedHistories,
  groupHistories,
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

export function assertBgNbdParameters(parameters: BgNbdParameters): void {
  for (const [name, value] of Object.entries(parameters))
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`BG/NBD ${name} must be positive, got ${value}`);
}

/** ln L(r, α, a, b | x, tₓ, T) of one customer. */
export function bgNbdLogLikelihood(parameters: BgNbdParameters, history: PurchaseHistory): number {
  assertBgNbdParameters(parameters);
  assertPurchaseHistory(history);
  const { r, alpha, a, b } = parameters;
  const { x, tx, T } = history;
  const lnA1 = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const lnA2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const lnA3 = -(r + x) * Math.log(alpha + T);
  const lnA4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : Number.NEGATIVE_INFINITY;
  return lnA1 + lnA2 + logAddExp(lnA3, lnA4);
}

/** Σ ln L over customers. */
export function bgNbdTotalLogLikelihood(parameters: BgNbdParameters, histories: readonly PurchaseHistory[]): number {
  assertBgNbdParameters(parameters);
  return -compileNegativeLogLikelihood(groupHistories(histories))(parameters) * histories.length;
}

export interface BgNbdFit {
  readonly parameters: BgNbdParameters;
  /** Σ ln L at the fitted parameters. */
  readonly logLikelihood: number;
  readonly customers: number;
  /** Distinct (x, tₓ, T) triples: the likelihood's cost is per group, not per customer. */
  readonly groups: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

export interface BgNbdFitOptions {
  /** Where the search starts; by default r = a = b = 1 and α = ΣT / Σx (mean rate r/α = observed). */
  readonly start?: BgNbdParameters;
  readonly optimiser?: NelderMeadOptions;
}

/** Log-parameters beyond ±this are treated as impossible, which keeps the simplex off degenerate edges. */
const LOG_PARAMETER_BOUND = 20;

/** Maximum-likelihood (r, α, a, b): Nelder–Mead on the log-parameters, over grouped histories. */
export function fitBgNbd(histories: readonly PurchaseHistory[], options?: BgNbdFitOptions): BgNbdFit {
  if (histories.length === 0) throw new RangeError('fitting BG/NBD needs at least one customer');
  const groups = groupHistories(histories);
  const meanNegativeLogLikelihood = compileNegativeLogLikelihood(groups);
  const start = options?.start ?? defaultStart(groups);
  assertBgNbdParameters(start);
  const fromLog = (theta: readonly number[]): BgNbdParameters => ({
    r: Math.exp(theta[0] as number),
    alpha: Math.exp(theta[1] as number),
    a: Math.exp(theta[2] as number),
    b: Math.exp(theta[3] as number),
  });
  const minimum = minimiseNelderMead(
    (theta) =>
      theta.every((value) => Math.abs(value) <= LOG_PARAMETER_BOUND)
        ? meanNegativeLogLikelihood(fromLog(theta))
        : Number.POSITIVE_INFINITY,
    [start.r, start.alpha, start.a, start.b].map(Math.log),
    options?.optimiser,
  );
  return {
    parameters: fromLog(minimum.point),
    logLikelihood: -minimum.value * histories.length,
    customers: histories.length,
    groups: groups.weight.length,
    evaluations: minimum.evaluations,
    converged: minimum.converged,
  };
}

function defaultStart(groups: GroupedHistories): BgNbdParameters {
  let purchases = 0;
  let time = 0;
  for (let g = 0; g < groups.weight.length; g++) {
    const weight = groups.weight[g] as number;
    purchases += weight * (groups.x[g] as number);
    time += weight * (groups.T[g] as number);
  }
  const alpha = purchases > 0 && time > 0 ? time / purchases : 1;
  return { r: 1, alpha, a: 1, b: 1 };
}

/**
 * The mean negative log-likelihood as a function of the parameters, specialised to one data set.
 * Terms that depend on x only (the Gamma functions) are computed once per distinct x, and
 * ln(α + T), ln(α + tₓ) once per distinct time, so a call costs about one exp and one log1p per
 * group of identical histories with x > 0 (and only a multiply-add for those with x = 0).
 */
function compileNegativeLogLikelihood(groups: GroupedHistories): (parameters: BgNbdParameters) => number {
  const levelsOf = (values: Float64Array) => {
    const levels = Float64Array.from(new Set(values));
    const position = new Map([...levels].map((value, i) => [value, i]));
    return { levels, indexOf: (value: number) => position.get(value) as number };
  };
  const xs = levelsOf(groups.x);
  const ts = levelsOf(groups.T);
  const txs = levelsOf(groups.tx);
  const withoutRepeat: number[] = [];
  const withRepeat: number[] = [];
  for (let g = 0; g < groups.weight.length; g++) (groups.x[g] === 0 ? withoutRepeat : withRepeat).push(g);
  // x = 0: ln L = r ln α − r ln(α + T), weighted per distinct T.
  const idleT = Int32Array.from(withoutRepeat, (g) => ts.indexOf(groups.T[g] as number));
  const idleWeight = Float64Array.from(withoutRepeat, (g) => groups.weight[g] as number);
  const idleCustomers = idleWeight.reduce((sum, weight) => sum + weight, 0);
  const x = Float64Array.from(withRepeat, (g) => groups.x[g] as number);
  const xLevel = Int32Array.from(withRepeat, (g) => xs.indexOf(groups.x[g] as number));
  const tLevel = Int32Array.from(withRepeat, (g) => ts.indexOf(groups.T[g] as number));
  const txLevel = Int32Array.from(withRepeat, (g) => txs.indexOf(groups.tx[g] as number));
  const weight = Float64Array.from(withRepeat, (g) => groups.weight[g] as number);
  const perX = new Float64Array(xs.levels.length);
  const dropOutX = new Float64Array(xs.levels.length);
  const logT = new Float64Array(ts.levels.length);
  const logTx = new Float64Array(txs.levels.length);
  const customers = groups.customers;
  return ({ r, alpha, a, b }) => {
    const shared = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
    for (let k = 0; k < perX.length; k++) {
      const level = xs.levels[k] as number;
      perX[k] = shared + logGamma(r + level) + logGamma(b + level) - logGamma(a + b + level);
      dropOutX[k] = level > 0 ? Math.log(a) - Math.log(b + level - 1) : 0;
    }
    for (let k = 0; k < logT.length; k++) logT[k] = Math.log(alpha + (ts.levels[k] as number));
    for (let k = 0; k < logTx.length; k++) logTx[k] = Math.log(alpha + (txs.levels[k] as number));
    // For x = 0, A1·A2 reduces to α^r.
    let total = idleCustomers * r * Math.log(alpha);
    for (let i = 0; i < idleT.length; i++)
      total -= (idleWeight[i] as number) * r * (logT[idleT[i] as number] as number);
    for (let i = 0; i < x.length; i++) {
      const k = xLevel[i] as number;
      const rx = r + (x[i] as number);
      const lnA3 = -rx * (logT[tLevel[i] as number] as number);
      const lnA4 = (dropOutX[k] as number) - rx * (logTx[txLevel[i] as number] as number);
      const logSum = Math.max(lnA3, lnA4) + Math.log1p(Math.exp(-Math.abs(lnA3 - lnA4)));
      total += (weight[i] as number) * ((perX[k] as number) + logSum);
    }
    return -total / customers;
  };
}
