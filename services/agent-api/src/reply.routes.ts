import { randomUUID } from 'node:crypto';
import { loadAggregate } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { replyStream } from '@hub/events';
import { problems, rawBody, security, type ZodTypeProvider } from '@hub/http';
import type { AttachmentStore } from '@hub/interactions';
import { confirmReplySent, outcomeUnknown, replyDecider, retryReply } from '@hub/replies';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
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
/** No body (or JSON null, as before), or an empty object. */
const RetryBody = z.object({}).strict().nullish().meta({ description: 'nothing, or {}' });
/** The agent checked with the customer: `delivered` true records it sent, false sends it once more. */
const ConfirmationBody = z.object({ delivered: z.boolean() }).strict();
const Uploaded = z.object({
  id: z.string().meta({ description: "the file's sha256: name it in a reply's attachments" }),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});
const Reply = z.object({
  replyId: z.string(),
  channel: z.string(),
  text: z.string(),
  attachments: z.array(z.object({ id: z.string(), filename: z.string() })).readonly(),
  delivery: z.object({
    status: z.enum(['queued', 'sending', 'sent', 'failed']),
    attempts: z.number().int(),
    reason: z.string().nullable(),
    providerCode: z.string().nullable(),
    retryAt: z.string().nullable(),
    outcomeUnknown: z.boolean(),
  }),
});

/** What every reply route shares in the document. */
const documented = { tags: ['replies'], security: security.agent } as const;
const uploadSchema = {
  ...documented,
  summary: 'Upload a file for an email reply: the raw bytes with their Content-Type (listed types only)',
  consumes: [...replyAttachmentTypes],
  querystring: UploadQuery,
  body: rawBody('the file itself, at most HUB_REPLY_ATTACHMENT_MAX_BYTES'),
  response: { 201: Uploaded, ...problems(400, 401, 403, 413, 415) },
};
const retrySchema = {
  ...documented,
  summary: 'Send a failed reply again: one new attempt of the same reply',
  params: ReplyId,
  body: RetryBody,
  response: { 202: Reply, ...problems(400, 401, 403, 404, 409) },
};
const confirmationSchema = {
  ...documented,
  summary: 'Whether the customer got a reply whose outcome is unknown: true records it sent, false sends it again',
  params: ReplyId,
  body: ConfirmationBody,
  response: { 200: Reply, 202: Reply, ...problems(400, 401, 403, 404, 409) },
};

const write = { onRequest: requirePermission('conversations:write') };

async function loadReply(store: EventStore, replyId: string) {
  const loaded = await loadAggregate(store, replyStream(replyId), replyDecider);
  if (!loaded.state.reply) throw new HubError('NOT_FOUND', `no reply ${replyId}`);
  return loaded;
}

/** A reply as the conversation shows it; only one that exists (as `loadReply` found it) has a view. */
function viewOf(replyId: string, state: Parameters<typeof toReplyView>[1]) {
  const view = toReplyView(replyId, state);
  if (!view) throw new HubError('NOT_FOUND', `no reply ${replyId}`);
  return view;
}

/**
 * Files for email replies (upload first, then name them in the reply), and what an agent does
 * about a reply that failed: retry it (one new attempt of the same reply), or, when its outcome is
 * unknown, say whether the customer got it. Register inside the scope that authenticates.
 */
export async function registerReplyRoutes(scope: FastifyInstance, deps: ReplyApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  await app.register(async (uploadScope) => {
    const uploads = uploadScope.withTypeProvider<ZodTypeProvider>();
    // Only listed types are read at all (415 otherwise), and no more than the limit (413).
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      [...replyAttachmentTypes],
      { parseAs: 'buffer', bodyLimit: deps.maxAttachmentBytes },
      (_request, body, done) => done(null, body),
    );
    uploads.post('/v1/attachments', { ...write, schema: uploadSchema }, async (request, reply) => {
      const { filename } = request.query;
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new HubError('INVALID_INPUT', 'the body is empty: post the file itself, with its Content-Type');
      }
      const contentType = String(request.headers['content-type']).split(';')[0]?.trim().toLowerCase() ?? '';
      const id = await deps.attachments.put(body, contentType);
      return reply.status(201).send({ id, filename, contentType, sizeBytes: body.length });
    });
  });

  app.post('/v1/replies/:id/retry', { ...write, schema: retrySchema }, async (request, reply) => {
    const { id } = request.params;
    await loadReply(deps.store, id);
    const state = await retryReply(deps.store, id, {
      actor: principalOf(request).actor,
      customerDidNotReceive: false,
      eventId: randomUUID(),
      now: deps.now(),
    });
    return reply.status(202).send(viewOf(id, state));
  });

  app.post('/v1/replies/:id/confirmation', { ...write, schema: confirmationSchema }, async (request, reply) => {
    const { id } = request.params;
    const body = request.body;
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
    return reply.status(body.delivered ? 200 : 202).send(viewOf(id, (await loadReply(deps.store, id)).state));
  });
}
