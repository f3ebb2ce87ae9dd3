// Maximum likelihood for BG/NBD over its closure. On small data the likelihood often rises without
// end toward a, b → ∞ (one drop-out probability q for all) or a → 0 (nobody drops out), where the
// closed forms stop converging. When the BG/NBD search ends at that boundary, the limits are fitted
// in their own right (q free, and q = 0: the NBD) and the best of the three is kept, the richer
// model only where it fits better. README.md, "When BG/NBD runs to its boundary".
import {
  assertBgNbdParameters,
  type BgNbdParameters,
  compileBgNbdNegativeLogLikelihood,
  type PurchaseModel,
  type PurchaseModelParameters,
} from './bg-nbd.likelihood.ts';
import { compileFixedDropoutNegativeLogLikelihood, type FixedDropoutParameters } from './fixed-dropout.likelihood.ts';
import { minimiseNelderMead, type NelderMeadOptions } from './nelder-mead.ts';
import { type GroupedHistories, groupHistories, levelsOfHistories, type PurchaseHistory } from './purchase-history.ts';

/** One maximum-likelihood search: the full model or one of its limits. */
export interface PurchaseModelSearch {
  readonly model: PurchaseModel;
  readonly parameters: PurchaseModelParameters;
  /** Σ ln L at the parameters found. */
  readonly logLikelihood: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

interface FitSummary {
  /** Σ ln L at the fitted parameters. */
  readonly logLikelihood: number;
  readonly customers: number;
  /** Distinct (x, tₓ, T) triples: the likelihood's cost is per group, not per customer. */
  readonly groups: number;
  /** Over all searches. */
  readonly evaluations: number;
  /** Of the search whose model was kept. */
  readonly converged: boolean;
  /** Every search: BG/NBD, then, when it ran to its boundary, the limits with q free and q = 0. */
  readonly searches: readonly PurchaseModelSearch[];
}

export type BgNbdFit = FitSummary &
  (
    | { readonly model: 'bg-nbd'; readonly parameters: BgNbdParameters }
    | { readonly model: 'fixed-dropout' | 'nbd'; readonly parameters: FixedDropoutParameters }
  );

export interface BgNbdFitOptions {
  /** Where the BG/NBD search starts; by default r = a = b = 1 and α = ΣT / Σx (mean rate r/α = observed). */
  readonly start?: BgNbdParameters;
  readonly optimiser?: NelderMeadOptions;
}

/** Log-parameters (and logit q) beyond ±this are treated as impossible, which keeps the simplex off degenerate edges. */
const LOG_PARAMETER_BOUND = 20;
/**
 * ln a and ln b beyond ±this count as impossible too: a + b ≈ 10⁶ leaves the drop-out
 * probabilities a spread of at most 0.0005 and a ≈ 10⁻⁶ puts almost all of them at 0, which no
 * purchase history tells apart from the limits searched on their own. The BG/NBD search then
 * stops at this wall instead of crawling toward infinity.
 */
const BETA_LOG_BOUND = 14;
/** A richer model is kept only when it raises the mean ln L by more than this (the searches' precision). */
const BETTER_BY = 1e-6;

/** Maximum-likelihood BG/NBD, or the limit the likelihood runs to: Nelder–Mead on log-parameters, grouped histories. */
export function fitBgNbd(histories: readonly PurchaseHistory[], options?: BgNbdFitOptions): BgNbdFit {
  if (histories.length === 0) throw new RangeError('fitting BG/NBD needs at least one customer');
  const groups = groupHistories(histories);
  const levels = levelsOfHistories(groups);
  const customers = histories.length;
  const start = options?.start ?? defaultStart(groups);
  assertBgNbdParameters(start);
  const within = (theta: readonly number[], bounds: readonly number[]) =>
    theta.every((value, i) => Math.abs(value) <= (bounds[i] as number));
  const search = <P extends PurchaseModelParameters>(
    objective: (parameters: P) => number,
    fromTheta: (theta: readonly number[]) => P,
    theta: readonly number[],
    bounds: readonly number[],
  ) => {
    const minimum = minimiseNelderMead(
      (point) => (within(point, bounds) ? objective(fromTheta(point)) : Number.POSITIVE_INFINITY),
      theta.map((value, i) => Math.max(-(bounds[i] as number), Math.min(bounds[i] as number, value))),
      options?.optimiser,
    );
    return {
      parameters: fromTheta(minimum.point),
      logLikelihood: -minimum.value * customers,
      evaluations: minimum.evaluations,
      converged: minimum.converged,
    };
  };

  const full = search(
    compileBgNbdNegativeLogLikelihood(levels),
    (theta): BgNbdParameters => ({
      r: Math.exp(theta[0] as number),
      alpha: Math.exp(theta[1] as number),
      a: Math.exp(theta[2] as number),
      b: Math.exp(theta[3] as number),
    }),
    [start.r, start.alpha, start.a, start.b].map(Math.log),
    [LOG_PARAMETER_BOUND, LOG_PARAMETER_BOUND, BETA_LOG_BOUND, BETA_LOG_BOUND],
  );
  const searches: PurchaseModelSearch[] = [{ model: 'bg-nbd', ...full }];
  const summary = (kept: { logLikelihood: number; converged: boolean }): FitSummary => ({
    logLikelihood: kept.logLikelihood,
    customers,
    groups: groups.weight.length,
    evaluations: searches.reduce((sum, done) => sum + done.evaluations, 0),
    converged: kept.converged,
    searches,
  });
  const { r, alpha, a, b } = full.parameters;
  const atWall = Math.max(Math.abs(Math.log(a)), Math.abs(Math.log(b))) > BETA_LOG_BOUND - 1;
  if (full.converged && !atWall) return { ...summary(full), model: 'bg-nbd', parameters: full.parameters };

  // The search ran to the boundary (or did not finish): fit the limits, starting where it ended.
  const limit = compileFixedDropoutNegativeLogLikelihood(levels);
  const q = Math.min(0.999, Math.max(0.001, a / (a + b)));
  const fixed = search(
    limit,
    (theta): FixedDropoutParameters => ({
      r: Math.exp(theta[0] as number),
      alpha: Math.exp(theta[1] as number),
      dropout: 1 / (1 + Math.exp(-(theta[2] as number))),
    }),
    [Math.log(r), Math.log(alpha), Math.log(q / (1 - q))],
    [LOG_PARAMETER_BOUND, LOG_PARAMETER_BOUND, LOG_PARAMETER_BOUND],
  );
  const none = search(
    limit,
    (theta): FixedDropoutParameters => ({
      r: Math.exp(theta[0] as number),
      alpha: Math.exp(theta[1] as number),
      dropout: 0,
    }),
    [Math.log(r), Math.log(alpha)],
    [LOG_PARAMETER_BOUND, LOG_PARAMETER_BOUND],
  );
  searches.push({ model: 'fixed-dropout', ...fixed }, { model: 'nbd', ...none });
  // The richer model only where it fits better than the simpler by more than the searches' precision.
  const margin = BETTER_BY * customers;
  const best = fixed.logLikelihood > none.logLikelihood + margin ? fixed : none;
  if (full.logLikelihood > best.logLikelihood + margin)
    return { ...summary(full), model: 'bg-nbd', parameters: full.parameters };
  return { ...summary(best), model: best === fixed ? 'fixed-dropout' : 'nbd', parameters: best.parameters };
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
