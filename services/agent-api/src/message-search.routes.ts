import { HubError } from '@hub/errors';
import { Channel } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import { messageQueryOf, searchMessages } from '@hub/message-search';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from './access/authenticate.ts';
import { decodeCursor, encodeCursor } from './timeline-cursor.ts';

export interface MessageSearchApiDependencies {
  readonly readModels: SqlExecutor;
}

/** A query longer than this is refused, not cut: the agent would not know what was searched. */
const MAX_QUERY_LENGTH = 200;
const MAX_QUERY_WORDS = 20;
// Tab, line feed and carriage return are whitespace a pasted query may hold; the rest is refused.
const CONTROL = /(?![\t\n\r])\p{Cc}/u;

const Instant = z.iso.datetime({ offset: true });
const MessageSearchQuery = z
  .object({
    q: z
      .string()
      .max(MAX_QUERY_LENGTH, `is at most ${MAX_QUERY_LENGTH} characters`)
      .refine((q) => !CONTROL.test(q), 'must not hold control characters')
      .transform((q) => q.trim())
      .refine((q) => q.length > 0, 'must not be empty'),
    customer: z.uuid().optional(),
    channel: Channel.optional(),
    from: Instant.optional().meta({ description: 'messages at or after this instant' }),
    to: Instant.optional().meta({ description: 'messages before this instant' }),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), {
    message: 'must be after from',
    path: ['to'],
  });

const MessageHit = z
  .object({
    interactionId: z.string(),
    customerId: z.string().meta({ description: 'the survivor when the customer was merged' }),
    channel: z.string(),
    direction: z.string(),
    occurredAt: z.string(),
    conversationId: z.string().nullable().meta({ description: 'null until the message is filed in a conversation' }),
    subject: z.string(),
    snippet: z.string().meta({
      description: 'HTML-escaped text around the first match; each matched word wrapped in <mark></mark>',
    }),
  })
  .meta({ id: 'MessageHit' });
const MessageSearchPage = z.object({ messages: z.array(MessageHit), nextCursor: z.string().nullable() });

const searchSchema = {
  tags: ['customers'],
  security: security.agent,
  summary: "Search the words of customers' messages (subjects and text; Persian spellings folded), newest first",
  description:
    'Every word of `q` must be in the message (words of 3 or more letters also find words they begin). ' +
    'Operator characters are not syntax: they separate words. Needs customers:read, as the timeline does.',
  querystring: MessageSearchQuery,
  response: { 200: MessageSearchPage, ...problems(400, 401, 403) },
};

/**
 * Full-text search over interactions' subjects and text (@hub/message-search), for whoever may
 * read customers' timelines: it shows nothing the timeline would not. Register inside the scope
 * that authenticates.
 */
export async function registerMessageSearchRoutes(scope: FastifyInstance, deps: MessageSearchApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/v1/search/messages',
    { onRequest: requirePermission('customers:read'), schema: searchSchema },
    async (request) => {
      const q = request.query;
      const query = messageQueryOf(q.q);
      if (query.terms.length === 0)
        throw new HubError('INVALID_INPUT', 'q holds no letters or digits to search for', { field: 'q' });
      if (query.terms.length > MAX_QUERY_WORDS)
        throw new HubError('INVALID_INPUT', `q has more than ${MAX_QUERY_WORDS} words`, { field: 'q' });
      const found = await searchMessages(deps.readModels, {
        query,
        limit: q.limit + 1,
        ...(q.customer ? { customerId: q.customer } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
      });
      const page = found.slice(0, q.limit);
      const last = page.at(-1);
      return { messages: page, nextCursor: found.length > q.limit && last ? encodeCursor(last) : null };
    },
  );
}
