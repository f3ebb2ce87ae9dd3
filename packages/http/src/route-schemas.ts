import type { FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

export type { ZodTypeProvider } from 'fastify-type-provider-zod';

/**
 * Routes declare `schema: { params, querystring, body, headers, response }` with zod: fastify
 * validates input with the schema (a failure is a 400 INVALID_INPUT naming the field, see
 * `toProblem`) and `/openapi.json` is generated from the same schemas.
 *
 * Responses are written as JSON as they are: their schemas document them, they are not checked or
 * trimmed at run time (read-model rows carry Dates and fields a schema may not list; checking every
 * answer would cost the hot reads their latency budget).
 */
export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
}

/** RFC 9457 problem details, the only error body the hub sends (`docs/errors.md`). */
export const ProblemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().optional().meta({ description: 'a code of docs/errors.md' }),
    instance: z.string().optional(),
    currentRevision: z.number().int().nullable().optional().meta({
      description: 'WRONG_EXPECTED_REVISION: the revision the stream is at now',
    }),
    current: z.unknown().optional().meta({ description: 'WRONG_EXPECTED_REVISION: the state the change met' }),
  })
  .meta({ id: 'Problem', description: 'application/problem+json (RFC 9457) with a hub error code' });

const problemMeaning: Record<number, string> = {
  400: 'INVALID_INPUT: the input is malformed; the detail names the field',
  401: 'UNAUTHENTICATED: no valid credentials',
  403: 'FORBIDDEN (the role may not do this) or INVALID_SIGNATURE',
  410: 'LINK_EXPIRED: a signed link past its expiry',
  404: 'NOT_FOUND',
  409: 'a conflict; WRONG_EXPECTED_REVISION carries currentRevision and current',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED (retry-after says when)',
  503: 'a dependency is down, nothing was recorded (retry-after says when)',
};

interface ProblemResponse {
  readonly description: string;
  readonly content: { readonly 'application/problem+json': { readonly schema: typeof ProblemSchema } };
}

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 503;

/** The problem+json answers a route documents, e.g. `...problems(400, 401, 403)` in `response`. */
export function problems<S extends ProblemStatus>(...statuses: readonly S[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: problemMeaning[status] ?? 'a problem',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<S, ProblemResponse>;
}

/**
 * A body the handler reads by hand (raw bytes kept as received: email, CSV, signed webhooks): it
 * is documented under its content types (`consumes`) with `documented`'s shape, or as bytes, and
 * not validated here, so the handler's own refusals stay as they are.
 */
export const rawBody = (description: string, documented?: z.ZodType) =>
  z
    .custom<unknown>(() => true)
    .meta(
      documented
        ? { ...(z.toJSONSchema(documented, { io: 'input', unrepresentable: 'any' }) as object), description }
        : { type: 'string', description },
    );

/** `security` of a route's schema: which of the document's security schemes admit it. */
export const security = {
  /** A signed-in user's session (bearer or cookie) or an API token. */
  agent: [{ bearerAuth: [] }, { sessionCookie: [] }],
  /** `HUB_CHANNEL_TOKEN`: channel adapters and operators of the intake. */
  channel: [{ channelToken: [] }],
  telegram: [{ telegramSecretToken: [] }],
  meta: [{ metaSignature: [] }],
  twilio: [{ twilioSignature: [] }],
  /** Deliberately public (rate-limited, or a declared form/widget). */
  none: [],
} as const;

/** Tags that group the document's operations. */
export type ApiTag =
  | 'health'
  | 'intake'
  | 'access'
  | 'customers'
  | 'conversations'
  | 'cases'
  | 'replies'
  | 'routing'
  | 'audit'
  | 'service-levels'
  | 'csat'
  | 'live'
  | 'docs';
