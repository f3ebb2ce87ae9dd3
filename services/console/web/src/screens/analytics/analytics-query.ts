import type { paths } from '../../api/schema.d.ts';

// The analytics screen's filters and the query strings they make: days on the browser's clock,
// the detail (hours, days or weeks) chosen from the range's length within the API's limits.

export type ChannelFilter = NonNullable<
  NonNullable<paths['/v1/analytics/volumes']['get']['parameters']['query']>['channel']
>;
export const channels: readonly ChannelFilter[] = ['email', 'webform', 'phone', 'chat', 'social', 'generic'];

export interface AnalyticsFilter {
  /** First day of the range, YYYY-MM-DD (included). */
  readonly fromDay: string;
  /** Last day of the range, YYYY-MM-DD (included). */
  readonly toDay: string;
  readonly channel: ChannelFilter | '';
  readonly team: string;
}

const DAY_MS = 86_400_000;
const dayOf = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The last 30 days, today included. */
export function defaultFilter(now = new Date()): AnalyticsFilter {
  return { fromDay: dayOf(new Date(now.getTime() - 29 * DAY_MS)), toDay: dayOf(now), channel: '', team: '' };
}

export const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The range as instants: from the first day's midnight to the midnight after the last, local time. */
export function rangeOf(filter: AnalyticsFilter) {
  const from = new Date(`${filter.fromDay}T00:00:00`);
  const last = new Date(`${filter.toDay}T00:00:00`);
  const to = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  const granularity = days <= 3 ? ('hour' as const) : days <= 120 ? ('day' as const) : ('week' as const);
  const bucketMs = { hour: 3_600_000, day: DAY_MS, week: 7 * DAY_MS }[granularity];
  return { from, to, granularity, bucketMs, valid: from.getTime() < to.getTime() };
}

/** The query every figure takes: the range, and the channel and team when chosen. */
export function commonQuery(filter: AnalyticsFilter) {
  const { from, to } = rangeOf(filter);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    ...(filter.channel ? { channel: filter.channel } : {}),
    ...(filter.team ? { team: filter.team } : {}),
  };
}

/**
 * The same figures as CSV: a plain link (the API answers `format=csv` as an attachment), so the
 * browser sends the session cookie with it and downloads the file itself.
 */
export function csvHref(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
  params.set('format', 'csv');
  return `${path}?${params.toString()}`;
}
