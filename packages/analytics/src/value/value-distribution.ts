// Distributions of a value over customers: percentiles and an equal-width histogram, pure.

export const PERCENTILES = [10, 25, 50, 75, 90, 99] as const;

export interface Distribution {
  readonly customers: number;
  readonly total: number;
  readonly mean: number | null;
  /** p10 … p99 by linear interpolation between closest ranks (PostgreSQL's percentile_cont). */
  readonly percentiles: Readonly<Record<`p${(typeof PERCENTILES)[number]}`, number | null>>;
  /** `bins` equal-width bins from the least to the greatest value; the last one includes its end. */
  readonly histogram: { from: number; to: number; customers: number }[];
}

/** percentile_cont(p): the value at rank p · (n − 1) of the sorted values, interpolated. */
export function percentileOf(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = p * (sorted.length - 1);
  const below = Math.floor(rank);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (rank - below);
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export function distributionOf(values: readonly number[], bins: number): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  const percentiles = Object.fromEntries(
    PERCENTILES.map((p) => {
      const value = percentileOf(sorted, p / 100);
      return [`p${p}`, value === null ? null : round(value)];
    }),
  ) as Distribution['percentiles'];
  return {
    customers: sorted.length,
    total: round(total),
    mean: sorted.length === 0 ? null : round(total / sorted.length),
    percentiles,
    histogram: histogramOf(sorted, bins),
  };
}

function histogramOf(sorted: readonly number[], bins: number): Distribution['histogram'] {
  if (sorted.length === 0) return [];
  const least = sorted[0] as number;
  const greatest = sorted[sorted.length - 1] as number;
  // All values equal: one bin holding them all.
  if (greatest === least) return [{ from: round(least), to: round(greatest), customers: sorted.length }];
  const width = (greatest - least) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const value of sorted) {
    const bin = Math.min(bins - 1, Math.floor((value - least) / width));
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts.map((customers, i) => ({
    from: round(least + i * width),
    to: round(i === bins - 1 ? greatest : least + (i + 1) * width),
    customers,
  }));
}
