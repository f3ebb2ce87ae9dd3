import { createHmac } from 'node:crypto';
import {
  type CandidateConversation,
  conversationDecider,
  DEFAULT_CALL_WINDOW_MS,
  matchConversation,
  threadKeysOf,
} from '@hub/conversations';
import { handleCommand } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import {
  type ConversationStatus,
  conversationStream,
  type DomainEventOf,
  decodeEvent,
  type RecordedEvent,
} from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';

export const CONVERSATION_LINKER = 'conversation-linker';

export interface LinkerDependencies {
  /** The sealing store: the linker reads interactions' details in clear. */
  readonly store: EventStore;
  /** Keys thread keys' hashes, so the index names nobody (derived from the master key). */
  readonly indexKey: Buffer;
  /**
   * Which inbox an interaction arrives in (given the database to look configured inboxes up in);
   * by default one inbox per channel, named after it.
   */
  readonly inboxOf?: (
    interaction: DomainEventOf<'InteractionRecorded'>['data'],
    db: SqlExecutor,
  ) => string | Promise<string>;
  readonly callWindowMs?: number;
}

interface CandidateRow {
  conversation_id: string;
  customer_id: string;
  channel: CandidateConversation['channel'];
  last_activity_at: Date;
  status: ConversationStatus | null;
  key_hash: string | null;
}

/**
 * Puts every recorded interaction into a conversation: the one of its thread (by Message-ID,
 * In-Reply-To, References, chat, Messenger thread, post; a header-less email by subject; a call
 * into the caller's recent conversation), else a new one. Runs as a projection over the customer
 * streams: each interaction is decided once, in order, and its thread keys are indexed in the
 * same transaction as the checkpoint. The conversation is changed through its decider and
 * command handler; ids derived from the interaction make a replay append nothing twice.
 */
export function conversationLinker(deps: LinkerDependencies) {
  const hash = (key: string) => createHmac('sha256', deps.indexKey).update(key).digest('base64url');
  const inboxOf = deps.inboxOf ?? ((interaction) => interaction.details.channel);

  async function candidates(tx: SqlExecutor, lookup: readonly string[], customerId: string, byCustomer: boolean) {
    const keyOfHash = new Map(lookup.map((key) => [hash(key), key]));
    const hashes = [...keyOfHash.keys()];
    const rows = await tx.query<CandidateRow>(
      `SELECT l.conversation_id, l.customer_id, l.channel, l.last_activity_at, c.status, k.key_hash
         FROM workspace.linked_conversations l
         JOIN workspace.thread_keys k ON k.conversation_id = l.conversation_id AND k.key_hash = ANY($1::text[])
         LEFT JOIN read_models.conversations c ON c.conversation_id = l.conversation_id
       UNION ALL
       SELECT l.conversation_id, l.customer_id, l.channel, l.last_activity_at, c.status, NULL
         FROM workspace.linked_conversations l
         LEFT JOIN read_models.conversations c ON c.conversation_id = l.conversation_id
        WHERE $3 AND l.customer_id = $2
        ORDER BY 4 DESC LIMIT 50`,
      [hashes, customerId, byCustomer],
    );
    const byId = new Map<string, CandidateConversation & { threadKeys: string[] }>();
    for (const row of rows) {
      const candidate = byId.get(row.conversation_id) ?? {
        conversationId: row.conversation_id,
        customerId: row.customer_id,
        channel: row.channel,
        lastActivityAt: new Date(row.last_activity_at),
        // Not projected yet: it was opened a moment ago, so it is open.
        status: row.status ?? 'open',
        threadKeys: [],
      };
      // Matching compares keys: give it the clear keys this conversation holds among those looked up.
      const key = row.key_hash ? keyOfHash.get(row.key_hash) : undefined;
      if (key !== undefined) candidate.threadKeys.push(key);
      byId.set(row.conversation_id, candidate);
    }
    return [...byId.values()];
  }

  async function apply(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
    if (recorded.type !== 'InteractionRecorded') return;
    const { data } = decodeEvent(recorded) as DomainEventOf<'InteractionRecorded'>;
    const interaction = { customerId: data.customerId, occurredAt: recorded.occurredAt, details: data.details };
    const keys = threadKeysOf(interaction);
    const match = matchConversation({
      interaction,
      candidates: await candidates(tx, keys.lookup, data.customerId, keys.byCustomer),
      callWindowMs: deps.callWindowMs ?? DEFAULT_CALL_WINDOW_MS,
    });
    const conversationId =
      match.kind === 'join' ? match.conversationId : uuidV5(`conversation-opened-by:${data.interactionId}`);
    const message = {
      interactionId: data.interactionId,
      channel: data.details.channel,
      occurredAt: recorded.occurredAt,
      threadKeys: keys.index,
    };
    const common = {
      conversationId,
      customerId: data.customerId,
      inboxId: await inboxOf(data, tx),
      subject: 'subject' in data.details ? (data.details.subject as string | null) || null : null,
      message,
      now: recorded.recordedAt,
    };
    await handleCommand({
      store: deps.store,
      streamId: conversationStream(conversationId),
      decider: conversationDecider,
      command:
        data.direction === 'inbound'
          ? { kind: 'AttachInbound', ...common }
          : { kind: 'AttachOutbound', ...common, actor: { kind: 'system', process: 'intake' } },
      eventContext: (_event, index) => ({
        id: uuidV5(`${CONVERSATION_LINKER}:${data.interactionId}:${conversationId}:${index}`),
        occurredAt: recorded.occurredAt,
        causationId: recorded.id,
        metadata: { [PERSONAL_DATA_OF]: data.customerId },
      }),
    });
    await tx.query(
      `INSERT INTO workspace.linked_conversations (conversation_id, customer_id, channel, last_activity_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (conversation_id) DO UPDATE SET last_activity_at = greatest(linked_conversations.last_activity_at, $4)`,
      [conversationId, data.customerId, data.details.channel, recorded.occurredAt],
    );
    if (keys.index.length > 0) {
      await tx.query(
        `INSERT INTO workspace.thread_keys (key_hash, conversation_id)
         SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING`,
        [keys.index.map(hash), conversationId],
      );
    }
  }

  const definition: ProjectionDefinition = {
    name: CONVERSATION_LINKER,
    filter: { streamPrefix: 'customer-' },
    readModel: { schema: 'workspace', tables: ['thread_keys', 'linked_conversations'] },
    // It appends to conversation streams: run outside the page's transaction (see `reactor`).
    reactor: true,
    apply,
  };
  return definition;
}
