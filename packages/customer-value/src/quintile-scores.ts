// Quintile scores 1–5 over the customers given, the same rule for RFM and for wallet tiers.

/**
 * Score of each value: 1 + ⌊5 · (customers with a strictly worse value) / n⌋.
 *
 * So the score is the quintile of the lowest position the value's tie group occupies in the
 * ranking. Equal values always share a score, whatever the input order; the worst value always
 * scores 1; a tie group that spans a quintile boundary takes the lower score, which can leave a
 * score unused (if 60% of customers bought once, they all get F = 1 and nobody gets F = 2 or 3).
 * `higherIsBetter` = false for recency, where fewer days is better.
 */
export function scoreQuintiles(values: readonly number[], higherIsBetter = true): number[] {
  const n = values.length;
  for (const value of values) if (!Number.isFinite(value)) throw new RangeError(`cannot score ${value}`);
  const ascending = values.map((value) => (higherIsBetter ? value : -value)).sort((u, v) => u - v);
  return values.map((value) => {
    const worse = countBelow(ascending, higherIsBetter ? value : -value);
    return 1 + Math.floor((5 * worse) / n);
  });
}

/** How many sorted values are strictly below `value` (binary search). */
function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
