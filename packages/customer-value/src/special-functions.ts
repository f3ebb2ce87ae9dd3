// Special functions the models need and JavaScript lacks. Pure, double precision.

const LANCZOS_G = 7;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905,
  -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 significant digits). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs a positive argument, got ${x}`);
  // The reflection formula keeps precision for arguments below one half.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let series = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) series += (LANCZOS[i] as number) / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ln(e^u + e^v) without overflow. */
export function logAddExp(u: number, v: number): number {
  if (u === Number.NEGATIVE_INFINITY) return v;
  if (v === Number.NEGATIVE_INFINITY) return u;
  return Math.max(u, v) + Math.log1p(Math.exp(-Math.abs(u - v)));
}

export interface HypergeometricOptions {
  /** Relative accuracy asked of the sum. */
  readonly tolerance?: number;
  /** Terms summed at most before giving up. */
  readonly maxTerms?: number;
}

/**
 * The Gaussian hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z < 1.
 *
 * For 0 <= z < 1 the power series Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ is summed term by term from the
 * ratio of consecutive terms. For z < 0 the Pfaff transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z / (z − 1)) turns it into a series in
 * [0, 1) without alternating signs. The sum stops when the remaining tail is bounded below
 * `tolerance` times the sum (see `sumHypergeometricSeries`); it throws when that takes more than
 * `maxTerms` terms (z very close to 1) rather than return an unconverged value.
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number, options?: HypergeometricOptions): number {
  if (![a, b, c, z].every(Number.isFinite)) throw new RangeError('hypergeometric2F1 needs finite arguments');
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hypergeometric2F1 is undefined for c = ${c}`);
  if (z >= 1) throw new RangeError(`hypergeometric2F1 is summed for z < 1 only, got ${z}`);
  if (z < 0) return (1 - z) ** -a * sumHypergeometricSeries(a, c - b, c, z / (z - 1), options);
  return sumHypergeometricSeries(a, b, c, z, options);
}

/**
 * Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ for 0 <= z < 1. Term n+1 is term n times
 * ρₙ = (a + n)(b + n) z / ((c + n)(n + 1)). A series with a non-positive integer a or b ends by
 * itself. Otherwise, once n is past every parameter (so the factors keep their sign and ρₙ moves
 * monotonically towards z), every later ratio is at most ρ* = max(ρₙ, z) < 1 and the tail is at
 * most |termₙ₊₁| / (1 − ρ*), which must fall below tolerance · |sum|.
 */
function sumHypergeometricSeries(a: number, b: number, c: number, z: number, options?: HypergeometricOptions): number {
  const tolerance = options?.tolerance ?? 1e-15;
  const maxTerms = options?.maxTerms ?? 1_000_000;
  const settledAfter = Math.ceil(Math.abs(a) + Math.abs(b) + Math.abs(c)) + 2;
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (term === 0) return sum;
    if (n >= settledAfter) {
      const bound = Math.max(Math.abs(ratio), z);
      if (bound < 1 && (Math.abs(term) * bound) / (1 - bound) <= tolerance * Math.abs(sum)) return sum;
    }
  }
  throw new RangeError(`hypergeometric2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}

/** Sums past this are scaled down, so terms that would overflow a double are carried in logs. */
const SCALE = 1e200;
const LOG_SCALE = Math.log(SCALE);

/**
 * ln ₂F₁(a, b; c; z) for a, b, c > 0 with b <= c and 0 <= z < 1, where every term is positive.
 * The sum is rescaled whenever it passes 10²⁰⁰, so a series whose terms reach far beyond the
 * double range still gives its logarithm. The stopping rule needs no wait until n passes the
 * parameters (which for large ones is most of the work): for m > n every ratio
 * ρₘ = (a+m)(b+m)z/((c+m)(m+1)) is at most ρ⁺ = z · max(1, (a+n+1)/(n+2)), because (b+m)/(c+m) <= 1
 * and (a+m)/(m+1) moves monotonically toward 1, so once ρ⁺ < 1 the tail is at most
 * termₙ₊₁ · ρ⁺/(1 − ρ⁺).
 */
export function logHypergeometric2F1Positive(
  a: number,
  b: number,
  c: number,
  z: number,
  options?: HypergeometricOptions,
): number {
  if (!(a > 0 && b > 0 && c > 0 && b <= c && z >= 0 && z < 1 && [a, b, c, z].every(Number.isFinite)))
    throw new RangeError(`logHypergeometric2F1Positive needs a, b, c > 0, b <= c and 0 <= z < 1`);
  const tolerance = options?.tolerance ?? 1e-15;
  const maxTerms = options?.maxTerms ?? 1_000_000;
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (term === 0) return logScale + Math.log(sum);
    if (sum > SCALE) {
      sum /= SCALE;
      term /= SCALE;
      logScale += LOG_SCALE;
    }
    const bound = z * Math.max(1, (a + n + 1) / (n + 2));
    if (bound < 1 && (term * bound) / (1 - bound) <= tolerance * sum) return logScale + Math.log(sum);
  }
  throw new RangeError(`hypergeometric2F1(${a}, ${b}; ${c}; ${z}) did not converge in ${maxTerms} terms`);
}
