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
import { requireBearer } from '@hub/http';
import type { NormalizedInteraction, RawPayload } from '@hub/interactions';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { acceptOrUnavailable } from './accept.ts';

// Twilio's callbacks are a few kilobytes; anything bigger is not Twilio.
const TWILIO_BODY_LIMIT = 64 * 1024;

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
  scope.post('/v1/channels/phone/twilio', async (request, reply) => {
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

const CdrQuery = z.object({
  timeZone: z.string().min(1).max(64).default('UTC'),
  pbx: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]{0,63}$/)
    .optional(),
  layout: z.enum(['cdr_csv', 'cdr_custom']).optional(),
});

/**
 * `POST /v1/channels/phone/cdr?timeZone=Asia/Tehran&pbx=tehran-1&layout=cdr_custom`: an Asterisk
 * CDR file. Customer calls are recorded, calls inside the PBX skipped, and each bad row kept as a
 * parse failure of its own (re-runnable) while the others are recorded: 202 with every row's
 * outcome. Only a file with no readable row at all is refused (400), nothing kept.
 */
function registerCdr(scope: FastifyInstance, deps: IngestDependencies): void {
  scope.addHook('onRequest', requireBearer(deps.settings.channelToken, 'the phone channel API'));
  acceptRawBodies(scope, ['text/csv'], deps.settings.maxBodyBytes);
  scope.post('/v1/channels/phone/cdr', async (request, reply) => {
    const query = CdrQuery.safeParse(request.query);
    if (!query.success) {
      const issue = query.error.issues[0];
      throw new HubError('INVALID_INPUT', `invalid query parameter ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const body = bodyOf(request);
    const settings = {
      timeZone: requireTimeZone(query.data.timeZone),
      layout: query.data.layout ? parseCdrLayout(query.data.layout) : deps.settings.cdrLayout,
      pbx: query.data.pbx,
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
        return { line: row.line, outcome: 'recorded', interactionId: receipt.interactionIds[recorded++] };
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
  scope.post('/v1/channels/phone/calls', async (request, reply) => {
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
