import { createHmac } from 'node:crypto';
import { mapMetaWebhook } from '@hub/channels';
import { HubError, isHubError } from '@hub/errors';
import { problems, rawBody, secretsEqual, security, sendProblem, toProblem } from '@hub/http';
import type { RawPayload } from '@hub/interactions';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { acceptOrUnavailable, IntakeReceiptSchema } from './accept.ts';

export const META_PATH = '/v1/channels/social/meta';

const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024;

/** Read by hand: a wrong verify token must answer 403, as Meta expects, not 400. */
const Handshake = z.looseObject({
  'hub.mode': z.string().optional().meta({ description: 'subscribe' }),
  'hub.verify_token': z.string().optional().meta({ description: 'META_VERIFY_TOKEN' }),
  'hub.challenge': z.string().optional().meta({ description: 'echoed as text/plain' }),
});
const handshakeSchema = {
  summary: "Meta's subscription handshake; off (404) until META_VERIFY_TOKEN is set",
  tags: ['intake'],
  security: security.none,
  querystring: Handshake,
  produces: ['text/plain'],
  response: { 200: z.string().meta({ description: 'hub.challenge' }), ...problems(400, 403, 404) },
};
const webhookSchema = {
  summary: 'Page feed comments, Messenger and Instagram (signed); off (404) until META_APP_SECRET is set',
  tags: ['intake'],
  security: security.meta,
  consumes: ['application/json'],
  body: rawBody('a Meta webhook notification; the signature is over these exact bytes'),
  response: { 200: IntakeReceiptSchema, ...problems(400, 403, 404, 413, 415, 503) },
};

/**
 * Meta webhooks for a Facebook Page feed, Messenger and Instagram: the subscription handshake
 * (GET) and signed notifications (POST). Each half is off (404) until its secret is configured.
 */
export async function registerMetaRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  const { metaAppSecret, metaVerifyToken } = deps.settings;
  app.removeAllContentTypeParsers();
  // Kept as bytes: the signature is over exactly what Meta sent (it escapes non-ASCII as \uXXXX).
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.get(META_PATH, { schema: handshakeSchema }, async (request, reply) => {
    if (!metaVerifyToken) throw new HubError('NOT_FOUND', 'the Meta channel is off: no verify token is configured');
    const query = request.query as Record<string, unknown>;
    const token = query['hub.verify_token'];
    if (query['hub.mode'] !== 'subscribe' || typeof token !== 'string' || !secretsEqual(token, metaVerifyToken)) {
      return forbidden(request, reply, 'hub.mode must be subscribe and hub.verify_token must match the verify token');
    }
    const challenge = query['hub.challenge'];
    if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 256) {
      throw new HubError('INVALID_INPUT', 'hub.challenge must be 1-256 characters');
    }
    // Echoed as plain text that browsers may not sniff, so it cannot become a page of ours.
    return reply.type('text/plain; charset=utf-8').header('x-content-type-options', 'nosniff').send(challenge);
  });

  app.post(META_PATH, { schema: webhookSchema }, async (request, reply) => {
    if (!metaAppSecret) throw new HubError('NOT_FOUND', 'the Meta channel is off: no app secret is configured');
    if (!Buffer.isBuffer(request.body))
      throw new HubError('UNSUPPORTED_MEDIA_TYPE', 'send the webhook as application/json');
    const body = request.body;
    const header = request.headers['x-hub-signature-256'];
    const presented =
      typeof header === 'string' && header.startsWith('sha256=') ? header.slice(7).toLowerCase() : undefined;
    const expected = createHmac('sha256', metaAppSecret).update(body).digest('hex');
    if (!secretsEqual(presented, expected)) {
      throw new HubError('INVALID_SIGNATURE', 'X-Hub-Signature-256 is missing or does not match the body');
    }
    const raw: RawPayload = { channel: 'social', contentType: 'application/json', body, receivedAt: deps.now() };
    const mapping = await mapOrKeep(deps, raw);
    if (mapping.skipped.length > 0) deps.logger.debug({ skipped: mapping.skipped }, 'Meta changes not recorded');
    if (mapping.interactions.length === 0) return reply.status(200).send({ accepted: 0, interactionIds: [] });
    // One accept for the whole webhook: all its entries are recorded, or none and Meta retries.
    const receipt = await acceptOrUnavailable(deps, mapping.interactions, raw);
    return reply.status(200).send({ accepted: receipt.interactionIds.length, interactionIds: receipt.interactionIds });
  });
}

/** A signed webhook we cannot read is kept as a parse failure, to re-run after a fix. */
async function mapOrKeep(deps: IngestDependencies, raw: RawPayload): Promise<ReturnType<typeof mapMetaWebhook>> {
  let detail: string;
  try {
    return mapMetaWebhook(JSON.parse(raw.body.toString('utf8')));
  } catch (error) {
    if (!(error instanceof SyntaxError) && !isHubError(error)) throw error;
    detail = isHubError(error) ? error.message : `the body is not JSON: ${error.message}`;
  }
  await deps.intake
    .recordParseFailure(raw, detail)
    .catch((error) => deps.logger.error({ err: error }, 'could not keep an unreadable Meta webhook'));
  throw new HubError('INVALID_INPUT', detail);
}

// 403 is what Meta expects for a wrong verify token.
const forbidden = (request: FastifyRequest, reply: FastifyReply, detail: string) =>
  sendProblem(reply, toProblem(new HubError('FORBIDDEN', detail), request));
