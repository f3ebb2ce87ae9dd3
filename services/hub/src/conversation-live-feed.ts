import type { EventStore } from '@hub/event-store';
import { parsePosition, type RecordedEvent } from '@hub/events';
import { CONVERSATIONS_PROJECTION } from '@hub/inbox';
import { createLiveFeed, type LiveFeed } from '@hub/live-updates';
import type { Logger } from '@hub/logger';
import type { SqlExecutor } from '@hub/sql';

const CONVERSATION = 'conversation-';
const REPLY = 'reply-';
/** A reply's delivery news: an agent's screen shows sent or failed (with the reason) without polling. */
const deliveryTypes = new Set(['ReplySent', 'ReplyDeliveryFailed', 'ReplyRetryRequested']);
/** Conversations and replies remembered (their team, their conversation); the oldest go first. */
const REMEMBERED = 50_000;

/** The raw store's data: ids and the team are never sealed, so nothing needs opening. */
const field = (event: RecordedEvent, name: string): string | null => {
  const value = (event.data as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : null;
};

function remember<V>(map: Map<string, V>, key: string, value: V) {
  map.delete(key);
  map.set(key, value);
  if (map.size > REMEMBERED) map.delete(map.keys().next().value as string);
}

/**
 * What agents' screens learn of live: every change to a conversation (a new message, a reply, a
 * colleague's status or assignment change), announced once the inbox read model shows it (the
 * conversations projection's checkpoint has passed it), so a refetch sees it; and each reply's
 * delivery (sent, failed, retried), at once, since the conversation view reads it from the reply's
 * stream. Every notification names its conversation and, once the conversation belongs to a team,
 * that team (`about.teamId`), which the route filters on. Reads the raw store: a notification
 * carries ids only, so nothing sealed needs opening.
 */
export function conversationLiveFeed(deps: {
  rawStore: EventStore;
  readModels: SqlExecutor;
  logger: Logger;
}): LiveFeed {
  const teamOf = new Map<string, { readonly team: string | null; readonly revision: number }>();
  const conversationOfReply = new Map<string, string>();

  /**
   * The conversation's team, followed in the order of the store: read from its stream the first
   * time, then moved by each ConversationAssigned. A resuming client's older events are judged by
   * the team the conversation has now.
   */
  async function teamAt(conversationId: string, event: RecordedEvent | undefined): Promise<string | null> {
    const known = teamOf.get(conversationId);
    if (known && (!event || event.revision <= known.revision)) return known.team;
    if (known && event) {
      const team = event.type === 'ConversationAssigned' ? field(event, 'teamId') : known.team;
      remember(teamOf, conversationId, { team, revision: event.revision });
      return team;
    }
    if (event?.revision === 0) {
      // Its first event: nothing before it to read (most live events open a conversation).
      const team = event.type === 'ConversationAssigned' ? field(event, 'teamId') : null;
      remember(teamOf, conversationId, { team, revision: 0 });
      return team;
    }
    let team: string | null = null;
    let revision = -1;
    for (const recorded of await deps.rawStore.readStream(`${CONVERSATION}${conversationId}`)) {
      if (recorded.type === 'ConversationAssigned') team = field(recorded, 'teamId');
      revision = recorded.revision;
    }
    remember(teamOf, conversationId, { team, revision });
    return team;
  }

  async function conversationOf(replyId: string, event: RecordedEvent): Promise<string | null> {
    if (event.type === 'ReplyRequested') {
      const conversationId = field(event, 'conversationId');
      if (conversationId) remember(conversationOfReply, replyId, conversationId);
      return conversationId;
    }
    const known = conversationOfReply.get(replyId);
    if (known) return known;
    const [requested] = await deps.rawStore.readStream(`${REPLY}${replyId}`, { maxCount: 1 });
    const conversationId = requested ? field(requested, 'conversationId') : null;
    if (conversationId) remember(conversationOfReply, replyId, conversationId);
    return conversationId;
  }

  const about = (conversationId: string, team: string | null, extra: Record<string, string> = {}) => ({
    conversationId,
    ...(team === null ? {} : { teamId: team }),
    ...extra,
  });

  return createLiveFeed({
    store: deps.rawStore,
    visibleUpTo: async () => {
      const [row] = await deps.readModels.query<{ position: string }>(
        'SELECT position FROM read_models.checkpoints WHERE projection = $1',
        [CONVERSATIONS_PROJECTION],
      );
      return row ? parsePosition(row.position) : undefined;
    },
    describe: async (event) => {
      if (event.streamId.startsWith(CONVERSATION)) {
        const conversationId = event.streamId.slice(CONVERSATION.length);
        return about(conversationId, await teamAt(conversationId, event));
      }
      if (event.streamId.startsWith(REPLY)) {
        const replyId = event.streamId.slice(REPLY.length);
        const conversationId = await conversationOf(replyId, event);
        if (!conversationId || !deliveryTypes.has(event.type)) return undefined;
        return about(conversationId, await teamAt(conversationId, undefined), { replyId });
      }
      return undefined;
    },
    visibleAtOnce: (event) => event.streamId.startsWith(REPLY),
    logger: deps.logger,
  });
}
