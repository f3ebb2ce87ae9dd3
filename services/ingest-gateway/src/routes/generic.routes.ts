import { createHash } from 'node:crypto';
import { HubError } from '@hub/errors';
import { requireBearer } from '@hub/http';
import { detailsMatchChannel, interactionId, NormalizedInteractionFields, type RawPayload } from '@hub/interactions';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { acceptOrUnavailable } from './accept.ts';

export const MAX_BATCH = 1000;

/** The generic API: the id is optional; without it one is derived from source system and id. */
const GenericInteraction = NormalizedInteractionFields.extend({ id: z.string().uuid().optional() }).refine(
  ...detailsMatchChannel,
);

const GenericBatch = z.object({ interactions: z.array(GenericInteraction).min(1).max(MAX_BATCH) });

/** `POST /v1/interactions`: one interaction or `{ interactions: [...] }` (up to 1,000), bearer token. */
export async function registerGenericRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  app.addHook('preHandler', requireBearer(deps.settings.channelToken, 'the channel API'));
  // JSON only, kept as raw bytes: they are stored (encrypted) beside what was parsed from them.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/v1/interactions', async (request, reply) => {
    const body = request.body as Buffer;
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (error) {
      throw new HubError('INVALID_INPUT', `the body is not JSON: ${(error as Error).message}`);
    }
    const batch = (json as { interactions?: unknown } | null)?.interactions;
    if (Array.isArray(batch) && batch.length > MAX_BATCH) {
      throw new HubError('INVALID_INPUT', `a batch holds at most ${MAX_BATCH} interactions (got ${batch.length})`);
    }
    // Pick the shape first, so a bad field is reported as itself, not as "matches neither".
    const isBatch = typeof json === 'object' && json !== null && 'interactions' in json;
    const parsed = isBatch ? GenericBatch.safeParse(json) : GenericInteraction.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HubError(
        'INVALID_INPUT',
        `invalid interaction${issue ? ` at ${issue.path.join('.') || '(root)'}: ${issue.message}` : ''}`,
        { issues: parsed.error.issues.slice(0, 20) },
      );
    }
    const items = 'interactions' in parsed.data ? parsed.data.interactions : [parsed.data];
    const interactions = items.map((item) => ({
      ...item,
      id: item.id ?? interactionId(item.channel, item.source.system, item.source.externalId),
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
