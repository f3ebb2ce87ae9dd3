import { randomUUID } from 'node:crypto';
import { conversationDecider } from '@hub/conversations';
import { handleCommand } from '@hub/decider';
import type { EventStore } from '@hub/event-store';
import { conversationStream } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyCsatToken } from './csat-token.ts';

export interface CsatApiDependencies {
  readonly store: EventStore;
  /** The key rating links are signed with (derived from the master key). */
  readonly linkKey: Buffer;
  readonly now: () => Date;
  /** Requests per minute per client address, on each of the two routes. */
  readonly rateLimitPerMinute?: number;
}

const TokenParams = z.object({ token: z.string().min(1).max(200) });
const RatingBody = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().max(2000).nullable().default(null),
});
const Rated = z.object({ conversationId: z.string(), rating: z.number().int(), revision: z.number().int() });
const Html = z.string().meta({ description: 'an HTML page' });
const documented = { tags: ['csat'], security: security.none } as const;
const formSchema = {
  ...documented,
  summary: 'The rating link sent on resolve: a form (public, signed link, rate-limited)',
  params: TokenParams,
  produces: ['text/html'],
  response: { 200: Html, ...problems(400, 401, 410, 429) },
};
const rateSchema = {
  ...documented,
  summary: 'Record the customer’s rating, once (a form post or JSON)',
  params: TokenParams,
  consumes: ['application/json', 'application/x-www-form-urlencoded'],
  body: RatingBody,
  response: { 201: Rated.or(Html), ...problems(400, 401, 409, 410, 413, 415, 429) },
};

/** A rating is small: anything bigger is refused before it is read (413). */
const BODY_LIMIT = 16 * 1024;

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:2rem auto">${body}</body></html>`;

const ratingForm = page(
  'How did we do?',
  `<h1>How did we do?</h1><form method="post">
${[1, 2, 3, 4, 5].map((n) => `<label><input type="radio" name="rating" value="${n}" required> ${n}</label>`).join('\n')}
<p><label>Comment (optional)<br><textarea name="comment" maxlength="2000" rows="4" cols="40"></textarea></label></p>
<button type="submit">Send</button></form>`,
);
const thanks = page('Thank you', '<h1>Thank you</h1><p>Your rating was recorded.</p>');

const isForm = (request: FastifyRequest) =>
  String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/**
 * The customer's side of CSAT, public: the link in the rating request (`/v1/csat/<token>`) shows
 * a form; posting it (a form, or JSON `{ rating, comment }`) records CsatRecorded on the
 * conversation, once. The token is checked before anything is read or written: tampered 401
 * INVALID_SIGNATURE, expired 410 LINK_EXPIRED. Rate-limited per client address.
 */
export async function registerCsatRoutes(scope: FastifyInstance, deps: CsatApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  // A plain HTML form posts urlencoded; this scope alone reads it.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_request, body, done) => {
      const form = new URLSearchParams(String(body));
      const rating = form.get('rating');
      done(null, {
        rating: rating !== null && /^\d$/.test(rating) ? Number(rating) : rating,
        comment: form.get('comment') || null,
      });
    },
  );
  const limited = {
    bodyLimit: BODY_LIMIT,
    config: { rateLimit: { max: deps.rateLimitPerMinute ?? 30, timeWindow: '1 minute' } },
  };

  app.get('/v1/csat/:token', { ...limited, schema: formSchema }, async (request, reply: FastifyReply) => {
    const { token } = request.params;
    verifyCsatToken(deps.linkKey, token, deps.now());
    return reply.type('text/html; charset=utf-8').send(ratingForm);
  });

  app.post('/v1/csat/:token', { ...limited, schema: rateSchema }, async (request, reply: FastifyReply) => {
    const { token } = request.params;
    const { conversationId } = verifyCsatToken(deps.linkKey, token, deps.now());
    const body = request.body;
    const now = deps.now();
    const result = await handleCommand({
      store: deps.store,
      streamId: conversationStream(conversationId),
      decider: conversationDecider,
      command: { kind: 'RecordCsat', rating: body.rating, comment: body.comment, actor: { kind: 'customer' }, now },
      eventContext: (_event, _index, state) => ({
        id: randomUUID(),
        occurredAt: now,
        // The comment is the customer's words: sealed with their key, shredded with them.
        metadata: state.exists ? { [PERSONAL_DATA_OF]: state.customerId } : {},
      }),
    });
    if (isForm(request)) return reply.status(201).type('text/html; charset=utf-8').send(thanks);
    return reply.status(201).send({ conversationId, rating: body.rating, revision: result.revision });
  });
}
