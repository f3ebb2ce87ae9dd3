import { customerStream, type DomainEventOf, type RecordedEvent } from '@hub/events';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';

const CUSTOMER_STREAM_PREFIX = customerStream('');

export const SOCIAL_ANALYTICS_PROJECTION = 'analytics-social';

/** Read after an erasure: the network and topic were sealed with the person's key. */
export const ERASED_NETWORK = 'erased';

interface SocialRow {
  readonly interactionId: string;
  readonly customerId: string;
  readonly network: string;
  readonly kind: 'comment' | 'message' | 'unknown';
  readonly direction: string;
  readonly pageId: string | null;
  readonly postId: string | null;
  /** A new comment or message; an edit or a removal of one is kept but not counted. */
  readonly counted: boolean;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

const networkOf = {
  'facebook-feed': 'facebook',
  messenger: 'facebook',
  instagram: 'instagram',
  'instagram-direct': 'instagram',
};
const kindOf = {
  'facebook-feed': 'comment',
  messenger: 'message',
  instagram: 'comment',
  'instagram-direct': 'message',
} as const;

function rowOf(recorded: RecordedEvent): SocialRow | null {
  const d = recorded.data as DomainEventOf<'InteractionRecorded'>['data'];
  if (d.details.channel !== 'social') return null;
  const common = {
    interactionId: d.interactionId,
    customerId: d.customerId,
    direction: d.direction,
    occurredAt: recorded.occurredAt.toISOString(),
    recordedAt: recorded.recordedAt.toISOString(),
  };
  // Erased: nothing but the channel can be read, not even whether it was an edit.
  if (!('platform' in d.details))
    return { ...common, network: ERASED_NETWORK, kind: 'unknown', pageId: null, postId: null, counted: true };
  const { platform, pageId, postId, verb } = d.details;
  // An edit or a removal of a comment is not a new comment.
  const counted = verb !== 'edited' && verb !== 'remove';
  return { ...common, network: networkOf[platform], kind: kindOf[platform], pageId, postId, counted };
}

async function insertRows(tx: SqlExecutor, rows: readonly SocialRow[]) {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO social_interactions (interaction_id, customer_id, network, kind, direction, page_id, post_id,
                                      occurred_at, recorded_at, counted)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                          $8::timestamptz[], $9::timestamptz[], $10::boolean[])
     ON CONFLICT (interaction_id) DO NOTHING`,
    [
      rows.map((r) => r.interactionId),
      rows.map((r) => r.customerId),
      rows.map((r) => r.network),
      rows.map((r) => r.kind),
      rows.map((r) => r.direction),
      rows.map((r) => r.pageId),
      rows.map((r) => r.postId),
      rows.map((r) => r.occurredAt),
      rows.map((r) => r.recordedAt),
      rows.map((r) => r.counted),
    ],
  );
}

export async function applySocialAnalyticsPage(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
  let rows: SocialRow[] = [];
  for (const recorded of page) {
    if (recorded.type === 'InteractionRecorded') {
      const row = rowOf(recorded);
      if (row) rows.push(row);
    } else if (recorded.type === 'CustomerErased') {
      await insertRows(tx, rows);
      rows = [];
      // The row is counted still; what a rebuild can no longer read (network, page, post, whether
      // it was an edit) goes, as does the link to the person, so a rebuild after the erasure gives
      // the same rows.
      await tx.query(
        `UPDATE social_interactions SET customer_id = NULL, network = $2, kind = 'unknown', page_id = NULL,
                post_id = NULL, counted = true
          WHERE customer_id = $1`,
        [(recorded.data as DomainEventOf<'CustomerErased'>['data']).customerId, ERASED_NETWORK],
      );
    }
  }
  await insertRows(tx, rows);
}

/**
 * Social comments and messages per network and topic. The network and the post are in the
 * interaction's sealed details: give it the store that opens them (the sealing one).
 *
 * Keyed by customer: an event writes only rows of its own stream's interactions (a merge moves
 * none; an erasure touches its own customer's), so shards may replay it side by side. Its rows are
 * facts keyed by the time they were recorded, so it can be replayed from a date.
 */
export const socialAnalyticsProjection: ProjectionDefinition = {
  name: SOCIAL_ANALYTICS_PROJECTION,
  filter: { streamPrefix: CUSTOMER_STREAM_PREFIX },
  readModel: { schema: 'analytics', tables: ['social_interactions'] },
  shardKey: (event) => event.streamId.slice(CUSTOMER_STREAM_PREFIX.length),
  async replayFrom(tx, from) {
    await tx.query('DELETE FROM social_interactions WHERE recorded_at >= $1', [from]);
  },
  apply: (tx, event) => applySocialAnalyticsPage(tx, [event]),
  applyPage: applySocialAnalyticsPage,
};
