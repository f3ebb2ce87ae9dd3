import { createHash } from 'node:crypto';
import {
  type CdrRowOutcome,
  keptCdrRowContentType,
  parseCdrLayout,
  parseMasterCsv,
  parseTwilioStatusCallback,
  readCallLog,
  requireTimeZone,
  toPhoneInteraction,
  verifyTwilioSignature,
} from '@hub/channels';
import { HubError } from '@hub/errors';
import { problems, rawBody, requireBearer, security, type ZodTypeProvider } from '@hub/http';
import type { NormalizedInteraction, RawPayload } from '@hub/interactions';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { acceptOrUnavailable, IntakeReceiptSchema } from './accept.ts';

// Twilio's callbacks are a few kilobytes; anything bigger is not Twilio.
const TWILIO_BODY_LIMIT = 64 * 1024;

const CdrQuery = z.object({
  timeZone: z.string().min(1).max(64).default('UTC').meta({ description: "the switch's clock, an IANA zone" }),
  pbx: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]{0,63}$/)
    .optional(),
  layout: z.enum(['cdr_csv', 'cdr_custom']).optional().meta({ description: 'overrides HUB_CDR_COLUMNS' }),
});
const CdrAnswer = IntakeReceiptSchema.extend({
  totals: z.object({
    rows: z.number().int(),
    recorded: z.number().int(),
    skippedInternal: z.number().int(),
    failed: z.number().int(),
  }),
  rows: z.array(
    z.object({
      line: z.number().int(),
      outcome: z.enum(['recorded', 'skipped-internal', 'failed']),
      interactionId: z.string().optional(),
      reason: z.string().optional(),
      parseFailureId: z.string().optional(),
    }),
  ),
});
const twilioSchema = {
  summary: 'Twilio Voice status callback; off (404) until TWILIO_AUTH_TOKEN is set',
  tags: ['intake'],
  security: security.twilio,
  consumes: ['application/x-www-form-urlencoded'],
  body: rawBody("Twilio's status callback parameters, form-encoded (the signature covers them)"),
  response: {
    204: z.undefined().meta({ description: 'recorded (or not a final status)' }),
    ...problems(400, 403, 404, 413, 415, 503),
  },
};
const cdrSchema = {
  summary: 'An Asterisk CDR file (cdr_csv or cdr_custom): every row recorded, skipped or kept as a parse failure',
  tags: ['intake'],
  security: security.channel,
  consumes: ['text/csv'],
  querystring: CdrQuery,
  body: rawBody('the CDR file as the switch wrote it'),
  response: { 202: CdrAnswer, ...problems(400, 401, 413, 415, 503) },
};
const callsSchema = {
  summary: 'A JSON call log: one call or { "calls": [...] }',
  tags: ['intake'],
  security: security.channel,
  consumes: ['application/json'],
  body: rawBody('one call or a batch of the generic call log'),
  response: { 202: IntakeReceiptSchema, ...problems(400, 401, 413, 415, 503) },
};

/** Keeps the body as raw bytes (stored beside what is parsed from them), for these types only. */
function acceptRawBodies(scope: FastifyInstance, types: string[], bodyLimit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
}

/** The raw payload store names a payload by the sha256 of its bytes. */
const payloadIdOf = (body: Buffer): string => createHash('sha256').update(body).digest('hex');

const bodyOf = (request: FastifyRequest): Buffer => (request.body as Buffer | undefined) ?? Buffer.alloc(0);

async function acceptCalls(
  deps: IngestDependencies,
  reply: FastifyReply,
  interactions: NormalizedInteraction[],
  raw: RawPayload,
  extra: Record<string, unknown> = {},
) {
  const receipt =
    interactions.length > 0
      ? await acceptOrUnavailable(deps, interactions, raw)
      : { interactionIds: [], rawPayloadId: payloadIdOf(raw.body) };
  return reply.status(202).send({
    accepted: receipt.interactionIds.length,
    interactionIds: receipt.interactionIds,
    rawPayloadId: receipt.rawPayloadId,
    ...extra,
  });
}

/**
 * `POST /v1/channels/phone/twilio`: Voice status callbacks, authenticated by Twilio's signature
 * alone (Twilio cannot send our bearer token). Without a configured auth token the endpoint is
 * off: an unverifiable webhook would let anyone write call history.
 */
function registerTwilio(scope: FastifyInstance, deps: IngestDependencies): void {
  const { twilioAuthToken, publicUrl, defaultPhoneRegion } = deps.settings;
  acceptRawBodies(
    scope,
    ['application/x-www-form-urlencoded'],
    Math.min(TWILIO_BODY_LIMIT, deps.settings.maxBodyBytes),
  );
  scope.addHook('onRequest', async (request) => {
    if (!twilioAuthToken) {
      throw new HubError(
        'NOT_FOUND',
        'the Twilio endpoint is disabled: no Twilio auth token is configured (TWILIO_AUTH_TOKEN)',
      );
    }
    if (!request.headers['x-twilio-signature']) {
      throw new HubError('INVALID_SIGNATURE', 'the X-Twilio-Signature header is missing');
    }
  });
  scope.post('/v1/channels/phone/twilio', { schema: twilioSchema }, async (request, reply) => {
    const body = bodyOf(request);
    const params = new URLSearchParams(body.toString('utf8'));
    // Twilio signs the URL it called: our public URL, then path and query exactly as received.
    const url = `${publicUrl.replace(/\/+$/, '')}${request.url}`;
    const presented = request.headers['x-twilio-signature'];
    if (
      !verifyTwilioSignature(twilioAuthToken ?? '', url, params, typeof presented === 'string' ? presented : undefined)
    ) {
      throw new HubError(
        'INVALID_SIGNATURE',
        'X-Twilio-Signature does not match this request; check TWILIO_AUTH_TOKEN and that HUB_PUBLIC_URL is the URL Twilio calls',
      );
    }
    const receivedAt = deps.now();
    const callback = parseTwilioStatusCallback(params, receivedAt, defaultPhoneRegion);
    if (callback.kind === 'call') {
      const raw: RawPayload = { channel: 'phone', contentType: 'application/x-www-form-urlencoded', body, receivedAt };
      await acceptOrUnavailable(deps, [toPhoneInteraction(callback.call)], raw);
    }
    // Twilio ignores a status callback's body; an empty 204 answers fastest.
    return reply.status(204).send();
  });
}

/**
 * `POST /v1/channels/phone/cdr?timeZone=Asia/Tehran&pbx=tehran-1&layout=cdr_custom`: an Asterisk
 * CDR file. Customer calls are recorded, calls inside the PBX skipped, and each bad row kept as a
 * parse failure of its own (re-runnable) while the others are recorded: 202 with every row's
 * outcome. Only a file with no readable row at all is refused (400), nothing kept.
 */
function registerCdr(scope: FastifyInstance, deps: IngestDependencies): void {
  scope.addHook('onRequest', requireBearer(deps.settings.channelToken, 'the phone channel API'));
  acceptRawBodies(scope, ['text/csv'], deps.settings.maxBodyBytes);
  scope
    .withTypeProvider<ZodTypeProvider>()
    .post('/v1/channels/phone/cdr', { schema: cdrSchema }, async (request, reply) => {
      const { query } = request;
      const body = bodyOf(request);
      const settings = {
        timeZone: requireTimeZone(query.timeZone),
        layout: query.layout ? parseCdrLayout(query.layout) : deps.settings.cdrLayout,
        pbx: query.pbx,
      };
      const outcomes = parseMasterCsv(body.toString('utf8'), { ...settings, region: deps.settings.defaultPhoneRegion });
      const receivedAt = deps.now();
      const parseFailureIds = new Map<number, string>();
      for (const row of outcomes) {
        if (row.kind !== 'failed') continue;
        const kept: RawPayload = {
          channel: 'phone',
          contentType: keptCdrRowContentType(settings),
          body: Buffer.from(`${row.text}\n`, 'utf8'),
          receivedAt,
        };
        await deps.intake.recordParseFailure(kept, `line ${row.line} of a CDR file: ${row.reason}`);
        parseFailureIds.set(row.line, payloadIdOf(kept.body));
      }
      const calls = outcomes.flatMap((row) => (row.kind === 'call' ? [toPhoneInteraction(row.call)] : []));
      const raw: RawPayload = { channel: 'phone', contentType: 'text/csv', body, receivedAt };
      const receipt =
        calls.length > 0
          ? await acceptOrUnavailable(deps, calls, raw)
          : { interactionIds: [], rawPayloadId: payloadIdOf(body) };
      let recorded = 0;
      const rows = outcomes.map((row) => {
        if (row.kind === 'call')
          return { line: row.line, outcome: 'recorded' as const, interactionId: receipt.interactionIds[recorded++] };
        if (row.kind === 'skipped-internal') return { line: row.line, outcome: row.kind, reason: row.reason };
        return { line: row.line, outcome: row.kind, reason: row.reason, parseFailureId: parseFailureIds.get(row.line) };
      });
      const count = (kind: CdrRowOutcome['kind']) => outcomes.filter((row) => row.kind === kind).length;
      return reply.status(202).send({
        accepted: receipt.interactionIds.length,
        interactionIds: receipt.interactionIds,
        rawPayloadId: receipt.rawPayloadId,
        totals: {
          rows: outcomes.length,
          recorded: count('call'),
          skippedInternal: count('skipped-internal'),
          failed: count('failed'),
        },
        rows,
      });
    });
}

/** `POST /v1/channels/phone/calls`: one call of the generic call log, or `{ calls: [...] }`. */
function registerCallLog(scope: FastifyInstance, deps: IngestDependencies): void {
  scope.addHook('onRequest', requireBearer(deps.settings.channelToken, 'the phone channel API'));
  acceptRawBodies(scope, ['application/json'], deps.settings.maxBodyBytes);
  scope.post('/v1/channels/phone/calls', { schema: callsSchema }, async (request, reply) => {
    const body = bodyOf(request);
    const interactions = readCallLog(body, deps.settings.defaultPhoneRegion).map(toPhoneInteraction);
    const raw: RawPayload = { channel: 'phone', contentType: 'application/json', body, receivedAt: deps.now() };
    return acceptCalls(deps, reply, interactions, raw);
  });
}

/** The phone channel: each endpoint in its own scope, with its own body types and authentication. */
export async function registerPhoneRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  await app.register(async (scope) => registerTwilio(scope, deps));
  await app.register(async (scope) => registerCdr(scope, deps));
  await app.register(async (scope) => registerCallLog(scope, deps));
}
