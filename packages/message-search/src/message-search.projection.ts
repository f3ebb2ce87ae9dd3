import { type DomainEvent, decodeEvent, type RecordedEvent } from '@hub/events';
import type { ProjectionDefinition, ReadModelTables } from '@hub/projections';
import type { SqlExecutor } from '@hub/sql';
import { textOfHtml } from './html-text.ts';
import { lexemesOf } from './message-words.ts';

export const MESSAGE_SEARCH_PROJECTION = 'message-search';

/** Its tables in `read_models`, named unqualified by its statements (a rebuild fills shadows). */
export const messageSearchReadModel: ReadModelTables = {
  schema: 'read_models',
  tables: ['message_search', 'message_search_merges'],
};

const HANDLED = new Set<string>([
  'InteractionRecorded',
  'CustomersMerged',
  'CustomersUnmerged',
  'CustomerErased',
  'ConversationOpened',
  'ConversationMessageAdded',
] satisfies DomainEvent['type'][]);

type Handled = Extract<
  DomainEvent,
  {
    type:
      | 'InteractionRecorded'
      | 'CustomersMerged'
      | 'CustomersUnmerged'
      | 'CustomerErased'
      | 'ConversationOpened'
      | 'ConversationMessageAdded';
  }
>;
type InteractionData = Extract<DomainEvent, { type: 'InteractionRecorded' }>['data'];

/** A message as indexed; `undefined` when it has no words (a call log, an erased customer's text). */
export interface IndexedMessage {
  readonly interactionId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly direction: string;
  readonly occurredAt: string;
  readonly subject: string;
  readonly body: string;
  /** The folded lexemes as tsvector text: each quoted, so none is read as syntax. */
  readonly words: string;
}

const quoteLexeme = (lexeme: string) => `'${lexeme.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/** Text parts only: the subject (an email's, else the summary) and the text, or the HTML's text. */
export function indexedMessageOf(data: InteractionData, occurredAt: Date): IndexedMessage | undefined {
  const details = data.details as { subject?: unknown };
  const subject = (typeof details.subject === 'string' ? details.subject : data.summary).trim();
  const body = data.text.trim() || (data.html ? textOfHtml(data.html) : '');
  const lexemes = lexemesOf(subject, body);
  if (lexemes.length === 0) return undefined;
  return {
    interactionId: data.interactionId,
    customerId: data.customerId,
    channel: data.details.channel,
    direction: data.direction,
    occurredAt: occurredAt.toISOString(),
    subject,
    body,
    words: lexemes.map(quoteLexeme).join(' '),
  };
}

// Filed under the survivor when the customer was merged; a replay inserts nothing twice.
const indexMessagesSql = `
  INSERT INTO message_search (interaction_id, customer_id, origin_customer_id, channel, direction, occurred_at,
    subject, body, words)
  SELECT m->>'interactionId', coalesce(g.survivor_id, m->>'customerId'), m->>'customerId', m->>'channel',
         m->>'direction', (m->>'occurredAt')::timestamptz, m->>'subject', m->>'body', (m->>'words')::tsvector
    FROM jsonb_array_elements($1::jsonb) AS x(m)
    LEFT JOIN message_search_merges g ON g.merged_id = m->>'customerId'
  ON CONFLICT (interaction_id) DO NOTHING`;

async function indexMessages(tx: SqlExecutor, messages: readonly IndexedMessage[]) {
  if (messages.length > 0) await tx.query(indexMessagesSql, [JSON.stringify(messages)]);
}

/**
 * Applies one event, in the caller's transaction (which also moves the checkpoint). Idempotent:
 * a replay from an older checkpoint leaves the same rows.
 */
export async function applyMessageSearchEvent(tx: SqlExecutor, recorded: RecordedEvent): Promise<void> {
  if (!HANDLED.has(recorded.type)) return;
  const event = decodeEvent(recorded) as Handled;
  switch (event.type) {
    case 'InteractionRecorded': {
      const message = indexedMessageOf(event.data, recorded.occurredAt);
      return indexMessages(tx, message ? [message] : []);
    }
    case 'CustomersMerged': {
      const { survivorId, mergedId } = event.data;
      // Whoever was merged into the merged customer now belongs to the survivor too.
      await tx.query('UPDATE message_search_merges SET survivor_id = $1 WHERE survivor_id = $2', [
        survivorId,
        mergedId,
      ]);
      await tx.query(
        `INSERT INTO message_search_merges (merged_id, survivor_id) VALUES ($2, $1)
         ON CONFLICT (merged_id) DO UPDATE SET survivor_id = EXCLUDED.survivor_id`,
        [survivorId, mergedId],
      );
      await tx.query('UPDATE message_search SET customer_id = $1 WHERE customer_id = $2', [survivorId, mergedId]);
      return;
    }
    case 'CustomersUnmerged': {
      const { survivorId, restoredId, interactionIds } = event.data;
      // What came from the restored customer goes back to it; what arrived after the merge stays.
      await tx.query(
        'UPDATE message_search SET customer_id = $1 WHERE customer_id = $2 AND interaction_id = ANY($3::text[])',
        [restoredId, survivorId, interactionIds],
      );
      await tx.query('DELETE FROM message_search_merges WHERE merged_id = $1', [restoredId]);
      return;
    }
    case 'CustomerErased': {
      // The customer's text is personal data: gone in the transaction that records the erasure.
      const { customerId } = event.data;
      await tx.query('DELETE FROM message_search WHERE customer_id = $1', [customerId]);
      await tx.query('DELETE FROM message_search WHERE origin_customer_id = $1', [customerId]);
      return;
    }
    case 'ConversationOpened':
      return fileInConversation(tx, event.data.openedBy, event.data.conversationId);
    case 'ConversationMessageAdded':
      return fileInConversation(tx, event.data.interactionId, event.data.conversationId);
    default:
      return event satisfies never;
  }
}

const fileInConversation = (tx: SqlExecutor, interactionId: string, conversationId: string) =>
  fileInConversations(tx, [{ interactionId, conversationId }]);

interface Filing {
  readonly interactionId: string;
  readonly conversationId: string;
}

// The last filing of a message wins, as applying them in order would.
const fileSql = `
  UPDATE message_search m SET conversation_id = f.conversation_id
    FROM (SELECT DISTINCT ON (x.f->>'interactionId') x.f->>'interactionId' AS interaction_id,
                 x.f->>'conversationId' AS conversation_id
            FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(f, ord)
           ORDER BY x.f->>'interactionId', x.ord DESC) f
   WHERE m.interaction_id = f.interaction_id AND m.conversation_id IS DISTINCT FROM f.conversation_id`;

async function fileInConversations(tx: SqlExecutor, filings: readonly Filing[]) {
  if (filings.length > 0) await tx.query(fileSql, [JSON.stringify(filings)]);
}

const filingOf = (recorded: RecordedEvent): Filing | undefined => {
  if (recorded.type !== 'ConversationOpened' && recorded.type !== 'ConversationMessageAdded') return undefined;
  const event = decodeEvent(recorded) as Extract<Handled, { type: 'ConversationOpened' | 'ConversationMessageAdded' }>;
  return event.type === 'ConversationOpened'
    ? { interactionId: event.data.openedBy, conversationId: event.data.conversationId }
    : { interactionId: event.data.interactionId, conversationId: event.data.conversationId };
};

/**
 * A page at once: a run of interactions and conversation filings in two statements (the
 * interactions first: a filing names a message recorded before it), every other event one by one
 * in order between runs (they move or remove rows the runs add).
 */
export async function applyMessageSearchPage(tx: SqlExecutor, page: readonly RecordedEvent[]): Promise<void> {
  let messages: IndexedMessage[] = [];
  let filings: Filing[] = [];
  const flush = async () => {
    await indexMessages(tx, messages);
    await fileInConversations(tx, filings);
    messages = [];
    filings = [];
  };
  for (const recorded of page) {
    if (recorded.type === 'InteractionRecorded') {
      const event = decodeEvent(recorded) as Extract<Handled, { type: 'InteractionRecorded' }>;
      const message = indexedMessageOf(event.data, recorded.occurredAt);
      if (message) messages.push(message);
      continue;
    }
    const filing = filingOf(recorded);
    if (filing) {
      filings.push(filing);
      continue;
    }
    if (!HANDLED.has(recorded.type)) continue;
    await flush();
    await applyMessageSearchEvent(tx, recorded);
  }
  await flush();
}

/**
 * The message search index as a projection: run it with `runProjection`, rebuild it with
 * `rebuildProjection` (`pnpm projections:rebuild message-search`). Give it the sealing store:
 * an erased customer's text then reads as redacted, so a rebuild never indexes it again.
 */
export const messageSearchProjection: ProjectionDefinition = {
  name: MESSAGE_SEARCH_PROJECTION,
  readModel: messageSearchReadModel,
  apply: applyMessageSearchEvent,
  applyPage: applyMessageSearchPage,
};
