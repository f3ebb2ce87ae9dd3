import { type HubError, isHubError } from '@hub/errors';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodFastifySchemaValidationError } from 'fastify-type-provider-zod';
import { toJsonSafe } from './json-safe.ts';

/** RFC 9457 problem details, the only error body the hub sends. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code?: string;
  readonly instance?: string;
  /** WRONG_EXPECTED_REVISION: the revision the stream is at now. */
  readonly currentRevision?: number | null;
  /** WRONG_EXPECTED_REVISION: what the user's change met (the aggregate's state), so they see what changed. */
  readonly current?: unknown;
}

export const sendProblem = (reply: FastifyReply, problem: Problem) =>
  reply.status(problem.status).type('application/problem+json').send(problem);

const fastifyCodes: Record<number, string> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const problemType = (code: string) => `https://interaction-hub.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`;

/**
 * What a stale change met: the command handler puts the revision and state in the error's context
 * (`currentRevision`, `current`); the store alone knows only the revision (`actual`).
 */
function staleState(error: HubError): Pick<Problem, 'currentRevision' | 'current'> {
  const { context } = error;
  const revision = context.currentRevision ?? context.actual;
  return {
    ...(typeof revision === 'number' || revision === null ? { currentRevision: revision } : {}),
    ...('current' in context ? { current: toJsonSafe(context.current) } : {}),
  };
}

const inputParts: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

/** A route schema's refusal as the handlers worded it: the part of the request, the field, why. */
function describeInvalidInput(issues: readonly ZodFastifySchemaValidationError[], context: string | undefined): string {
  const [issue] = issues;
  const field = (issue?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  return `invalid ${inputParts[context ?? ''] ?? context ?? 'input'}: ${field} ${issue?.message ?? ''}`
    .replace(/\s+/g, ' ')
    .trim();
}

/** Translates any error into problem+json; the one place HTTP meets the error catalogue. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (isHubError(error)) {
    return {
      type: problemType(error.code),
      title: error.code,
      status: error.httpStatus,
      detail: error.message,
      code: error.code,
      instance: request.url,
      ...(isHubError(error, 'WRONG_EXPECTED_REVISION') ? staleState(error) : {}),
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (hasZodFastifySchemaValidationErrors(error)) {
    return {
      type: problemType('INVALID_INPUT'),
      title: 'INVALID_INPUT',
      status: 400,
      detail: describeInvalidInput(error.validation, error.validationContext),
      code: 'INVALID_INPUT',
      instance: request.url,
    };
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Fastify's own refusals (body too large, bad JSON, unsupported type) in the hub's codes.
    const code = fastifyCodes[status] ?? 'INVALID_INPUT';
    return {
      type: problemType(code),
      title: code,
      status,
      detail: fastifyError.message ?? 'the request was refused',
      code,
      instance: request.url,
    };
  }
  // Internal details stay in the log, not in the answer.
  return {
    type: problemType('INTERNAL'),
    title: 'INTERNAL',
    status: 500,
    detail: 'the hub failed to handle this request; it has been logged',
    instance: request.url,
  };
}
