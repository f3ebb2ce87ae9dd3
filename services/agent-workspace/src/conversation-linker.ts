import { createHmac } from 'node:crypto';
import {
  type CandidateConversation,
  type ConversationEvent,
  type ConversationState,
  conversationDecider,
  DEFAULT_CALL_WINDOW_MS,
  matchConversation,
  threadKeysOf,
} from '@hub/conversations';
import { fold, loadAggregate } from '@hub/decider';
import { isHubError } from '@hub/errors';
import type { EventStore, StreamAppend } from '@hub/event-store';
import {
  type ConversationStatus,
  conversationStream,
  type DomainEventOf,
  decodeEvent,
  encodeEvent,
  type RecordedEvent,
} from '@hub/events';
import { uuidV5 } from '@hub/interactions';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import type { ProjectionDefinition } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';

export const CONVERSATION_LINKER = 'conversation-linker';

type Interaction = DomainEventOf<'InteractionRecorded'>['data'];

export interface LinkerDependencies {
  /** The sealing store: the linker reads interactions' details in clear. */
  readonly store: EventStore;
  /** Keys thread keys' hashes, so the index names nobody (derived from the master key). */
  readonly indexKey: Buffer;
  /**
   * Which inbox interactions arrive in, read once per page (given the database to look configured
   * inboxes up in); by default one inbox per channel, named after it.
   */
  readonly inboxes?: (db: SqlExecutor) => Promise<(interaction: Interaction) => string>;
  readonly callWindowMs?: number;
  /** Tries of a page whose conversations another writer changed between read and append (5). */
  readonly conflictRetries?: number;
}

interface CandidateRow {
  conversation_id: string;
  customer_id: string;
  channel: CandidateConversation['channel'];
  last_activity_at: Date;
  status: ConversationStatus | null;
  key_hash: string | null;
}

/** A conversation as the page knows it: what the index said, then what the page decided. */
interface Known {
  conversationId: string;
  customerId: string;
  channel: CandidateConversation['channel'];
  lastActivityAt: Date;
  status: ConversationStatus;
  keyHashes: Set<string>;
  /** Found in the index, so its stream exists; else the page opens it (no stream to read yet). */
  indexed: boolean;
}

interface Filing {
  readonly recorded: RecordedEvent;
  readonly data: Interaction;
  readonly conversationId: string;
  readonly threadKeys: readonly string[];
  /** The conversation is new to the index: on a first try its stream is taken not to exist. */
  readonly opensStream: boolean;
}

/** Candidates per customer looked at for a call (the most recently active). */
const CUSTOMER_CANDIDATES = 50;

/**
 * Puts every recorded interaction into a conversation: the one of its thread (by Message-ID,
 * In-Reply-To, References, chat, Messenger thread, post; a header-less email by subject; a call
 * into the caller's recent conversation), else a new one. Runs as a projection over the customer
 * streams, a page at a time: one query finds the candidate conversations of every interaction of
 * the page, the interactions are matched in order in memory (an interaction joins a conversation
 * an earlier one of the page opened), each touched conversation is read once, decided through
 * its decider and appended at the revision read (all in one `appendToStreams`), and the thread
 * keys are indexed in one statement. Ids derived from the interaction make a replay append
 * nothing twice; a page that lost a race with another writer is decided again.
 */
export function conversationLinker(deps: LinkerDependencies) {
  const hash = (key: string) => createHmac('sha256', deps.indexKey).update(key).digest('base64url');
  const inboxes = deps.inboxes ?? (async () => (interaction: Interaction) => interaction.details.channel);
  const callWindowMs = deps.callWindowMs ?? DEFAULT_CALL_WINDOW_MS;
  const conflictRetries = deps.conflictRetries ?? 5;

  /** What the index knows of the conversations holding these keys, and of these callers' recent ones. */
  async function knownConversations(db: SqlExecutor, hashes: readonly string[], callers: readonly string[]) {
    const rows = await db.query<CandidateRow>(
      `SELECT l.conversation_id, l.customer_id, l.channel, l.last_activity_at, c.status, k.key_hash
         FROM workspace.thread_keys k
         JOIN workspace.linked_conversations l ON l.conversation_id = k.conversation_id
         LEFT JOIN read_models.conversations c ON c.conversation_id = l.conversation_id
        WHERE k.key_hash = ANY($1::text[])
       UNION ALL
       SELECT r.conversation_id, r.customer_id, r.channel, r.last_activity_at, c.status, NULL
         FROM unnest($2::text[]) AS caller(customer_id)
         CROSS JOIN LATERAL (
           SELECT l.* FROM workspace.linked_conversations l
            WHERE l.customer_id = caller.customer_id
            ORDER BY l.last_activity_at DESC LIMIT ${CUSTOMER_CANDIDATES}) r
         LEFT JOIN read_models.conversations c ON c.conversation_id = r.conversation_id`,
      [hashes, callers],
    );
    const known = new Map<string, Known>();
    for (const row of rows) {
      const conversation = known.get(row.conversation_id) ?? {
        conversationId: row.conversation_id,
        customerId: row.customer_id,
        channel: row.channel,
        lastActivityAt: new Date(row.last_activity_at),
        // Not projected yet: it was opened a moment ago, so it is open.
        status: row.status ?? 'open',
        keyHashes: new Set<string>(),
        indexed: true,
      };
      if (row.key_hash) conversation.keyHashes.add(row.key_hash);
      known.set(row.conversation_id, conversation);
    }
    return known;
  }

  /** Which conversation each interaction of the page goes to, in order, in memory. */
  async function fileInteractions(db: SqlExecutor, interactions: readonly RecordedEvent[]): Promise<Filing[]> {
    const decoded = interactions.map((recorded) => {
      const { data } = decodeEvent(recorded) as DomainEventOf<'InteractionRecorded'>;
      const threaded = { customerId: data.customerId, occurredAt: recorded.occurredAt, details: data.details };
      return { recorded, data, threaded, keys: threadKeysOf(threaded) };
    });
    const hashOf = new Map<string, string>();
    for (const { keys } of decoded) for (const key of [...keys.lookup, ...keys.index]) hashOf.set(key, hash(key));
    const callers = [...new Set(decoded.filter((d) => d.keys.byCustomer).map((d) => d.data.customerId))];
    const known = await knownConversations(db, [...hashOf.values()], callers);

    // Who holds which key, and whose conversations are whose: kept up to date as the page is filed.
    const holders = new Map<string, Set<Known>>();
    const ofCustomer = new Map<string, Set<Known>>();
    const add = <K>(map: Map<K, Set<Known>>, key: K, conversation: Known) => {
      const set = map.get(key) ?? new Set<Known>();
      set.add(conversation);
      map.set(key, set);
    };
    for (const conversation of known.values()) {
      for (const keyHash of conversation.keyHashes) add(holders, keyHash, conversation);
      add(ofCustomer, conversation.customerId, conversation);
    }

    return decoded.map(({ recorded, data, threaded, keys }) => {
      const lookupHashes = keys.lookup.map((key) => hashOf.get(key) as string);
      const found = new Set<Known>(keys.byCustomer ? ofCustomer.get(data.customerId) : []);
      for (const keyHash of lookupHashes)
        for (const conversation of holders.get(keyHash) ?? []) found.add(conversation);
      const candidates: CandidateConversation[] = [...found].map((conversation) => ({
        ...conversation,
        threadKeys: keys.lookup.filter((_key, i) => conversation.keyHashes.has(lookupHashes[i] as string)),
      }));
      const match = matchConversation({ interaction: threaded, candidates, callWindowMs });
      const conversationId =
        match.kind === 'join' ? match.conversationId : uuidV5(`conversation-opened-by:${data.interactionId}`);
      // What the next interactions of the page see: this one's keys, activity and reopening.
      const conversation = known.get(conversationId) ?? {
        conversationId,
        customerId: data.customerId,
        channel: data.details.channel,
        lastActivityAt: recorded.occurredAt,
        status: 'open' as ConversationStatus,
        keyHashes: new Set<string>(),
        indexed: false,
      };
      for (const key of keys.index) {
        const keyHash = hashOf.get(key) as string;
        conversation.keyHashes.add(keyHash);
        add(holders, keyHash, conversation);
      }
      add(ofCustomer, conversation.customerId, conversation);
      if (recorded.occurredAt > conversation.lastActivityAt) conversation.lastActivityAt = recorded.occurredAt;
      if (data.direction === 'inbound') conversation.status = 'open';
      known.set(conversationId, conversation);
      return { recorded, data, conversationId, threadKeys: keys.index, opensStream: !conversation.indexed };
    });
  }

  /** Decides every filing on its conversation's stream, read once, and appends them together. */
  async function appendFilings(db: SqlExecutor, filings: readonly Filing[]): Promise<void> {
    const inboxOf = await inboxes(db);
    const conversationIds = [...new Set(filings.map((f) => f.conversationId))];
    const opened = new Set(filings.filter((f) => f.opensStream).map((f) => f.conversationId));
    const unread = { state: conversationDecider.initialState, revision: -1 };
    for (let attempt = 0; ; attempt += 1) {
      // Most interactions open a conversation: nothing to read for those, unless a first try
      // finds their streams there after all (a page replayed after a crash), then all are read.
      const loaded = new Map(
        await Promise.all(
          conversationIds.map(
            async (id) =>
              [
                id,
                attempt === 0 && opened.has(id)
                  ? unread
                  : await loadAggregate(deps.store, conversationStream(id), conversationDecider),
              ] as const,
          ),
        ),
      );
      const states = new Map<string, ConversationState>();
      const decided = new Map<string, ReturnType<typeof encodeEvent>[]>();
      for (const { recorded, data, conversationId, threadKeys } of filings) {
        const state = states.get(conversationId) ?? (loaded.get(conversationId)?.state as ConversationState);
        const common = {
          conversationId,
          customerId: data.customerId,
          inboxId: inboxOf(data),
          subject: 'subject' in data.details ? (data.details.subject as string | null) || null : null,
          message: {
            interactionId: data.interactionId,
            channel: data.details.channel,
            occurredAt: recorded.occurredAt,
            threadKeys,
          },
          now: recorded.recordedAt,
        };
        const events: readonly ConversationEvent[] = conversationDecider.decide(
          data.direction === 'inbound'
            ? { kind: 'AttachInbound', ...common }
            : { kind: 'AttachOutbound', ...common, actor: { kind: 'system', process: 'intake' } },
          state,
        );
        states.set(conversationId, fold(conversationDecider, events, state));
        const encoded = events.map((event, index) =>
          encodeEvent(event, {
            id: uuidV5(`${CONVERSATION_LINKER}:${data.interactionId}:${conversationId}:${index}`),
            occurredAt: recorded.occurredAt,
            causationId: recorded.id,
            metadata: { [PERSONAL_DATA_OF]: data.customerId },
          }),
        );
        decided.set(conversationId, [...(decided.get(conversationId) ?? []), ...encoded]);
      }
      const appends: StreamAppend[] = [...decided]
        .filter(([, events]) => events.length > 0)
        .map(([id, events]) => {
          const revision = loaded.get(id)?.revision ?? -1;
          return {
            streamId: conversationStream(id),
            events,
            expectedRevision: revision === -1 ? 'no_stream' : revision,
          };
        });
      if (appends.length === 0) return;
      try {
        await deps.store.appendToStreams(appends);
        return;
      } catch (error) {
        // An agent acted on one of the conversations meanwhile: decide the page again on what is there now.
        if (!isHubError(error, 'WRONG_EXPECTED_REVISION') || attempt >= conflictRetries) throw error;
      }
    }
  }

  /** The page's thread keys and conversations' activity, for the pages after it: one statement each. */
  async function indexFilings(db: SqlExecutor, filings: readonly Filing[]): Promise<void> {
    const activity = new Map<string, Filing>();
    for (const filing of filings) {
      const seen = activity.get(filing.conversationId);
      if (!seen || filing.recorded.occurredAt > seen.recorded.occurredAt) activity.set(filing.conversationId, filing);
    }
    const latest = [...activity.values()];
    const keys = filings.flatMap((f) => f.threadKeys.map((key) => [hash(key), f.conversationId] as const));
    // One statement, so the activity and the keys of a page are indexed together or not at all.
    await db.query(
      `WITH activity AS (
         INSERT INTO workspace.linked_conversations (conversation_id, customer_id, channel, last_activity_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])
         ON CONFLICT (conversation_id) DO UPDATE
           SET last_activity_at = greatest(linked_conversations.last_activity_at, EXCLUDED.last_activity_at))
       INSERT INTO workspace.thread_keys (key_hash, conversation_id)
       SELECT * FROM unnest($5::text[], $6::text[]) ON CONFLICT DO NOTHING`,
      [
        latest.map((f) => f.conversationId),
        latest.map((f) => f.data.customerId),
        latest.map((f) => f.data.details.channel),
        latest.map((f) => f.recorded.occurredAt.toISOString()),
        keys.map(([keyHash]) => keyHash),
        keys.map(([, id]) => id),
      ],
    );
  }

  async function applyPage(db: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
    const interactions = page.filter((event) => event.type === 'InteractionRecorded');
    if (interactions.length === 0) return;
    const filings = await fileInteractions(db, interactions);
    await appendFilings(db, filings);
    await indexFilings(db, filings);
  }

  const definition: ProjectionDefinition = {
    name: CONVERSATION_LINKER,
    filter: { streamPrefix: 'customer-' },
    readModel: { schema: 'workspace', tables: ['thread_keys', 'linked_conversations'] },
    // It appends to conversation streams: run outside the page's transaction (see `reactor`).
    reactor: true,
    apply: (db, event) => applyPage(db, [event]),
    applyPage,
  };
  return definition;
}
