import { useProblemDetails } from '@hub/http';
import { createInMemoryAttachmentStore, createRecordingIntake } from '@hub/interactions';
import { silentLogger } from '@hub/logger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerIngestRoutes } from '../gateway.ts';
import type { IngestDependencies } from '../ingest-dependencies.ts';
import { defaultIngestSettings, type IngestSettings } from '../ingest-settings.ts';

export const TEST_CHANNEL_TOKEN = 'test-channel-token-0123456789';

/**
 * The gateway over an in-memory intake (our own port): a test reads `intake.accepted` to see what
 * was recorded, so "nothing written" is an empty list.
 */
export async function buildTestGateway(
  settings: Partial<IngestSettings> = {},
  register: (app: FastifyInstance, deps: IngestDependencies) => Promise<void> = registerIngestRoutes,
) {
  const intake = createRecordingIntake();
  const attachments = createInMemoryAttachmentStore();
  const app = Fastify({ loggerInstance: silentLogger() as FastifyBaseLogger, bodyLimit: 1024 * 1024 });
  useProblemDetails(app);
  await register(app, {
    intake,
    attachments,
    logger: silentLogger(),
    now: () => new Date('2026-11-23T09:00:00Z'),
    settings: { ...defaultIngestSettings, channelToken: TEST_CHANNEL_TOKEN, ...settings },
  });
  await app.ready();
  return { app, intake, attachments };
}

export const bearer = { authorization: `Bearer ${TEST_CHANNEL_TOKEN}` };

/** Asserts nothing more than a problem+json body with the status; returns the parsed body. */
export function problemOf(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  const type = String(response.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json')) {
    throw new Error(`expected application/problem+json, got ${type}: ${response.body.slice(0, 200)}`);
  }
  return JSON.parse(response.body) as { status: number; code?: string; detail: string };
}

/**
 * The outcome every refusal must have: the status, a problem+json body whose detail says why, and
 * nothing handed to the intake.
 */
export function assertRefused(
  name: string,
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  intake: { readonly accepted: readonly unknown[] },
  status: number,
  detail: RegExp,
): void {
  if (response.statusCode !== status) {
    throw new Error(`${name}: expected ${status}, got ${response.statusCode}: ${response.body}`);
  }
  const problem = problemOf(response);
  if (!detail.test(problem.detail))
    throw new Error(`${name}: detail ${JSON.stringify(problem.detail)} does not match ${detail}`);
  if (intake.accepted.length !== 0)
    throw new Error(`${name}: ${intake.accepted.length} accepted, expected nothing recorded`);
}
