import { mapTelegramUpdate, TelegramUpdate } from '@hub/channels';
import { HubError } from '@hub/errors';
import { problems, rawBody, secretsEqual, security } from '@hub/http';
import type { RawPayload } from '@hub/interactions';
import type { FastifyInstance } from 'fastify';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { acceptOrUnavailable, IntakeReceiptSchema } from './accept.ts';

export const TELEGRAM_PATH = '/v1/channels/chat/telegram';

/** Telegram's own limit for a webhook body is far below this; a bigger one is not from Telegram. */
const MAX_UPDATE_BYTES = 1024 * 1024;

const telegramSchema = {
  summary: 'A Telegram Bot API Update (webhook); off (404) until TELEGRAM_SECRET_TOKEN is set',
  tags: ['intake'],
  security: security.telegram,
  consumes: ['application/json'],
  body: rawBody('a Telegram Update; an unreadable one is kept as a parse failure'),
  response: { 200: IntakeReceiptSchema, ...problems(400, 403, 404, 413, 415, 503) },
};

/**
 * Telegram Bot API webhooks (`setWebhook` with `secret_token`). Telegram retries an update until
 * it gets a 2xx, so an update we do not record still gets 200, and a 503 (intake down) asks for
 * the retry that keeps it. Off (404) until a secret token is configured.
 */
export async function registerTelegramRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  const secret = deps.settings.telegramSecretToken;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_UPDATE_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  // Checked before the body is read: a caller without the secret costs nothing and records nothing.
  app.addHook('onRequest', async (request) => {
    if (!secret) {
      throw new HubError('NOT_FOUND', 'the Telegram channel is off: no secret token is configured');
    }
    const presented = request.headers['x-telegram-bot-api-secret-token'];
    if (!secretsEqual(typeof presented === 'string' ? presented : undefined, secret)) {
      throw new HubError('INVALID_SIGNATURE', 'X-Telegram-Bot-Api-Secret-Token is missing or wrong');
    }
  });

  app.post(TELEGRAM_PATH, { schema: telegramSchema }, async (request, reply) => {
    if (!Buffer.isBuffer(request.body)) {
      throw new HubError('UNSUPPORTED_MEDIA_TYPE', 'send the Update as application/json');
    }
    const raw: RawPayload = {
      channel: 'chat',
      contentType: 'application/json',
      body: request.body,
      receivedAt: deps.now(),
    };
    const update = await parseUpdate(deps, raw);
    const interactions = mapTelegramUpdate(update, { defaultPhoneRegion: deps.settings.defaultPhoneRegion });
    if (interactions.length === 0) return reply.status(200).send({ accepted: 0, interactionIds: [] });
    const receipt = await acceptOrUnavailable(deps, interactions, raw);
    return reply.status(200).send({ accepted: receipt.interactionIds.length, interactionIds: receipt.interactionIds });
  });
}

/** An authenticated update we cannot read is kept as a parse failure, to re-run after a fix. */
async function parseUpdate(deps: IngestDependencies, raw: RawPayload): Promise<TelegramUpdate> {
  let detail: string;
  try {
    const parsed = TelegramUpdate.safeParse(JSON.parse(raw.body.toString('utf8')));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    detail = `invalid Telegram Update at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`;
  } catch (error) {
    detail = `the body is not JSON: ${(error as Error).message}`;
  }
  await deps.intake
    .recordParseFailure(raw, detail)
    .catch((error) => deps.logger.error({ err: error }, 'could not keep an unreadable Telegram update'));
  throw new HubError('INVALID_INPUT', detail);
}
