/** A linear scale from [0, max] onto [0, size]. */
export const linear = (max: number, size: number) => (value: number) => (max > 0 ? (value / max) * size : 0);

/**
 * A rounded top for an axis and its few ticks (1, 2 or 5 times a power of ten); counts step by
 * whole numbers at least, so a chart of 2 contacts does not read 0, 1, 1, 2, 2.
 */
export function niceTicks(max: number, count = 4, whole = true): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = whole ? Math.max(max / count, 1) : max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}
