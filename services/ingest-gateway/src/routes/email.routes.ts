import { parseEmailOrRecordFailure } from '@hub/channels';
import { HubError, isHubError } from '@hub/errors';
import { problems, rawBody, requireBearer, security } from '@hub/http';
import type { NormalizedInteraction, RawPayload } from '@hub/interactions';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { acceptOrUnavailable, IntakeReceiptSchema } from './accept.ts';

export const EMAIL_CONTENT_TYPE = 'message/rfc822';

const emailSchema = {
  summary: 'A raw RFC 5322 message (what an MTA pipe or a provider inbound hook posts)',
  tags: ['intake'],
  security: security.channel,
  consumes: [EMAIL_CONTENT_TYPE],
  body: rawBody('the message as received, headers and body'),
  response: {
    202: IntakeReceiptSchema.extend({ interactionId: z.string() }),
    ...problems(400, 401, 413, 415, 503),
  },
};

/**
 * Parses a received message for any email entry point (HTTP, SMTP, IMAP): INVALID_INPUT when
 * it is not a usable message (already recorded as a parse failure), INTAKE_UNAVAILABLE when
 * the failure store or the attachment store cannot be reached (nothing recorded, retry).
 */
export async function parseReceivedEmail(
  deps: IngestDependencies,
  raw: RawPayload,
  system: 'mta' | 'imap',
): Promise<NormalizedInteraction> {
  try {
    const options = { system, attachments: deps.attachments, maxAttachmentBytes: deps.settings.maxAttachmentBytes };
    return await parseEmailOrRecordFailure(raw, options, deps.intake);
  } catch (error) {
    if (isHubError(error) && error.httpStatus < 500) throw error;
    deps.logger.error({ err: error, channel: 'email' }, 'email could not be parsed or recorded');
    throw new HubError(
      'INTAKE_UNAVAILABLE',
      'the message could not be recorded now; retry later',
      {},
      { cause: error },
    );
  }
}

/**
 * `POST /v1/channels/email`: one raw RFC 5322 message as `message/rfc822`, bearer token. What an
 * MTA's pipe or HTTP delivery hook posts (Postfix pipe + curl, Exim transport, a mail provider's
 * inbound webhook forwarding the raw message).
 */
export async function registerEmailRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  // onRequest, before the body is read: an unauthenticated client cannot make us buffer 25 MB.
  app.addHook('onRequest', requireBearer(deps.settings.channelToken, 'the channel API'));
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    EMAIL_CONTENT_TYPE,
    { parseAs: 'buffer', bodyLimit: deps.settings.maxBodyBytes },
    (_request, body, done) => done(null, body),
  );

  app.post('/v1/channels/email', { schema: emailSchema }, async (request, reply) => {
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new HubError('INVALID_INPUT', `the body is empty: post the raw message as ${EMAIL_CONTENT_TYPE}`);
    }
    const raw: RawPayload = { channel: 'email', contentType: EMAIL_CONTENT_TYPE, body, receivedAt: deps.now() };
    const interaction = await parseReceivedEmail(deps, raw, 'mta');
    const receipt = await acceptOrUnavailable(deps, [interaction], raw);
    return reply.status(202).send({
      accepted: receipt.interactionIds.length,
      interactionId: interaction.id,
      interactionIds: receipt.interactionIds,
      rawPayloadId: receipt.rawPayloadId,
    });
  });
}
