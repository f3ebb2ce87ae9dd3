import type { SqlExecutor } from '@hub/sql';
import { type AnalyticsFilter, bucketSql, type Granularity, iso, whereOf } from './analytics-filter.ts';

const dimensionColumns = {
  channel: 'channel',
  direction: 'direction',
  inbox: 'inbox_id',
  team: 'team_id',
  agent: 'agent_id',
} as const;
export type VolumeGroup = keyof typeof dimensionColumns;
export const volumeGroups = Object.keys(dimensionColumns) as VolumeGroup[];
export const timeGroups = ['channel', 'team', 'agent'] as const;
export type TimeGroup = (typeof timeGroups)[number];

const keyOf = (groupBy: VolumeGroup | undefined) => (groupBy ? `${dimensionColumns[groupBy]}` : 'NULL::text');

export interface VolumeRow {
  readonly bucket: string;
  readonly key: string | null;
  readonly interactions: number;
}

/** Messages (inbound and outbound) per hour, day or week on the time zone's clock, per group. */
export async function readVolumes(
  db: SqlExecutor,
  filter: AnalyticsFilter & {
    readonly granularity: Granularity;
    readonly timeZone: string;
    readonly groupBy?: VolumeGroup;
    readonly direction?: 'inbound' | 'outbound';
  },
): Promise<VolumeRow[]> {
  const where = whereOf(filter, 'occurred_at');
  if (filter.direction) where.conditions.push(`direction = ${where.add(filter.direction)}`);
  const bucket = bucketSql('occurred_at', where.add(filter.granularity), where.add(filter.timeZone));
  const rows = await db.query<{ bucket: Date; key: string | null; interactions: number }>(
    `SELECT ${bucket} AS bucket, ${keyOf(filter.groupBy)} AS key, count(*)::int AS interactions
       FROM analytics.messages WHERE ${where.sql()}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    where.params,
  );
  return rows.map((r) => ({ bucket: iso(r.bucket), key: r.key, interactions: r.interactions }));
}

export const responseMetrics = ['first', 'next', 'resolution'] as const;
export type ResponseMetric = (typeof responseMetrics)[number];

export interface TimeRow {
  readonly key: string | null;
  readonly count: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly average: number | null;
}

/**
 * True percentiles (`percentile_disc`: the smallest measured value with at least that share of
 * the measurements at or below it) of first-response, next-response or resolution times, in
 * calendar or business seconds, per group. A business time needs a calendar: without one it is
 * not counted.
 */
export async function readResponseTimes(
  db: SqlExecutor,
  filter: AnalyticsFilter & {
    readonly metric: ResponseMetric;
    readonly hours: 'calendar' | 'business';
    readonly groupBy?: TimeGroup;
  },
): Promise<TimeRow[]> {
  const resolution = filter.metric === 'resolution';
  const where = whereOf(filter, resolution ? 'resolved_at' : 'responded_at');
  if (!resolution) where.conditions.unshift(`kind = ${where.add(filter.metric)}`);
  const value = filter.hours === 'business' ? 'business_seconds' : 'calendar_seconds';
  where.conditions.push(`${value} IS NOT NULL`);
  const rows = await db.query<
    Record<'p50' | 'p90' | 'p99' | 'average', number | null> & { key: string | null; count: number }
  >(
    `SELECT ${keyOf(filter.groupBy)} AS key, count(*)::int AS count,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY ${value}) AS p50,
            percentile_disc(0.9) WITHIN GROUP (ORDER BY ${value}) AS p90,
            percentile_disc(0.99) WITHIN GROUP (ORDER BY ${value}) AS p99,
            avg(${value}) AS average
       FROM analytics.${resolution ? 'resolutions' : 'responses'} WHERE ${where.sql()}
      GROUP BY 1 ORDER BY 1`,
    where.params,
  );
  return rows.map((r) => ({ ...r, p50: num(r.p50), p90: num(r.p90), p99: num(r.p99), average: num(r.average) }));
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export interface SlaRow {
  readonly key: string | null;
  readonly target: string;
  readonly met: number;
  readonly breached: number;
  /** met / (met + breached). */
  readonly compliance: number | null;
}

/** SLA targets decided in the range (answered, resolved or breached), met against breached, per target. */
export async function readSlaCompliance(
  db: SqlExecutor,
  filter: AnalyticsFilter & { readonly groupBy?: TimeGroup },
): Promise<SlaRow[]> {
  const where = whereOf(filter, 'decided_at');
  const rows = await db.query<{ key: string | null; target: string; met: number; breached: number }>(
    `SELECT ${keyOf(filter.groupBy)} AS key, target,
            count(*) FILTER (WHERE outcome = 'met')::int AS met,
            count(*) FILTER (WHERE outcome = 'breached')::int AS breached
       FROM analytics.sla_outcomes WHERE ${where.sql()}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    where.params,
  );
  return rows.map((r) => ({ ...r, compliance: r.met + r.breached === 0 ? null : r.met / (r.met + r.breached) }));
}

export interface CsatRow {
  readonly key: string | null;
  readonly requested: number;
  readonly rated: number;
  /** rated / requested. */
  readonly responseRate: number | null;
  readonly average: number | null;
  /** Share of ratings that are 4 or 5. */
  readonly csat: number | null;
  /** Ratings 1 to 5: how many of each. */
  readonly distribution: number[];
}

/** CSAT of the requests made in the range; a rating counts once recorded (at or before `asOf`). */
export async function readCsat(
  db: SqlExecutor,
  filter: AnalyticsFilter & { readonly groupBy?: TimeGroup },
): Promise<CsatRow[]> {
  const where = whereOf(filter, 'requested_at');
  const rated = filter.asOf
    ? `rating IS NOT NULL AND rating_recorded_at <= ${where.add(filter.asOf)}`
    : 'rating IS NOT NULL';
  const rows = await db.query<
    { key: string | null; requested: number; rated: number; average: number | null } & Record<
      `r${1 | 2 | 3 | 4 | 5}`,
      number
    >
  >(
    `SELECT ${keyOf(filter.groupBy)} AS key, count(*)::int AS requested,
            count(*) FILTER (WHERE ${rated})::int AS rated,
            avg(rating) FILTER (WHERE ${rated}) AS average,
            ${[1, 2, 3, 4, 5].map((n) => `count(*) FILTER (WHERE ${rated} AND rating = ${n})::int AS r${n}`).join(', ')}
       FROM analytics.csat WHERE ${where.sql()}
      GROUP BY 1 ORDER BY 1`,
    where.params,
  );
  return rows.map((r) => ({
    key: r.key,
    requested: r.requested,
    rated: r.rated,
    responseRate: r.requested === 0 ? null : r.rated / r.requested,
    average: num(r.average),
    csat: r.rated === 0 ? null : (r.r4 + r.r5) / r.rated,
    distribution: [r.r1, r.r2, r.r3, r.r4, r.r5],
  }));
}
