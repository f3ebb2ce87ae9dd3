// A derivative-free minimiser for the maximum-likelihood fits: Nelder–Mead with the standard
// coefficients (reflection 1, expansion 2, contraction ½, shrink ½; Lagarias et al. 1998) and
// restarts from the best point, since a simplex can collapse before reaching the minimum.

export interface NelderMeadOptions {
  /** Edge of the starting simplex along each axis. */
  readonly step?: number;
  /** Edge of the simplex of a restart: smaller, since it starts near the minimum. */
  readonly restartStep?: number;
  /** A run stops when the values across the simplex differ by at most this much... */
  readonly valueTolerance?: number;
  /** ...and no vertex is further than this from the best one along any axis. */
  readonly pointTolerance?: number;
  /** Objective evaluations allowed over all runs. */
  readonly maxEvaluations?: number;
  /** Fresh simplices built around the best point after the first run converged. */
  readonly maxRestarts?: number;
}

export interface Minimum {
  readonly point: readonly number[];
  readonly value: number;
  readonly evaluations: number;
  /** False when the evaluation budget ran out before a run met the tolerances. */
  readonly converged: boolean;
}

const DEFAULTS: Readonly<Required<NelderMeadOptions>> = Object.freeze({
  step: 0.5,
  restartStep: 0.1,
  valueTolerance: 1e-10,
  pointTolerance: 1e-6,
  maxEvaluations: 20_000,
  maxRestarts: 4,
});

interface Vertex {
  point: number[];
  value: number;
}

/** Minimises `objective` from `start`; NaN counts as +∞ so the simplex walks away from it. */
export function minimiseNelderMead(
  objective: (point: readonly number[]) => number,
  start: readonly number[],
  options?: NelderMeadOptions,
): Minimum {
  const settings = { ...DEFAULTS, ...options };
  let evaluations = 0;
  const evaluate = (point: number[]): Vertex => {
    evaluations++;
    const value = objective(point);
    return { point, value: Number.isNaN(value) ? Number.POSITIVE_INFINITY : value };
  };
  let best = evaluate([...start]);
  let converged = false;
  for (let run = 0; run <= settings.maxRestarts; run++) {
    const before = best.value;
    const step = run === 0 ? settings.step : settings.restartStep;
    const result = runSimplex(best.point, step, settings, evaluate, () => evaluations < settings.maxEvaluations);
    converged = result.converged;
    if (result.best.value <= best.value) best = result.best;
    if (!converged) break;
    if (run > 0 && before - best.value <= settings.valueTolerance) break;
  }
  return { point: best.point, value: best.value, evaluations, converged };
}

function runSimplex(
  start: number[],
  step: number,
  settings: Readonly<Required<NelderMeadOptions>>,
  evaluate: (point: number[]) => Vertex,
  mayEvaluate: () => boolean,
): { best: Vertex; converged: boolean } {
  const n = start.length;
  const simplex: Vertex[] = [evaluate([...start])];
  for (let i = 0; i < n; i++) {
    const point = [...start];
    point[i] = (point[i] as number) + step;
    simplex.push(evaluate(point));
  }
  const along = (from: number[], to: number[], factor: number) =>
    from.map((value, i) => value + factor * ((to[i] as number) - value));
  for (;;) {
    simplex.sort((u, v) => u.value - v.value);
    const best = simplex[0] as Vertex;
    const worst = simplex[n] as Vertex;
    if (hasConverged(simplex, settings)) return { best, converged: true };
    if (!mayEvaluate()) return { best, converged: false };
    const centroid = new Array<number>(n).fill(0);
    for (let v = 0; v < n; v++) {
      const point = (simplex[v] as Vertex).point;
      for (let i = 0; i < n; i++) centroid[i] = (centroid[i] as number) + (point[i] as number) / n;
    }
    const reflected = evaluate(along(centroid, worst.point, -1));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(centroid, worst.point, -2));
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < (simplex[n - 1] as Vertex).value) {
      simplex[n] = reflected;
      continue;
    }
    const outside = reflected.value < worst.value;
    const contracted = evaluate(along(centroid, worst.point, outside ? -0.5 : 0.5));
    if (contracted.value < (outside ? reflected.value : worst.value)) {
      simplex[n] = contracted;
      continue;
    }
    for (let v = 1; v <= n; v++) simplex[v] = evaluate(along(best.point, (simplex[v] as Vertex).point, 0.5));
  }
}

function hasConverged(sorted: readonly Vertex[], settings: Readonly<Required<NelderMeadOptions>>): boolean {
  const best = sorted[0] as Vertex;
  const worst = sorted[sorted.length - 1] as Vertex;
  if (!(worst.value - best.value <= settings.valueTolerance)) return false;
  return sorted.every((vertex) =>
    vertex.point.every((value, i) => Math.abs(value - (best.point[i] as number)) <= settings.pointTolerance),
  );
}
