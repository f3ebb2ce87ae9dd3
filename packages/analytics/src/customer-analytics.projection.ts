import type { DomainEventOf, RecordedEvent } from '@hub/events';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';

export const CUSTOMER_ANALYTICS_PROJECTION = 'analytics-customers';

interface Contact {
  readonly interactionId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

async function insertContacts(tx: SqlExecutor, contacts: readonly Contact[]) {
  if (contacts.length === 0) return;
  await tx.query(
    `INSERT INTO customer_contacts (interaction_id, customer_id, channel, occurred_at, recorded_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[])
     ON CONFLICT (interaction_id) DO NOTHING`,
    [
      contacts.map((c) => c.interactionId),
      contacts.map((c) => c.customerId),
      contacts.map((c) => c.channel),
      contacts.map((c) => c.occurredAt),
      contacts.map((c) => c.recordedAt),
    ],
  );
}

/**
 * Merges are rare: each is applied on its own, in its place in the page; the contacts between
 * them go in one statement. Both sides of a merge record it: the first one makes the row.
 */
async function applyCustomerChange(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
  const at = recorded.recordedAt.toISOString();
  if (recorded.type === 'CustomersMerged') {
    const d = recorded.data as DomainEventOf<'CustomersMerged'>['data'];
    await tx.query(
      `INSERT INTO customer_merges (merged_id, survivor_id, merged_at)
       SELECT $1, $2, $3 WHERE NOT EXISTS
         (SELECT 1 FROM customer_merges WHERE merged_id = $1 AND survivor_id = $2 AND unmerged_at IS NULL)
       ON CONFLICT DO NOTHING`,
      [d.mergedId, d.survivorId, at],
    );
  } else if (recorded.type === 'CustomersUnmerged') {
    const d = recorded.data as DomainEventOf<'CustomersUnmerged'>['data'];
    await tx.query(
      `UPDATE customer_merges SET unmerged_at = $3
        WHERE merged_id = $1 AND survivor_id = $2 AND unmerged_at IS NULL`,
      [d.restoredId, d.survivorId, at],
    );
    // What the survivor held of the restored customer's contacts is theirs again.
    if (d.interactionIds.length > 0)
      await tx.query('UPDATE customer_contacts SET customer_id = $1 WHERE interaction_id = ANY($2::text[])', [
        d.restoredId,
        d.interactionIds,
      ]);
  } else if (recorded.type === 'CustomerErased') {
    // Counts stay (the contacts, without whose they were); nothing points at the person any more.
    const { customerId } = recorded.data as DomainEventOf<'CustomerErased'>['data'];
    await tx.query('UPDATE customer_contacts SET customer_id = NULL WHERE customer_id = $1', [customerId]);
    await tx.query('DELETE FROM customer_merges WHERE merged_id = $1 OR survivor_id = $1', [customerId]);
  }
}

const changes = new Set(['CustomersMerged', 'CustomersUnmerged', 'CustomerErased']);

export async function applyCustomerAnalyticsPage(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
  let contacts: Contact[] = [];
  for (const recorded of page) {
    if (recorded.type === 'InteractionRecorded') {
      const d = recorded.data as { interactionId: string; customerId: string; direction: string; details: unknown };
      if (d.direction !== 'inbound') continue;
      contacts.push({
        interactionId: d.interactionId,
        customerId: d.customerId,
        // Readable as stored: sealing keeps an interaction's channel beside the sealed details.
        channel: (d.details as { channel: string }).channel,
        occurredAt: recorded.occurredAt.toISOString(),
        recordedAt: recorded.recordedAt.toISOString(),
      });
    } else if (changes.has(recorded.type)) {
      await insertContacts(tx, contacts);
      contacts = [];
      await applyCustomerChange(tx, recorded);
    }
  }
  await insertContacts(tx, contacts);
}

/**
 * Each customer's own contacts (inbound interactions) and the merge map, for channel preference
 * and switching. Reads facts only (customer ids, channels, merge pairs): give it the store as stored.
 */
export const customerAnalyticsProjection: ProjectionDefinition = {
  name: CUSTOMER_ANALYTICS_PROJECTION,
  filter: { streamPrefix: 'customer-' },
  readModel: { schema: 'analytics', tables: ['customer_contacts', 'customer_merges'] },
  apply: (tx, event) => applyCustomerAnalyticsPage(tx, [event]),
  applyPage: applyCustomerAnalyticsPage,
};
