// Gamma–Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader &
// Hardie 2013, "The Gamma-Gamma model of monetary value"). Each purchase of a customer is
// Gamma(p, ν); ν varies across customers as Gamma(q, v). Only the mean value of the x repeat
// purchases, mₓ, is needed. Formulas in README.md.
import { minimiseNelderMead, type NelderMeadOptions } from './nelder-mead.ts';
import { logGamma } from './special-functions.ts';

export interface GammaGammaParameters {
  /** Shape of the spend of one purchase. */
  readonly p: number;
  /** Shape of the Gamma heterogeneity of ν across customers. */
  readonly q: number;
  /** Rate of that Gamma (γ in the papers); in money units. */
  readonly v: number;
}

/** A customer with repeat purchases: x >= 1 of them, spending mₓ on average. */
export interface RepeatSpend {
  readonly x: number;
  readonly meanValue: number;
}

export function assertGammaGammaParameters(parameters: GammaGammaParameters): void {
  for (const [name, value] of Object.entries(parameters))
    if (!(Number.isFinite(value) && value > 0))
      throw new RangeError(`Gamma–Gamma ${name} must be positive, got ${value}`);
}

function assertRepeatSpend({ x, meanValue }: RepeatSpend): void {
  if (!Number.isInteger(x) || x < 1) throw new RangeError(`Gamma–Gamma needs x >= 1 repeat purchases, got ${x}`);
  if (!(Number.isFinite(meanValue) && meanValue > 0))
    throw new RangeError(`Gamma–Gamma needs a positive mean value, got ${meanValue}`);
}

/** ln f(mₓ | p, q, v; x) of one customer. */
export function gammaGammaLogLikelihood(parameters: GammaGammaParameters, spend: RepeatSpend): number {
  assertGammaGammaParameters(parameters);
  assertRepeatSpend(spend);
  const { p, q, v } = parameters;
  const { x, meanValue: m } = spend;
  const px = p * x;
  return (
    logGamma(px + q) -
    logGamma(px) -
    logGamma(q) +
    q * Math.log(v) +
    (px - 1) * Math.log(m) +
    px * Math.log(x) -
    (px + q) * Math.log(v + m * x)
  );
}

/**
 * E[M | p, q, v, mₓ, x] = (v + mₓ x) p / (p x + q − 1): a weighted mean of the population mean
 * p v / (q − 1) and the customer's own mₓ, the weight of mₓ growing with x. With x = 0 it is the
 * population mean. Needs q > 1 (the population mean is infinite otherwise).
 */
export function gammaGammaExpectedAverageValue(parameters: GammaGammaParameters, spend: RepeatSpend): number {
  assertGammaGammaParameters(parameters);
  const { p, q, v } = parameters;
  if (q <= 1) throw new RangeError(`the expected spend needs q > 1, got ${q}`);
  const { x, meanValue } = spend;
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`x must be a whole number >= 0, got ${x}`);
  if (x === 0) return (p * v) / (q - 1);
  if (!(Number.isFinite(meanValue) && meanValue >= 0))
    throw new RangeError(`the mean value must be a finite amount >= 0, got ${meanValue}`);
  return ((v + meanValue * x) * p) / (p * x + q - 1);
}

export interface GammaGammaFit {
  readonly parameters: GammaGammaParameters;
  readonly logLikelihood: number;
  readonly customers: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

export interface GammaGammaFitOptions {
  /** By default p = 1, q = 2 and v = the mean of mₓ (so the population mean matches the data). */
  readonly start?: GammaGammaParameters;
  readonly optimiser?: NelderMeadOptions;
}

const LOG_PARAMETER_BOUND = 25;

/** Maximum-likelihood (p, q, v) from customers with x >= 1: Nelder–Mead on log-parameters. */
export function fitGammaGamma(spends: readonly RepeatSpend[], options?: GammaGammaFitOptions): GammaGammaFit {
  if (spends.length === 0) throw new RangeError('fitting Gamma–Gamma needs at least one customer with x >= 1');
  for (const spend of spends) assertRepeatSpend(spend);
  const meanNegativeLogLikelihood = compileNegativeLogLikelihood(spends);
  const start = options?.start ?? {
    p: 1,
    q: 2,
    v: spends.reduce((sum, spend) => sum + spend.meanValue, 0) / spends.length,
  };
  assertGammaGammaParameters(start);
  const fromLog = (theta: readonly number[]): GammaGammaParameters => ({
    p: Math.exp(theta[0] as number),
    q: Math.exp(theta[1] as number),
    v: Math.exp(theta[2] as number),
  });
  const minimum = minimiseNelderMead(
    (theta) =>
      theta.every((value) => Math.abs(value) <= LOG_PARAMETER_BOUND)
        ? meanNegativeLogLikelihood(fromLog(theta))
        : Number.POSITIVE_INFINITY,
    [start.p, start.q, start.v].map(Math.log),
    options?.optimiser,
  );
  return {
    parameters: fromLog(minimum.point),
    logLikelihood: -minimum.value * spends.length,
    customers: spends.length,
    evaluations: minimum.evaluations,
    converged: minimum.converged,
  };
}

/** The Gamma functions depend on x only: computed once per distinct x per evaluation. */
function compileNegativeLogLikelihood(spends: readonly RepeatSpend[]): (parameters: GammaGammaParameters) => number {
  const levels = [...new Set(spends.map((spend) => spend.x))];
  const position = new Map(levels.map((x, i) => [x, i]));
  const xIndex = Int32Array.from(spends, (spend) => position.get(spend.x) as number);
  const x = Float64Array.from(spends, (spend) => spend.x);
  const m = Float64Array.from(spends, (spend) => spend.meanValue);
  const logM = m.map(Math.log);
  const perX = new Float64Array(levels.length);
  return ({ p, q, v }) => {
    const shared = -logGamma(q) + q * Math.log(v);
    for (let k = 0; k < levels.length; k++) {
      const level = levels[k] as number;
      perX[k] = shared + logGamma(p * level + q) - logGamma(p * level) + p * level * Math.log(level);
    }
    let total = 0;
    for (let i = 0; i < x.length; i++) {
      const px = p * (x[i] as number);
      total +=
        (perX[xIndex[i] as number] as number) +
        (px - 1) * (logM[i] as number) -
        (px + q) * Math.log(v + (m[i] as number) * (x[i] as number));
    }
    return -total / x.length;
  };
}
