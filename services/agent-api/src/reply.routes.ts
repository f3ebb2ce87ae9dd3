import { randomUUID } from 'node:crypto';
import { loadAggregate } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { replyStream } from '@hub/events';
import type { AttachmentStore } from '@hub/interactions';
import { confirmReplySent, outcomeUnknown, replyDecider, retryReply } from '@hub/replies';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
import { parseInput } from './parse-input.ts';
import { toReplyView } from './reply-view.ts';

/** What an agent may attach to an email reply. */
export const replyAttachmentTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/zip',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

export interface ReplyApiDependencies {
  readonly store: EventStore;
  readonly attachments: AttachmentStore;
  /** HUB_REPLY_ATTACHMENT_MAX_BYTES: the largest file an agent may upload. */
  readonly maxAttachmentBytes: number;
  readonly now: () => Date;
}

const ReplyId = z.object({ id: z.string().uuid() });
const UploadQuery = z.object({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((name) => !/[/\\\0\r\n]/.test(name), 'a file name, without a path or line breaks'),
});
const RetryBody = z.object({}).strict();
/** The agent checked with the customer: `delivered` true records it sent, false sends it once more. */
const ConfirmationBody = z.object({ delivered: z.boolean() }).strict();

const write = { onRequest: requirePermission('conversations:write') };

async function loadReply(store: EventStore, replyId: string) {
  const loaded = await loadAggregate(store, replyStream(replyId), replyDecider);
  if (!loaded.state.reply) throw new HubError('NOT_FOUND', `no reply ${replyId}`);
  return loaded;
}

/**
 * Files for email replies (upload first, then name them in the reply), and what an agent does
 * about a reply that failed: retry it (one new attempt of the same reply), or, when its outcome is
 * unknown, say whether the customer got it. Register inside the scope that authenticates.
 */
export async function registerReplyRoutes(app: FastifyInstance, deps: ReplyApiDependencies) {
  await app.register(async (uploads) => {
    // Only listed types are read at all (415 otherwise), and no more than the limit (413).
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      [...replyAttachmentTypes],
      { parseAs: 'buffer', bodyLimit: deps.maxAttachmentBytes },
      (_request, body, done) => done(null, body),
    );
    uploads.post('/v1/attachments', write, async (request, reply) => {
      const { filename } = parseInput(UploadQuery, request.query, 'upload');
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new HubError('INVALID_INPUT', 'the body is empty: post the file itself, with its Content-Type');
      }
      const contentType = String(request.headers['content-type']).split(';')[0]?.trim().toLowerCase() ?? '';
      const id = await deps.attachments.put(body, contentType);
      return reply.status(201).send({ id, filename, contentType, sizeBytes: body.length });
    });
  });

  app.post('/v1/replies/:id/retry', write, async (request, reply) => {
    const { id } = parseInput(ReplyId, request.params, 'reply id');
    parseInput(RetryBody, request.body ?? {}, 'retry');
    await loadReply(deps.store, id);
    const state = await retryReply(deps.store, id, {
      actor: principalOf(request).actor,
      customerDidNotReceive: false,
      eventId: randomUUID(),
      now: deps.now(),
    });
    return reply.status(202).send(toReplyView(id, state));
  });

  app.post('/v1/replies/:id/confirmation', write, async (request, reply) => {
    const { id } = parseInput(ReplyId, request.params, 'reply id');
    const body = parseInput(ConfirmationBody, request.body, 'confirmation');
    const { state: current, revision } = await loadReply(deps.store, id);
    if (current.status !== 'failed' || current.lastFailureCode !== outcomeUnknown) {
      throw new HubError('REPLY_CONFLICT', 'only a reply whose delivery outcome is unknown needs a confirmation', {
        status: current.status,
      });
    }
    // Decided on what was just checked: a colleague answering at the same time makes this one 409.
    const principal = principalOf(request);
    const now = deps.now();
    if (body.delivered) {
      await confirmReplySent(deps.store, id, {
        providerMessageId: `confirmed-by:${principal.kind === 'user' ? principal.userId : principal.tokenId}`,
        actor: principal.kind === 'user' ? `user:${principal.userId}` : `api-token:${principal.tokenId}`,
        eventId: randomUUID(),
        now,
        seenRevision: revision,
      });
    } else {
      await retryReply(deps.store, id, {
        actor: principal.actor,
        customerDidNotReceive: true,
        eventId: randomUUID(),
        now,
        seenRevision: revision,
      });
    }
    return reply.status(body.delivered ? 200 : 202).send(toReplyView(id, (await loadReply(deps.store, id)).state));
  });
}
