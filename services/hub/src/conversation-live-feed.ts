import type { EventStore } from '@hub/event-store';
import { parsePosition } from '@hub/events';
import { CONVERSATIONS_PROJECTION } from '@hub/inbox';
import { createLiveFeed, type LiveFeed } from '@hub/live-updates';
import type { Logger } from '@hub/logger';
import type { SqlExecutor } from '@hub/sql';

const PREFIX = 'conversation-';

/**
 * What agents' screens learn of live: every change to a conversation (a new message, a reply, a
 * colleague's status or assignment change), announced once the inbox read model shows it (the
 * conversations projection's checkpoint has passed it), so a refetch sees it. Reads the raw
 * store: a notification carries ids only, so nothing sealed needs opening.
 */
export function conversationLiveFeed(deps: {
  rawStore: EventStore;
  readModels: SqlExecutor;
  logger: Logger;
}): LiveFeed {
  return createLiveFeed({
    store: deps.rawStore,
    filter: { streamPrefix: PREFIX },
    visibleUpTo: async () => {
      const [row] = await deps.readModels.query<{ position: string }>(
        'SELECT position FROM read_models.checkpoints WHERE projection = $1',
        [CONVERSATIONS_PROJECTION],
      );
      return row ? parsePosition(row.position) : undefined;
    },
    describe: (event) =>
      event.streamId.startsWith(PREFIX) ? { conversationId: event.streamId.slice(PREFIX.length) } : undefined,
    logger: deps.logger,
  });
}
