import { type DomainEvent, decodeEvent, type RecordedEvent } from '@hub/events';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';
import { refreshSearchTexts } from './search-text.sql.ts';
import { applyTimelineEvent, TIMELINE_PROJECTION, timelineReadModel } from './timeline.projection.ts';

/**
 * The events of a first contact and of every interaction after it: they only add rows, so a run
 * of them can be applied together. Merges, unmerges, unlinks and erasures move or remove rows and
 * are applied one at a time, in order, between runs.
 */
const ADDITIVE = new Set<string>([
  'CustomerRegistered',
  'CustomerIdentifierLinked',
  'InteractionRecorded',
  'MergeCandidateDetected',
] satisfies DomainEvent['type'][]);

/**
 * Rows of one kind as a jsonb[] parameter, read back with unnest: the planner sees how many rows
 * the array holds (jsonb_array_elements is always guessed at 100), so the joins it makes against
 * customers stay index probes whatever the statistics say.
 */
const json = (rows: readonly unknown[]) => [rows.map((row) => JSON.stringify(row))];

// A new customer row takes the time of the first event that names the customer, in page order,
// as applying one by one does (not the earliest: messages arrive out of order).
const ensureCustomersSql = `
  INSERT INTO customers (customer_id, created_at)
  SELECT DISTINCT ON (x.c->>'customerId') x.c->>'customerId', (x.c->>'at')::timestamptz
    FROM unnest($1::jsonb[]) WITH ORDINALITY AS x(c, ord)
   ORDER BY x.c->>'customerId', x.ord
  ON CONFLICT DO NOTHING`;

// The first registration of a customer names it, as applying them one by one would.
const registerSql = `
  UPDATE customers c
     SET display_name = coalesce(c.display_name, r.display_name),
         first_channel = coalesce(c.first_channel, r.first_channel),
         created_at = least(c.created_at, r.at)
    FROM (SELECT DISTINCT ON (x.r->>'customerId') x.r->>'customerId' AS customer_id,
                 x.r->>'displayName' AS display_name, x.r->>'firstChannel' AS first_channel,
                 (x.r->>'at')::timestamptz AS at
            FROM unnest($1::jsonb[]) WITH ORDINALITY AS x(r, ord)
           ORDER BY x.r->>'customerId', x.ord) r
   WHERE c.customer_id = r.customer_id`;

const linkSql = `
  INSERT INTO customer_identifiers (kind, value, customer_id)
  SELECT x.i->>'kind', x.i->>'value', x.i->>'customerId' FROM unnest($1::jsonb[]) AS x(i)
  ON CONFLICT (kind, value) DO UPDATE SET customer_id = EXCLUDED.customer_id`;

// Forwarded to the survivor of a merge, inserted once, each customer's count moved once.
const recordInteractionsSql = `
  WITH entry AS (
    SELECT x.r->>'customerId' AS customer_id, x.r->>'interactionId' AS interaction_id,
           (x.r->>'occurredAt')::timestamptz AS occurred_at, x.r->>'channel' AS channel,
           x.r->>'direction' AS direction, x.r->>'conversationId' AS conversation_id,
           x.r->>'contactKind' AS contact_kind, x.r->>'contactValue' AS contact_value, x.r->>'summary' AS summary,
           x.r->>'text' AS body_text, x.r->>'html' AS body_html, x.r->'details' AS details,
           (x.r->>'recordedAt')::timestamptz AS recorded_at, x.ord
      FROM unnest($1::jsonb[]) WITH ORDINALITY AS x(r, ord)
  ), inserted AS (
    INSERT INTO timeline (interaction_id, customer_id, occurred_at, channel, direction, conversation_id,
      contact_kind, contact_value, summary, body_text, body_html, details, recorded_at)
    SELECT e.interaction_id, coalesce(c.merged_into, e.customer_id), e.occurred_at, e.channel, e.direction,
           e.conversation_id, e.contact_kind, e.contact_value, e.summary, e.body_text, e.body_html, e.details,
           e.recorded_at
      FROM entry e LEFT JOIN customers c ON c.customer_id = e.customer_id
     ORDER BY e.ord
    ON CONFLICT (interaction_id) DO NOTHING RETURNING customer_id, occurred_at
  ), counted AS (
    SELECT customer_id, count(*) AS n, max(occurred_at) AS latest FROM inserted GROUP BY customer_id
  )
  UPDATE customers c SET interaction_count = c.interaction_count + counted.n,
    last_interaction_at = greatest(c.last_interaction_at, counted.latest)
  FROM counted WHERE c.customer_id = counted.customer_id`;

const candidatesSql = `
  INSERT INTO merge_candidates (customer_id, candidate_id, interaction_id, detected_at)
  SELECT x.m->>'customerId', x.m->>'candidateId', x.m->>'interactionId', (x.m->>'at')::timestamptz
    FROM unnest($1::jsonb[]) AS x(m)
  ON CONFLICT DO NOTHING`;

/** A run of additive events in at most seven statements, leaving the rows one-by-one would. */
async function applyRun(tx: SqlExecutor, run: readonly RecordedEvent[]): Promise<void> {
  const ensure: { customerId: string; at: string }[] = [];
  const registrations: { customerId: string; displayName: string | null; firstChannel: string; at: string }[] = [];
  const links = new Map<string, { kind: string; value: string; customerId: string }>();
  const interactions: Record<string, unknown>[] = [];
  const candidates: { customerId: string; candidateId: string; interactionId: string; at: string }[] = [];
  for (const recorded of run) {
    const event = decodeEvent(recorded);
    const at = recorded.occurredAt.toISOString();
    switch (event.type) {
      case 'CustomerRegistered':
        ensure.push({ customerId: event.data.customerId, at });
        registrations.push({ ...event.data, displayName: event.data.displayName ?? null, at });
        break;
      case 'CustomerIdentifierLinked': {
        const { customerId, identifier } = event.data;
        ensure.push({ customerId, at });
        links.set(`${identifier.kind}:${identifier.value}`, { ...identifier, customerId }); // the last link wins
        break;
      }
      case 'InteractionRecorded': {
        const { data } = event;
        ensure.push({ customerId: data.customerId, at });
        interactions.push({
          customerId: data.customerId,
          interactionId: data.interactionId,
          occurredAt: at,
          channel: data.details.channel,
          direction: data.direction,
          conversationId: data.conversationId,
          contactKind: data.contact.kind,
          contactValue: data.contact.value,
          summary: data.summary,
          text: data.text,
          html: data.html,
          details: data.details,
          recordedAt: recorded.recordedAt.toISOString(),
        });
        break;
      }
      case 'MergeCandidateDetected':
        for (const candidateId of event.data.candidateIds) {
          const { customerId, evidence } = event.data;
          candidates.push({ customerId, candidateId, interactionId: evidence.interactionId, at });
        }
        break;
      default:
        throw new Error(`${event.type} is not additive`);
    }
  }
  if (ensure.length > 0) await tx.query(ensureCustomersSql, json(ensure));
  if (registrations.length > 0) await tx.query(registerSql, json(registrations));
  // Sorted, as any multi-row upsert should be, though one projector never races another.
  const linked = [...links.values()].sort((a, b) => (a.kind + a.value < b.kind + b.value ? -1 : 1));
  if (linked.length > 0) await tx.query(linkSql, json(linked));
  await refreshSearchTexts(tx, [...registrations.map((r) => r.customerId), ...linked.map((l) => l.customerId)]);
  if (interactions.length > 0) await tx.query(recordInteractionsSql, json(interactions));
  if (candidates.length > 0) await tx.query(candidatesSql, json(candidates));
}

/**
 * Applies a page: each run of additive events (the bulk of any page) together, every other event
 * on its own, in order. The rows are those of applying the events one by one (a test compares).
 */
export async function applyTimelinePage(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
  let run: RecordedEvent[] = [];
  for (const event of page) {
    if (ADDITIVE.has(event.type)) {
      run.push(event);
      continue;
    }
    if (run.length > 0) await applyRun(tx, run);
    run = [];
    await applyTimelineEvent(tx, event);
  }
  if (run.length > 0) await applyRun(tx, run);
}

/** The timeline projection: customers, identifiers, timeline entries and merge candidates. */
export const timelineProjection: ProjectionDefinition = {
  name: TIMELINE_PROJECTION,
  filter: { streamPrefix: 'customer-' },
  readModel: timelineReadModel,
  apply: applyTimelineEvent,
  applyPage: applyTimelinePage,
};
