import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import {
  mapWebFormSubmission,
  type ReadMultipartForm,
  readJsonForm,
  readMultipartFormStream,
  readUrlEncodedForm,
  type WebFormLimits,
} from '@hub/channels';
import { HubError } from '@hub/errors';
import { problems, rawBody, security } from '@hub/http';
import type { RawPayload } from '@hub/interactions';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import type { WebFormDefinition } from '../ingest-settings.ts';
import { acceptOrUnavailable, IntakeReceiptSchema } from './accept.ts';

type WebFormRequest = FastifyRequest<{ Params: { formId: string } }>;

const FIELD_TYPES = ['application/x-www-form-urlencoded', 'application/json'];
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

const webFormSchema = {
  summary: 'A plain HTML form post (urlencoded, multipart with files) or JSON, for a declared form',
  tags: ['intake'],
  security: security.none,
  params: z.object({ formId: z.string().meta({ description: 'a form declared in HUB_WEBFORMS' }) }),
  headers: z.looseObject({
    'idempotency-key': z.string().optional().meta({ description: '1 to 200 visible ASCII characters' }),
  }),
  consumes: [...FIELD_TYPES, 'multipart/form-data'],
  body: rawBody("the form's fields (and files), read by the handler against the form's declaration"),
  response: {
    202: {
      description: 'recorded: JSON for scripts, a thank-you page for browsers',
      content: {
        'application/json': { schema: IntakeReceiptSchema },
        'text/html': { schema: z.string() },
      },
    },
    303: z.undefined().meta({ description: "recorded; a browser goes to the form's thank-you URL" }),
    ...problems(400, 404, 413, 415, 429, 503),
  },
};

const mediaTypeOf = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();

/** Multipart bodies arrive parsed (while streaming); the others as bytes, small enough to hold. */
function readSubmission(request: FastifyRequest, limits: WebFormLimits): ReadMultipartForm {
  if (!Buffer.isBuffer(request.body)) return request.body as ReadMultipartForm;
  const body = request.body;
  const submission =
    mediaTypeOf(request) === 'application/json'
      ? readJsonForm(body, limits.maxFieldBytes)
      : readUrlEncodedForm(body, limits.maxFieldBytes);
  return { submission, body };
}

/** A plain `<form>` post is a browser's unless it asks for JSON; a browser gets a page, a script gets JSON. */
function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  form: WebFormDefinition,
  id: string,
  rawPayloadId: string,
) {
  const accept = request.headers.accept ?? '';
  const formPost = mediaTypeOf(request) !== 'application/json';
  const browser = accept.includes('text/html') || (formPost && !accept.includes('application/json'));
  if (browser && form.thankYouUrl) return reply.status(303).header('location', form.thankYouUrl).send();
  if (browser) {
    return reply
      .status(202)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><meta charset="utf-8"><title>Thank you</title><p>Thank you, your message was received.</p>',
      );
  }
  return reply.status(202).send({ accepted: 1, interactionIds: [id], rawPayloadId });
}

const httpUrlOrNull = (value: string | undefined): string | null =>
  value && URL.canParse(value) && /^https?:/i.test(value) ? value : null;

/**
 * `POST /v1/channels/webform/:formId`, deliberately public: a form on a public page cannot hold a
 * secret, since anything in its HTML is readable by everyone. What protects it instead: only
 * declared forms are accepted, a rate limit per client address, body, file and field-count
 * limits, a honeypot field, and a valid email or phone number required in every submission.
 * (Behind a reverse proxy, the app's `trustProxy` must be set so the client address is real.)
 */
export async function registerWebFormRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  const { webForms, webFormRateLimitPerMinute, defaultPhoneRegion } = deps.settings;
  const limits: WebFormLimits = {
    maxBodyBytes: deps.settings.maxBodyBytes,
    maxFileBytes: deps.settings.maxAttachmentBytes,
    maxFieldBytes: deps.settings.maxFormFieldBytes,
    maxFieldsBytes: deps.settings.maxFormFieldsBytes,
  };
  const forms = new Map(webForms.map((form) => [form.id, form]));
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      max: webFormRateLimitPerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) =>
        new HubError(
          'RATE_LIMITED',
          `more than ${context.max} web form posts a minute from this address; retry in ${context.after}`,
        ),
    });
    scope.removeAllContentTypeParsers();
    // Without files a form is a few kilobytes: its body is capped at the fields' cap.
    scope.addContentTypeParser(
      FIELD_TYPES,
      { parseAs: 'buffer', bodyLimit: limits.maxFieldsBytes },
      (_request, body, done) => done(null, body),
    );
    scope.addContentTypeParser('multipart/form-data', (request, payload, done) => {
      if (Number(request.headers['content-length'] ?? 0) > limits.maxBodyBytes) {
        done(new HubError('PAYLOAD_TOO_LARGE', `the body is over ${limits.maxBodyBytes} bytes`), undefined);
        return;
      }
      readMultipartFormStream(payload, request.headers['content-type'] ?? '', limits).then(
        (form) => done(null, form),
        (error: Error) => done(error, undefined),
      );
    });
    // A refused upload is not read to its end: the connection closes after the answer.
    scope.addHook('onSend', async (_request, reply, payload) => {
      if (reply.statusCode === 413) reply.header('connection', 'close');
      return payload;
    });
    // Before the body is read: an unknown form costs us nothing more than this answer.
    scope.addHook('preParsing', async (request: WebFormRequest, _reply, payload) => {
      if (!forms.has(request.params.formId)) {
        throw new HubError('NOT_FOUND', `no web form "${request.params.formId}" is declared`);
      }
      return payload;
    });
    scope.post('/v1/channels/webform/:formId', { schema: webFormSchema }, async (request: WebFormRequest, reply) => {
      const form = forms.get(request.params.formId) as WebFormDefinition;
      const { submission, body } = readSubmission(request, limits);
      const idempotencyKey = request.headers['idempotency-key'];
      if (
        idempotencyKey !== undefined &&
        (typeof idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyKey))
      ) {
        throw new HubError('INVALID_INPUT', 'the Idempotency-Key header must be 1 to 200 visible ASCII characters');
      }
      const receivedAt = deps.now();
      const mapped = mapWebFormSubmission(form, submission, {
        receivedAt,
        region: defaultPhoneRegion,
        pageUrl: httpUrlOrNull(request.headers.referer),
        userAgent: request.headers['user-agent'] ?? null,
        idempotencyKey: idempotencyKey ?? null,
      });
      const rawPayloadId = createHash('sha256').update(body).digest('hex');
      // A filled honeypot is a bot: it gets the very answer a person would, so it learns nothing
      // to adapt to, and nothing is recorded.
      if (mapped.kind === 'honeypot') return answer(request, reply, form, mapped.interactionId, rawPayloadId);
      // Stored only once the submission is known good, so a refused post leaves no files behind.
      for (const file of mapped.files) await deps.attachments.put(file.bytes, file.contentType);
      const raw: RawPayload = {
        channel: 'webform',
        contentType: request.headers['content-type'] ?? '',
        body,
        receivedAt,
      };
      const receipt = await acceptOrUnavailable(deps, [mapped.interaction], raw);
      return answer(request, reply, form, mapped.interaction.id, receipt.rawPayloadId);
    });
  });
}
