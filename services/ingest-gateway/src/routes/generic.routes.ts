import { createHash } from 'node:crypto';
import { sanitizeEmailHtml } from '@hub/channels';
import { problems, rawBody, requireBearer, security } from '@hub/http';
import {
  detailsMatchChannel,
  interactionId,
  NormalizedInteractionFields,
  type RawPayload,
  readOneOrBatch,
} from '@hub/interactions';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { acceptOrUnavailable, IntakeReceiptSchema } from './accept.ts';
import { normalizeCallerIdentifiers } from './generic-identifiers.ts';

export const MAX_BATCH = 1000;

/** The generic API: the id is optional; without it one is derived from source system and id. */
const GenericInteraction = NormalizedInteractionFields.extend({ id: z.string().uuid().optional() }).refine(
  ...detailsMatchChannel,
);
/** Documented only: the handler reads the bytes itself (they are stored as received). */
const OneOrBatch = z.union([
  GenericInteraction,
  z.object({ interactions: z.array(GenericInteraction).max(MAX_BATCH) }),
]);
const interactionsSchema = {
  summary: 'Our normalised interaction JSON, one or { "interactions": [...] } (up to 1,000)',
  description:
    'Identifiers are normalised as lookups normalise them: email trimmed, case-folded and validated; phone ' +
    'to E.164 (digits in any script, national numbers in HUB_PHONE_REGION); handle `<network>:<id>`. One ' +
    'that does not normalise is a 400 naming its field (`interactions.2.contact.identifiers.1.value`) and ' +
    'refuses the whole body, as any invalid item does: nothing of it is recorded.',
  tags: ['intake'],
  security: security.channel,
  consumes: ['application/json'],
  body: rawBody('one interaction or a batch', OneOrBatch),
  response: { 202: IntakeReceiptSchema, ...problems(400, 401, 413, 415, 503) },
};

/**
 * `POST /v1/interactions`: one interaction or `{ interactions: [...] }` (up to 1,000), bearer token.
 * Identifiers are normalised here as every channel's are; a bad item refuses the whole body.
 */
export async function registerGenericRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  // onRequest, before the body is read: an unauthenticated client cannot make us buffer it.
  app.addHook('onRequest', requireBearer(deps.settings.channelToken, 'the channel API'));
  // JSON only, kept as raw bytes: they are stored (encrypted) beside what was parsed from them.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/v1/interactions', { schema: interactionsSchema }, async (request, reply) => {
    const body = request.body as Buffer;
    const { items, isBatch } = readOneOrBatch(body, {
      key: 'interactions',
      item: GenericInteraction,
      max: MAX_BATCH,
      noun: 'interaction',
    });
    // As for a bad field, one identifier that does not normalise refuses the whole batch.
    const interactions = items.map((item, index) => ({
      ...item,
      contact: {
        ...item.contact,
        identifiers: normalizeCallerIdentifiers(
          item.contact.identifiers,
          isBatch ? `interactions.${index}.` : '',
          deps.settings.defaultPhoneRegion,
        ),
      },
      id: item.id ?? interactionId(item.channel, item.source.system, item.source.externalId),
      // Shown in agents' browsers like mail: the same sanitiser, so no caller's HTML can run there.
      html: item.html === null ? null : sanitizeEmailHtml(item.html),
    }));
    const raw: RawPayload = { channel: 'generic', contentType: 'application/json', body, receivedAt: deps.now() };
    const receipt = await acceptOrUnavailable(deps, interactions, raw);
    return reply.status(202).send({
      accepted: receipt.interactionIds.length,
      interactionIds: receipt.interactionIds,
      rawPayloadId: receipt.rawPayloadId ?? createHash('sha256').update(body).digest('hex'),
    });
  });
}
