import { HubError } from '@hub/errors';
import { problems, requireBearer, security, type ZodTypeProvider } from '@hub/http';
import type { RawPayloadStore } from '@hub/raw-payloads';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { acceptOrUnavailable, IntakeReceiptSchema } from '../routes/accept.ts';
import { reparse } from './reparse.ts';

const List = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const PayloadId = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'a raw payload id (sha256, hex)') });
const ParseFailure = z.looseObject({ id: z.string() }).meta({ id: 'ParseFailure' });
const listSchema = {
  summary: 'Payloads that passed authentication but could not be parsed',
  tags: ['intake'],
  security: security.channel,
  querystring: List,
  response: { 200: z.object({ parseFailures: z.array(ParseFailure) }), ...problems(400, 401) },
};
const rerunSchema = {
  summary: 'Parse one again after a parser fix and hand it to the intake',
  tags: ['intake'],
  security: security.channel,
  params: PayloadId,
  response: { 202: IntakeReceiptSchema.omit({ rawPayloadId: true }), ...problems(400, 401, 404, 503) },
};

/**
 * Payloads that passed authentication but could not be parsed, for the operators of the channels
 * (bearer `HUB_CHANNEL_TOKEN`): `GET /v1/parse-failures` lists them, `POST .../:id/rerun` parses
 * one again after a parser fix and hands the result to the intake like a fresh delivery.
 */
export async function registerParseFailureRoutes(
  scope: FastifyInstance,
  deps: IngestDependencies & { readonly rawPayloads: RawPayloadStore },
): Promise<void> {
  // onRequest, before the body is read: an unauthenticated client cannot make us buffer it.
  scope.addHook('onRequest', requireBearer(deps.settings.channelToken, 'the channel API'));
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/v1/parse-failures', { schema: listSchema }, async (request) => {
    return { parseFailures: await deps.rawPayloads.listParseFailures(request.query.limit) };
  });

  app.post('/v1/parse-failures/:id/rerun', { schema: rerunSchema }, async (request, reply) => {
    const { id } = request.params;
    const raw = await deps.rawPayloads.get(id);
    if (!raw?.parseError) throw new HubError('NOT_FOUND', `no parse failure ${id}`);
    const interactions = await reparse(deps, raw);
    // Accepting saves the payload again without an error: it leaves the list.
    const receipt = await acceptOrUnavailable(deps, interactions, raw);
    return reply.status(202).send({ accepted: interactions.length, interactionIds: receipt.interactionIds });
  });
}
