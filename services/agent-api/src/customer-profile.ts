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
  };
}
