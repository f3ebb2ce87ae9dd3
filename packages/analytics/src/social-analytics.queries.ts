import type { SqlExecutor } from '@hub/sql';
import { type AnalyticsFilter, bucketSql, type Granularity, iso, whereOf } from './analytics-filter.ts';

export const socialGroups = ['network', 'kind', 'topic'] as const;
export type SocialGroup = (typeof socialGroups)[number];

const keys: Record<SocialGroup, string> = {
  network: 'network',
  kind: 'kind',
  // The post a comment is on; messages have no post: their page.
  topic: "coalesce('post:' || post_id, 'page:' || page_id)",
};

export interface SocialRow {
  readonly bucket: string;
  readonly network: string;
  readonly key: string | null;
  readonly comments: number;
  readonly messages: number;
}

/** Social comments and messages from customers (inbound) per period, per network and group. */
export async function readSocialVolumes(
  db: SqlExecutor,
  filter: Omit<AnalyticsFilter, 'teamId' | 'channel'> & {
    readonly granularity: Granularity;
    readonly timeZone: string;
    readonly groupBy?: SocialGroup;
    readonly network?: string;
  },
): Promise<SocialRow[]> {
  const where = whereOf(filter, 'occurred_at');
  where.conditions.push("direction = 'inbound'", 'counted');
  if (filter.network) where.conditions.push(`network = ${where.add(filter.network)}`);
  const bucket = bucketSql('occurred_at', where.add(filter.granularity), where.add(filter.timeZone));
  const key = filter.groupBy && filter.groupBy !== 'network' ? keys[filter.groupBy] : 'NULL::text';
  const rows = await db.query<{
    bucket: Date;
    network: string;
    key: string | null;
    comments: number;
    messages: number;
  }>(
    `SELECT ${bucket} AS bucket, network, ${key} AS key,
            count(*) FILTER (WHERE kind = 'comment')::int AS comments,
            count(*) FILTER (WHERE kind <> 'comment')::int AS messages
       FROM analytics.social_interactions WHERE ${where.sql()}
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    where.params,
  );
  return rows.map((r) => ({ ...r, bucket: iso(r.bucket) }));
}
