/** One figure of a series over time: its period, its group, its value. */
export interface SeriesRow {
  readonly bucket: string;
  readonly key: string | null;
  readonly value: number;
}

/** Rows (period, group, value) as periods with a value per group, groups largest first. */
export function seriesOf(rows: readonly SeriesRow[]) {
  const byKey = new Map<string | null, number>();
  for (const row of rows) byKey.set(row.key, (byKey.get(row.key) ?? 0) + row.value);
  const keys = [...byKey.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);
  const periods = new Map<string, number[]>();
  for (const row of rows) {
    const values = periods.get(row.bucket) ?? keys.map(() => 0);
    values[keys.indexOf(row.key)] = (values[keys.indexOf(row.key)] ?? 0) + row.value;
    periods.set(row.bucket, values);
  }
  const buckets = [...periods.entries()]
    .sort(([a], [b]) => Date.parse(a) - Date.parse(b))
    .map(([bucket, values]) => ({ bucket, values }));
  return { keys, buckets, totals: keys.map((key) => byKey.get(key) ?? 0) };
}
