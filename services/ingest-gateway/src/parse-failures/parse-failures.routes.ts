import { HubError } from '@hub/errors';
import { requireBearer } from '@hub/http';
import type { RawPayloadStore } from '@hub/raw-payloads';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { acceptOrUnavailable } from '../routes/accept.ts';
import { reparse } from './reparse.ts';

const List = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const PayloadId = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'a raw payload id (sha256, hex)') });

/**
 * Payloads that passed authentication but could not be parsed, for the operators of the channels
 * (bearer `HUB_CHANNEL_TOKEN`): `GET /v1/parse-failures` lists them, `POST .../:id/rerun` parses
 * one again after a parser fix and hands the result to the intake like a fresh delivery.
 */
export async function registerParseFailureRoutes(
  app: FastifyInstance,
  deps: IngestDependencies & { readonly rawPayloads: RawPayloadStore },
): Promise<void> {
  // onRequest, before the body is read: an unauthenticated client cannot make us buffer it.
  app.addHook('onRequest', requireBearer(deps.settings.channelToken, 'the channel API'));

  app.get('/v1/parse-failures', async (request) => {
    const query = List.safeParse(request.query);
    if (!query.success) throw new HubError('INVALID_INPUT', `invalid limit: ${query.error.issues[0]?.message}`);
    return { parseFailures: await deps.rawPayloads.listParseFailures(query.data.limit) };
  });

  app.post('/v1/parse-failures/:id/rerun', async (request, reply) => {
    const params = PayloadId.safeParse(request.params);
    if (!params.success) throw new HubError('INVALID_INPUT', `invalid id: ${params.error.issues[0]?.message}`);
    const raw = await deps.rawPayloads.get(params.data.id);
    if (!raw?.parseError) throw new HubError('NOT_FOUND', `no parse failure ${params.data.id}`);
    const interactions = await reparse(deps, raw);
    // Accepting saves the payload again without an error: it leaves the list.
    const receipt = await acceptOrUnavailable(deps, interactions, raw);
    return reply.status(202).send({ accepted: interactions.length, interactionIds: receipt.interactionIds });
  });
}
