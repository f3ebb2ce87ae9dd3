import underPressure from '@fastify/under-pressure';
import { HubError } from '@hub/errors';
import { answerClientError } from '@hub/http';
import type { FastifyInstance } from 'fastify';

/** How long a client may take, and when the process is too busy to take more (HUB_HTTP_*, HUB_MAX_*). */
export interface HttpLimits {
  /** The whole request, headers and body (`HUB_HTTP_REQUEST_TIMEOUT_MS`). */
  readonly requestTimeoutMs: number;
  /** The request line and headers (`HUB_HTTP_HEADERS_TIMEOUT_MS`): slowloris clients stop here. */
  readonly headersTimeoutMs: number;
  /** A socket with no bytes either way (`HUB_HTTP_IDLE_TIMEOUT_MS`). */
  readonly idleTimeoutMs: number;
  /** An idle keep-alive connection between requests (`HUB_HTTP_KEEP_ALIVE_TIMEOUT_MS`). */
  readonly keepAliveTimeoutMs: number;
  /** Mean event-loop delay over one sample before requests get 503; 0 turns the check off. */
  readonly maxEventLoopDelayMs: number;
  /** Heap in use before requests get 503; 0 turns the check off. */
  readonly maxHeapUsedBytes: number;
  /** How often the pressure is sampled; tests shorten it. */
  readonly pressureSampleIntervalMs?: number;
}

export const defaultHttpLimits: HttpLimits = Object.freeze({
  requestTimeoutMs: 120_000,
  headersTimeoutMs: 20_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxEventLoopDelayMs: 1_000,
  maxHeapUsedBytes: 0,
});

/** Fastify's timeouts are 0 (none) by default: a slow client would hold its socket and buffer forever. */
export const serverTimeouts = (limits: HttpLimits) => ({
  requestTimeout: limits.requestTimeoutMs,
  connectionTimeout: limits.idleTimeoutMs,
  keepAliveTimeout: limits.keepAliveTimeoutMs,
  // A timed-out client gets problem+json 408 too, not Fastify's own JSON.
  clientErrorHandler: answerClientError,
  http: {
    headersTimeout: limits.headersTimeoutMs,
    // Node checks the request and headers timeouts on this tick (30 s by default): a 20 s
    // headers timeout would otherwise let a slow client stay up to 50 s.
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  },
});

const RETRY_AFTER_SECONDS = 10;

/**
 * Sheds load when the process is saturated: 503 problem+json with Retry-After, before the body is
 * read. Liveness is exempt: a busy process is alive, and restarting it would lose its work.
 */
export async function shedLoadUnderPressure(app: FastifyInstance, limits: HttpLimits): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    maxHeapUsedBytes: limits.maxHeapUsedBytes,
    ...(limits.pressureSampleIntervalMs ? { sampleInterval: limits.pressureSampleIntervalMs } : {}),
    retryAfter: RETRY_AFTER_SECONDS,
    // Async: a rejection goes to the error handler like any refusal (problem+json, logged).
    pressureHandler: async (request, reply, type) => {
      if (request.url.split('?')[0] === '/health/live') return;
      reply.header('retry-after', RETRY_AFTER_SECONDS);
      throw new HubError('OVERLOADED', `the hub is saturated (${type}); retry after ${RETRY_AFTER_SECONDS} s`);
    },
  });
}
