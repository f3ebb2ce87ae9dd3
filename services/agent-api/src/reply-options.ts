import { HubError } from '@hub/errors';
import type { SqlExecutor } from '@hub/sql';
import { customerGroup } from './customer-group.ts';
import { type LastInbound, type ReplyAddress, replyAddress, replyOptions } from './reply-address.ts';

type InboundRow = { details: LastInbound['details']; kind: string; value: string };
const lastInbound = (row: InboundRow, subject: string | null): LastInbound => ({
  details: row.details,
  contact: { kind: row.kind, value: row.value },
  subject,
});

/** The conversation as a reply needs it: its id, its customer and subject (the decider's state). */
export interface ReplyingTo {
  readonly conversationId: string;
  readonly customerId: string;
  readonly subject: string | null;
}

/**
 * Where a reply goes by default: on the channel of the customer's last message in the
 * conversation (threaded, for email). 409 when the customer has not written in it, or cannot be
 * answered on it (erased; a form without an email address).
 */
export async function defaultReplyAddress(db: SqlExecutor, to: ReplyingTo): Promise<ReplyAddress> {
  const [last] = await db.query<InboundRow>(
    `SELECT t.details, t.contact_kind AS kind, t.contact_value AS value
       FROM read_models.conversation_items i JOIN read_models.timeline t ON t.interaction_id = i.interaction_id
      WHERE i.conversation_id = $1 AND i.kind = 'message' AND t.direction = 'inbound'
      ORDER BY i.revision DESC LIMIT 1`,
    [to.conversationId],
  );
  if (!last) throw new HubError('CONVERSATION_CONFLICT', 'the customer has not written in this conversation yet');
  return replyAddress(lastInbound(last, to.subject));
}

/**
 * Every way a reply in this conversation can reach the customer, the default first (see
 * `replyOptions`): the customer's last message on each channel (through the timeline's index by
 * customer) and their email addresses, those of customers merged into them included.
 */
export async function loadReplyOptions(db: SqlExecutor, to: ReplyingTo, own?: ReplyAddress): Promise<ReplyAddress[]> {
  own ??= await defaultReplyAddress(db, to);
  // The customer as agents see them: with everyone merged into them.
  const ids = (await customerGroup(db, to.customerId))?.customerIds ?? [to.customerId];
  const [elsewhere, emails] = await Promise.all([
    db.query<InboundRow & { occurred_at: Date }>(
      `SELECT * FROM (
         SELECT DISTINCT ON (channel) details, contact_kind AS kind, contact_value AS value, occurred_at
           FROM read_models.timeline
          WHERE customer_id = ANY($1::text[]) AND direction = 'inbound'
          ORDER BY channel, occurred_at DESC) last
        ORDER BY occurred_at DESC`,
      [ids],
    ),
    db.query<{ value: string }>(
      `SELECT value FROM read_models.customer_identifiers WHERE customer_id = ANY($1::text[]) AND kind = 'email' ORDER BY value`,
      [ids],
    ),
  ]);
  return replyOptions(
    own,
    elsewhere.map((row) => lastInbound(row, to.subject)),
    emails.map((row) => row.value),
    to.subject,
  );
}

/** The address for a reply the agent sent by `channel` (the default when none): 400 when it cannot go that way. */
export async function chosenReplyAddress(
  db: SqlExecutor,
  to: ReplyingTo,
  channel: ReplyAddress['channel'] | undefined,
): Promise<ReplyAddress> {
  const own = await defaultReplyAddress(db, to);
  if (channel === undefined || channel === own.channel) return own;
  const options = await loadReplyOptions(db, to, own);
  const chosen = options.find((option) => option.channel === channel);
  if (!chosen) {
    throw new HubError(
      'INVALID_INPUT',
      `invalid reply: channel: the customer cannot be reached by ${channel} here (${options.map((o) => o.channel).join(', ')} can)`,
    );
  }
  return chosen;
}
