import { conversationDecider } from '@hub/conversations';
import { handleCommand } from '@hub/decider';
import { isHubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { conversationStream, type DomainEventOf, decodeEvent, type RecordedEvent } from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import type { Logger } from '@hub/logger';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import type { ProjectionDefinition } from '@hub/projections';
import { requestReply } from '@hub/replies';
import type { SqlExecutor } from '@hub/sql';
import { signCsatToken } from './csat-token.ts';
import { type LastInbound, replyAddress } from './reply-address.ts';

export const CSAT_REQUESTS = 'csat-requests';
export const CSAT_ACTOR = { kind: 'system', process: 'csat' } as const;
/**
 * A resolution older than this is not asked about: a hub that starts this reactor on an old
 * history (first deploy, a reset checkpoint) does not mail everyone who was ever helped.
 */
export const CSAT_MAX_RESOLUTION_AGE_MS = 24 * 60 * 60 * 1000;

export interface CsatRequestDependencies {
  /** The sealing store: the request's recipient and words are the customer's personal data. */
  readonly store: EventStore;
  readonly now: () => Date;
  /** Signs the rating links (derived from the master key). */
  readonly linkKey: Buffer;
  /** `HUB_PUBLIC_URL`: the links point at `<publicUrl>/v1/csat/<token>`. */
  readonly publicUrl: string;
  readonly linkTtlMs: number;
  readonly logger: Logger;
}

/** The text of a rating request, with its link. */
export const csatRequestText = (link: string, expiresAt: Date) =>
  [
    'Your conversation with us is resolved. How did we do?',
    `Rate it from 1 (poor) to 5 (excellent), with a comment if you like: ${link}`,
    '',
    `The link works until ${expiresAt.toISOString().slice(0, 10)}.`,
  ].join('\n');

/**
 * Asks the customer for a rating when a conversation is resolved, on its channel: resolving
 * records CsatRequested (once per resolution, by the conversation's decider), and CsatRequested
 * becomes a reply through the outbox: an email with the link, a widget message (held until the
 * visitor is back), a Telegram or Messenger message. The reply's id is derived from the
 * CsatRequested event, so a replay requests it once and the outbox sends it once. A phone
 * conversation, or one the customer never wrote in, gets none (logged).
 */
export function csatRequests(deps: CsatRequestDependencies): ProjectionDefinition {
  async function requestRating(recorded: RecordedEvent, data: DomainEventOf<'ConversationStatusChanged'>['data']) {
    try {
      await handleCommand({
        store: deps.store,
        streamId: conversationStream(data.conversationId),
        decider: conversationDecider,
        command: { kind: 'RequestCsat', actor: CSAT_ACTOR, now: deps.now() },
        eventContext: (_event, _index, state) => ({
          id: uuidV5(`csat-request:${recorded.id}`),
          occurredAt: deps.now(),
          metadata: state.exists ? { [PERSONAL_DATA_OF]: state.customerId } : {},
        }),
      });
    } catch (error) {
      // Reopened since (or a replayed, older resolution): the next resolution asks.
      if (isHubError(error, 'CONVERSATION_CONFLICT') || isHubError(error, 'DUPLICATE_EVENT_ID')) return;
      throw error;
    }
  }

  async function sendRequest(db: SqlExecutor, recorded: RecordedEvent, data: DomainEventOf<'CsatRequested'>['data']) {
    const { conversationId } = data;
    const [last] = await db.query<{
      details: LastInbound['details'];
      kind: string;
      value: string;
      subject: string | null;
      customer_id: string;
    }>(
      `SELECT t.details, t.contact_kind AS kind, t.contact_value AS value, c.subject, c.customer_id
         FROM read_models.conversation_items i
         JOIN read_models.timeline t ON t.interaction_id = i.interaction_id
         JOIN read_models.conversations c ON c.conversation_id = i.conversation_id
        WHERE i.conversation_id = $1 AND i.kind = 'message' AND t.direction = 'inbound'
        ORDER BY i.revision DESC LIMIT 1`,
      [conversationId],
    );
    if (!last) {
      deps.logger.info({ conversationId }, 'no rating request: the customer has not written in this conversation');
      return;
    }
    let address: ReturnType<typeof replyAddress>;
    try {
      address = replyAddress({ details: last.details, contact: last, subject: last.subject });
    } catch (error) {
      if (!isHubError(error)) throw error;
      deps.logger.info({ conversationId, reason: error.message }, 'no rating request on this channel');
      return;
    }
    if (address.channel === 'phone') {
      deps.logger.info({ conversationId }, 'no rating request: a phone conversation');
      return;
    }
    const expiresAt = new Date(deps.now().getTime() + deps.linkTtlMs);
    const link = `${deps.publicUrl.replace(/\/$/, '')}/v1/csat/${signCsatToken(deps.linkKey, conversationId, expiresAt)}`;
    await requestReply(
      deps.store,
      {
        replyId: uuidV5(`csat-reply:${recorded.id}`),
        conversationId,
        customerId: last.customer_id,
        ...address,
        references: [...address.references],
        text: csatRequestText(link, expiresAt),
        html: null,
        attachments: [],
        actor: 'system:csat',
      },
      deps.now(),
    );
  }

  return {
    name: CSAT_REQUESTS,
    filter: { streamPrefix: 'conversation-' },
    readModel: { schema: 'read_models', tables: [] },
    // It appends (CsatRequested, the rating request's reply): outside the page's transaction.
    reactor: true,
    async apply(db, recorded) {
      if (recorded.type === 'ConversationStatusChanged') {
        const event = decodeEvent(recorded) as DomainEventOf<'ConversationStatusChanged'>;
        const age = deps.now().getTime() - Date.parse(event.data.at);
        if (event.data.status === 'resolved' && age <= CSAT_MAX_RESOLUTION_AGE_MS)
          await requestRating(recorded, event.data);
      } else if (recorded.type === 'CsatRequested') {
        await sendRequest(db, recorded, (decodeEvent(recorded) as DomainEventOf<'CsatRequested'>).data);
      }
    },
  };
}
