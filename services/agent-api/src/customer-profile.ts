import { type CaseSummary, listCases } from '@hub/cases';
import type { SqlExecutor } from '@hub/sql';
import { findCustomer } from '@hub/timeline';
import { customerGroup } from './customer-group.ts';

export interface CustomerProfile {
  readonly customerId: string;
  /** Customers merged into this one: their conversations and cases are shown here. */
  readonly mergedIds: string[];
  readonly displayName: string | null;
  readonly identifiers: { kind: string; value: string }[];
  /** Each channel the customer was in touch on, with how often and when last. */
  readonly channels: { channel: string; interactions: number; lastAt: string }[];
  readonly lastContact: { at: string; channel: string; direction: string } | null;
  readonly openConversations: {
    id: string;
    channel: string;
    subject: string | null;
    status: string;
    assigneeId: string | null;
    lastActivityAt: string;
  }[];
  readonly openCases: CaseSummary[];
  /** Customers merged into this one, each of which an unmerge gives back. */
  readonly merged: { customerId: string; displayName: string | null }[];
  /** Other customers who may be this person, with the interactions that brought them together. */
  readonly mergeCandidates: MergeCandidate[];
}

export interface MergeCandidate {
  readonly customerId: string;
  readonly displayName: string | null;
  readonly identifiers: { kind: string; value: string }[];
  /** Interactions where their identifiers and this customer's were seen together. */
  readonly evidence: { interactionId: string; detectedAt: string; channel: string | null; summary: string | null }[];
}

const iso = (d: Date) => new Date(d).toISOString();
const SHOWN = 50;

/**
 * What an agent sees of a customer at a glance, read from the timeline, inbox and cases read
 * models (each rebuildable from the store, so the profile is too). A merged customer's profile is
 * its survivor's; an erased customer has none.
 */
export async function customerProfile(db: SqlExecutor, customerId: string): Promise<CustomerProfile | undefined> {
  const group = await customerGroup(db, customerId);
  if (!group) return undefined;
  const customer = await findCustomer(db, group.survivorId);
  if (!customer) return undefined;
  const ids = group.customerIds;
  const channels = await db.query<{ channel: string; interactions: number; last_at: Date }>(
    `SELECT channel, count(*)::int AS interactions, max(occurred_at) AS last_at FROM read_models.timeline
      WHERE customer_id = ANY($1::text[]) GROUP BY channel ORDER BY max(occurred_at) DESC`,
    [ids],
  );
  const [last] = await db.query<{ occurred_at: Date; channel: string; direction: string }>(
    `SELECT occurred_at, channel, direction FROM read_models.timeline WHERE customer_id = ANY($1::text[])
      ORDER BY occurred_at DESC, interaction_id DESC LIMIT 1`,
    [ids],
  );
  const conversations = await db.query<{
    conversation_id: string;
    channel: string;
    subject: string | null;
    status: string;
    assignee_id: string | null;
    last_activity_at: Date;
  }>(
    `SELECT conversation_id, channel, subject, status, assignee_id, last_activity_at FROM read_models.conversations
      WHERE customer_id = ANY($1::text[]) AND status <> 'resolved'
      ORDER BY last_activity_at DESC, conversation_id DESC LIMIT ${SHOWN}`,
    [ids],
  );
  const { cases } = await listCases(db, { customerIds: ids, openOnly: true, limit: SHOWN });
  const merged = await db.query<{ customer_id: string; display_name: string | null }>(
    `SELECT customer_id, display_name FROM read_models.customers
      WHERE customer_id = ANY($1::text[]) AND customer_id <> $2 ORDER BY customer_id`,
    [ids, group.survivorId],
  );
  return {
    customerId: group.survivorId,
    mergedIds: ids.filter((id) => id !== group.survivorId),
    displayName: customer.displayName,
    identifiers: customer.identifiers,
    channels: channels.map((c) => ({
      channel: c.channel,
      interactions: Number(c.interactions),
      lastAt: iso(c.last_at),
    })),
    lastContact: last ? { at: iso(last.occurred_at), channel: last.channel, direction: last.direction } : null,
    openConversations: conversations.map((c) => ({
      id: c.conversation_id,
      channel: c.channel,
      subject: c.subject,
      status: c.status,
      assigneeId: c.assignee_id,
      lastActivityAt: iso(c.last_activity_at),
    })),
    openCases: cases,
    merged: merged.map((m) => ({ customerId: m.customer_id, displayName: m.display_name })),
    mergeCandidates: await mergeCandidates(db, ids),
  };
}

/**
 * The customers the writer found sharing an interaction with one of `ids` (either side of the
 * pair), neither merged since nor erased, newest evidence first.
 */
async function mergeCandidates(db: SqlExecutor, ids: readonly string[]): Promise<MergeCandidate[]> {
  const rows = await db.query<{
    customer_id: string;
    display_name: string | null;
    interaction_id: string;
    detected_at: Date;
    channel: string | null;
    summary: string | null;
  }>(
    `SELECT m.other AS customer_id, c.display_name, m.interaction_id, m.detected_at, t.channel, t.summary
       FROM (SELECT candidate_id AS other, interaction_id, detected_at FROM read_models.merge_candidates
              WHERE customer_id = ANY($1::text[])
             UNION
             SELECT customer_id, interaction_id, detected_at FROM read_models.merge_candidates
              WHERE candidate_id = ANY($1::text[])) m
       JOIN read_models.customers c ON c.customer_id = m.other AND c.merged_into IS NULL AND c.erased_at IS NULL
       LEFT JOIN read_models.timeline t ON t.interaction_id = m.interaction_id
      WHERE m.other <> ALL($1::text[])
      ORDER BY m.detected_at DESC, m.interaction_id
      LIMIT ${SHOWN}`,
    [ids],
  );
  const others = [...new Set(rows.map((row) => row.customer_id))];
  if (others.length === 0) return [];
  const identifiers = await db.query<{ customer_id: string; kind: string; value: string }>(
    `SELECT customer_id, kind, value FROM read_models.customer_identifiers
      WHERE customer_id = ANY($1::text[]) ORDER BY kind, value`,
    [others],
  );
  return others.map((customerId) => {
    const evidence = rows.filter((row) => row.customer_id === customerId);
    return {
      customerId,
      displayName: evidence[0]?.display_name ?? null,
      identifiers: identifiers
        .filter((i) => i.customer_id === customerId)
        .map((i) => ({ kind: i.kind, value: i.value })),
      evidence: evidence.map((row) => ({
        interactionId: row.interaction_id,
        detectedAt: iso(row.detected_at),
        channel: row.channel,
        summary: row.summary,
      })),
    };
  });
}
