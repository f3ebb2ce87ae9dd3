// The filters every analytics read shares, turned into SQL with numbered parameters.

export const granularities = ['hour', 'day', 'week'] as const;
export type Granularity = (typeof granularities)[number];

export interface AnalyticsFilter {
  /** Business instants: from (included) to (excluded). */
  readonly from: Date;
  readonly to: Date;
  /** The metric as it stood then: only facts recorded at or before it. */
  readonly asOf?: Date;
  readonly channel?: string;
  readonly teamId?: string;
}

/** A WHERE clause under construction: `add` takes a value and returns its placeholder. */
export function whereOf(filter: AnalyticsFilter, instantColumn: string, recordedColumn = 'recorded_at') {
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [`${instantColumn} >= ${add(filter.from)}`, `${instantColumn} < ${add(filter.to)}`];
  if (filter.asOf) conditions.push(`${recordedColumn} <= ${add(filter.asOf)}`);
  if (filter.channel) conditions.push(`channel = ${add(filter.channel)}`);
  if (filter.teamId) conditions.push(`team_id = ${add(filter.teamId)}`);
  return { params, add, conditions, sql: () => conditions.join(' AND ') };
}

/** The start of an instant's hour, day or week (weeks start on Monday) on the time zone's clock. */
export const bucketSql = (column: string, granularity: string, timeZone: string) =>
  `date_trunc(${granularity}, ${column} AT TIME ZONE ${timeZone}) AT TIME ZONE ${timeZone}`;

export const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();
