import { randomUUID } from 'node:crypto';
import type { Principal } from '@hub/access';
import { type ConversationCommand, conversationDecider } from '@hub/conversations';
import { handleCommand, loadAggregate, staleView } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { conversationPriorities, conversationStream, ReplyChannel } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import { findConversation, inboxCounts, listInbox, slaStates } from '@hub/inbox';
import type { AttachmentStore } from '@hub/interactions';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import { requestReply } from '@hub/replies';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
import type { AgentName } from './canned-context.ts';
import { renderCannedFor } from './canned-response.routes.ts';
import { chosenReplyAddress, loadReplyOptions } from './reply-options.ts';
import { loadReplyViews } from './reply-view.ts';
import { conversationAsOf } from './time-travel.conversation.ts';
import { AsOfQuery } from './time-travel.query.ts';
import { checkAsOf } from './time-travel.ts';

export interface ConversationApiDependencies {
  readonly store: EventStore;
  readonly readModels: SqlExecutor;
  /** Handles agents are mentioned by in notes (`@maryam`) -> user ids. */
  readonly knownHandles: () => Promise<Readonly<Record<string, string>>>;
  /** Files uploaded with `POST /v1/attachments`, named by an email reply. */
  readonly attachments: AttachmentStore;
  /** Fills `{{agent.name}}` in canned responses. */
  readonly agentName: AgentName;
  readonly now: () => Date;
}

const ConversationId = z.object({ id: z.string().uuid() });
const Revision = z.number().int().min(-1);
const InboxQuery = z.object({
  status: z.enum(['open', 'pending', 'snoozed', 'resolved', 'all']).default('open'),
  assignee: z.string().trim().min(1).max(200).optional(),
  team: z.string().trim().min(1).max(200).optional(),
  inbox: z.string().trim().min(1).max(200).optional(),
  label: z.string().trim().min(1).max(64).optional(),
  channel: z.enum(['email', 'webform', 'phone', 'chat', 'social', 'generic']).optional(),
  sla: z.enum(slaStates).optional(),
  customer: z.string().uuid().optional(),
  sort: z.enum(['last-activity', 'sla-due']).default('last-activity'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
const CountsQuery = z.object({ team: z.string().trim().min(1).max(200).optional() });

// Every change carries `revision`: the conversation's revision the agent saw (as the inbox or
// `GET /v1/conversations/:id` gave it). A stale one changes nothing: 409 with the current state.
const StatusBody = z.object({
  revision: Revision,
  status: z.enum(['open', 'pending', 'resolved']),
  reason: z.string().trim().min(1).max(1024).nullable().default(null),
});
const SnoozeBody = z.object({
  revision: Revision,
  until: z.string().datetime({ offset: true }),
  reason: z.string().trim().min(1).max(1024).nullable().default(null),
});
const PriorityBody = z.object({ revision: Revision, priority: z.enum(conversationPriorities) });
const LabelBody = z.object({ revision: Revision, label: z.string().trim().min(1).max(64) });
const LabelParams = z.object({ id: z.string().uuid(), label: z.string().trim().min(1).max(64) });
const LabelQuery = z.object({ revision: z.coerce.number().int().min(-1) });
/** A note never conflicts with what others did meanwhile: its revision is optional. */
const NoteBody = z.object({ revision: Revision.optional(), text: z.string().min(1).max(10_000) });
/**
 * A reply goes out on the channel of the customer's last message; its revision is optional, like a
 * note's. Its words are `text`, or a canned response filled in for this conversation
 * (`cannedResponseId`). Email replies may carry files uploaded first (`POST /v1/attachments`).
 */
const ReplyBody = z
  .object({
    revision: Revision.optional(),
    text: z.string().trim().min(1).max(100_000).optional(),
    html: z.string().max(500_000).nullable().default(null),
    cannedResponseId: z.string().uuid().optional(),
    channel: ReplyChannel.optional().meta({
      description:
        'another way to reach the customer, from GET /v1/conversations/{id}/reply-options (default: the first)',
    }),
    attachments: z
      .array(
        z.object({
          id: z.string().regex(/^[0-9a-f]{64}$/, 'an id from POST /v1/attachments'),
          filename: z.string().trim().min(1).max(255),
        }),
      )
      .max(10)
      .default([]),
  })
  .refine((body) => (body.text === undefined) !== (body.cannedResponseId === undefined), {
    message: 'send either text or cannedResponseId',
    path: ['text'],
  });
const AssignmentBody = z.object({
  revision: Revision,
  agentId: z.string().trim().min(1).max(200).nullable(),
  teamId: z.string().trim().min(1).max(200).nullable().default(null),
});

const Conversation = z
  .object({
    id: z.string(),
    customerId: z.string(),
    inboxId: z.string(),
    channel: z.string(),
    subject: z.string().nullable(),
    status: z.string(),
    snoozedUntil: z.string().nullable(),
    priority: z.string(),
    labels: z.array(z.string()),
    assigneeId: z.string().nullable(),
    teamId: z.string().nullable(),
    openedAt: z.string(),
    lastActivityAt: z.string(),
    waitingSince: z.string().nullable(),
    firstResponseAt: z.string().nullable(),
    messageCount: z.number().int(),
    revision: z.number().int().meta({ description: 'send it back as the revision you saw with any change' }),
    sla: z.object({ dueAt: z.string().nullable(), state: z.string().nullable() }),
    csatRating: z.number().nullable(),
  })
  .meta({ id: 'InboxConversation' });
const InboxListItem = Conversation.extend({
  customerName: z.string().nullable().meta({ description: "the customer's name (null when unknown or erased)" }),
  preview: z.string().nullable().meta({ description: "the summary of the conversation's latest message" }),
}).meta({ id: 'InboxListItem' });
const InboxPage = z.object({ conversations: z.array(InboxListItem), nextCursor: z.string().nullable() });
const Counts = z.object({
  mine: z.number().int(),
  unassigned: z.number().int(),
  open: z.number().int(),
  pending: z.number().int(),
  snoozed: z.number().int(),
  breached: z.number().int(),
});
const Delivery = z.object({
  status: z.enum(['queued', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  reason: z.string().nullable(),
  providerCode: z.string().nullable(),
  retryAt: z.string().nullable(),
  outcomeUnknown: z.boolean(),
});
const ReplyItem = z.object({
  replyId: z.string(),
  channel: z.string(),
  text: z.string(),
  attachments: z.array(z.object({ id: z.string(), filename: z.string() })).readonly(),
  delivery: Delivery,
});
const ConversationItem = z.object({
  revision: z.number().int(),
  kind: z.string(),
  at: z.string(),
  actor: z.unknown(),
  interactionId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  message: z
    .object({
      summary: z.string(),
      text: z.string(),
      html: z.string().nullable(),
      direction: z.string(),
      details: z.unknown(),
    })
    .optional(),
  reply: ReplyItem.optional().meta({ description: 'our replies: the words and files sent' }),
  delivery: Delivery.optional().meta({
    description: 'our replies: queued, sending, sent or failed with the provider reason',
  }),
});
const ConversationDetail = Conversation.extend({ items: z.array(ConversationItem) });
const ReplyOptions = z.object({
  options: z.array(
    z.object({
      channel: ReplyChannel,
      recipient: z.string().meta({ description: 'the address, chat or number the reply goes to' }),
      default: z.boolean(),
    }),
  ),
});
const Changed = z.object({ conversationId: z.string(), revision: z.number().int(), changed: z.boolean() });

/** What every conversation route shares in the document. */
const documented = { tags: ['conversations'], security: security.agent } as const;
/** A change: 409 WRONG_EXPECTED_REVISION with the current state when the revision is stale. */
const changeProblems = problems(400, 401, 403, 404, 409);

const userIdOf = (principal: Principal): string =>
  principal.kind === 'user' ? principal.userId : `api-token:${principal.tokenId}`;

const read = { onRequest: requirePermission('conversations:read') };
const write = { onRequest: requirePermission('conversations:write') };

/**
 * The agents' inbox and conversations. Reads come from the inbox read model; every change is a
 * command decided by the conversation's decider on its stream, appended at the revision the agent
 * saw, and names the agent. Register inside the scope that authenticates (`authenticate` hook).
 */
export async function registerConversationRoutes(scope: FastifyInstance, deps: ConversationApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const inboxSchema = {
    ...documented,
    summary: 'Conversations, filtered and sorted (by last activity or SLA due)',
    querystring: InboxQuery,
    response: { 200: InboxPage, ...problems(400, 401, 403) },
  };
  app.get('/v1/inbox', { ...read, schema: inboxSchema }, async (request) => {
    const q = request.query;
    return listInbox(deps.readModels, {
      viewerId: userIdOf(principalOf(request)),
      status: q.status,
      sort: q.sort,
      limit: q.limit,
      ...(q.assignee ? { assignee: q.assignee } : {}),
      ...(q.team ? { teamId: q.team } : {}),
      ...(q.inbox ? { inboxId: q.inbox } : {}),
      ...(q.label ? { label: q.label } : {}),
      ...(q.channel ? { channel: q.channel } : {}),
      ...(q.sla ? { slaState: q.sla } : {}),
      ...(q.customer ? { customerId: q.customer } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    });
  });

  const countsSchema = {
    ...documented,
    summary: 'The numbers beside the filters',
    querystring: CountsQuery,
    response: { 200: Counts, ...problems(400, 401, 403) },
  };
  app.get('/v1/inbox/counts', { ...read, schema: countsSchema }, async (request) => {
    const q = request.query;
    return inboxCounts(deps.readModels, userIdOf(principalOf(request)), q.team);
  });

  const conversationSchema = {
    ...documented,
    summary:
      'A conversation: messages, notes and changes inline, in order; replies with their delivery; with asOf, as it stood then',
    params: ConversationId,
    querystring: AsOfQuery,
    response: { 200: ConversationDetail, ...problems(400, 401, 403, 404) },
  };
  app.get('/v1/conversations/:id', { ...read, schema: conversationSchema }, async (request) => {
    const { id } = request.params;
    if (request.query.asOf) return conversationAsOf(deps, id, checkAsOf(request.query.asOf, deps.now()));
    const conversation = await findConversation(deps.readModels, id);
    if (!conversation) throw new HubError('NOT_FOUND', `no conversation ${id}`);
    // Our replies show their words, their files' names and their delivery: queued, sending, sent
    // or failed (with the provider's reason), read from each reply's own stream.
    const outbound = conversation.items.flatMap((item) =>
      item.kind === 'message' && item.data.direction === 'outbound' && item.interactionId ? [item.interactionId] : [],
    );
    const replies = await loadReplyViews(deps.store, outbound);
    return {
      ...conversation,
      items: conversation.items.map((item) => {
        const view = item.interactionId ? replies.get(item.interactionId) : undefined;
        return view ? { ...item, reply: view, delivery: view.delivery } : item;
      }),
    };
  });

  const replyOptionsSchema = {
    ...documented,
    summary:
      'Where a reply can reach the customer: the channel of their last message here first, then their other chats and email',
    params: ConversationId,
    response: { 200: ReplyOptions, ...problems(400, 401, 403, 404, 409) },
  };
  app.get('/v1/conversations/:id/reply-options', { ...read, schema: replyOptionsSchema }, async (request) => {
    const { id } = request.params;
    const { state } = await loadAggregate(deps.store, conversationStream(id), conversationDecider);
    if (!state.exists) throw new HubError('NOT_FOUND', `no conversation ${id}`);
    const options = await loadReplyOptions(deps.readModels, {
      conversationId: id,
      customerId: state.customerId,
      subject: state.subject,
    });
    return {
      options: options.map((option, index) => ({
        channel: option.channel,
        recipient: option.recipient,
        default: index === 0,
      })),
    };
  });

  /** Decides `command` on the conversation at the revision the agent saw; answers the new revision. */
  async function change(id: string, seenRevision: number | undefined, command: ConversationCommand) {
    const result = await handleCommand({
      store: deps.store,
      streamId: conversationStream(id),
      decider: conversationDecider,
      command,
      ...(seenRevision === undefined ? {} : { seenRevision }),
      eventContext: (_event, _index, state) => ({
        id: randomUUID(),
        occurredAt: deps.now(),
        metadata: state.exists ? { [PERSONAL_DATA_OF]: state.customerId } : {},
      }),
    });
    return { conversationId: id, revision: result.revision, changed: result.events.length > 0 };
  }
  const actorOf = (request: FastifyRequest) => principalOf(request).actor;

  /** A change's route: the conversation in the path, `body` (or `querystring`), the new revision. */
  const changeSchema = <B extends object>(summary: string, input: B) => ({
    ...documented,
    summary,
    params: ConversationId,
    ...input,
    response: { 200: Changed, ...changeProblems },
  });

  const status = changeSchema('Open, pending or resolved', { body: StatusBody });
  app.post('/v1/conversations/:id/status', { ...write, schema: status }, async (request) => {
    const body = request.body;
    return change(request.params.id, body.revision, {
      kind: 'ChangeStatus',
      status: body.status,
      reason: body.reason,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  const snooze = changeSchema('Snoozed until a time, then open again', { body: SnoozeBody });
  app.post('/v1/conversations/:id/snooze', { ...write, schema: snooze }, async (request) => {
    const body = request.body;
    return change(request.params.id, body.revision, {
      kind: 'Snooze',
      until: new Date(body.until),
      reason: body.reason,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  const priority = changeSchema('Set the priority', { body: PriorityBody });
  app.post('/v1/conversations/:id/priority', { ...write, schema: priority }, async (request) => {
    const body = request.body;
    return change(request.params.id, body.revision, {
      kind: 'SetPriority',
      priority: body.priority,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  const addLabel = changeSchema('Add a label', { body: LabelBody });
  app.post('/v1/conversations/:id/labels', { ...write, schema: addLabel }, async (request) => {
    const body = request.body;
    return change(request.params.id, body.revision, {
      kind: 'AddLabel',
      label: body.label,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  const removeLabel = { ...changeSchema('Remove a label', { querystring: LabelQuery }), params: LabelParams };
  app.delete('/v1/conversations/:id/labels/:label', { ...write, schema: removeLabel }, async (request) => {
    const { id, label } = request.params;
    const { revision } = request.query;
    return change(id, revision, { kind: 'RemoveLabel', label, actor: actorOf(request), now: deps.now() });
  });

  const note = {
    ...changeSchema('An internal note; @name mentions a colleague', { body: NoteBody }),
    response: { 201: Changed.extend({ noteId: z.string() }), ...changeProblems },
  };
  app.post('/v1/conversations/:id/notes', { ...write, schema: note }, async (request, reply) => {
    const body = request.body;
    const noteId = randomUUID();
    const result = await change(request.params.id, body.revision, {
      kind: 'AddNote',
      noteId,
      text: body.text,
      knownHandles: await deps.knownHandles(),
      actor: actorOf(request),
      now: deps.now(),
    });
    return reply.status(201).send({ ...result, noteId });
  });

  const replySchema = {
    ...changeSchema("A reply on the channel of the customer's last message, sent by the outbox", {
      body: ReplyBody,
    }),
    response: { 202: Changed.extend({ replyId: z.string(), channel: z.string() }), ...changeProblems },
  };
  app.post('/v1/conversations/:id/replies', { ...write, schema: replySchema }, async (request, reply) => {
    const { id } = request.params;
    const body = request.body;
    const current = await loadAggregate(deps.store, conversationStream(id), conversationDecider);
    const { state } = current;
    if (!state.exists) throw new HubError('NOT_FOUND', `no conversation ${id}`);
    if (body.revision !== undefined && body.revision !== current.revision) {
      throw staleView(conversationStream(id), body.revision, current);
    }
    const address = await chosenReplyAddress(
      deps.readModels,
      { conversationId: id, customerId: state.customerId, subject: state.subject },
      body.channel,
    );
    const principal = principalOf(request);
    if (body.attachments.length > 0) {
      if (address.channel !== 'email') {
        throw new HubError(
          'INVALID_INPUT',
          `invalid reply: attachments go by email only, this reply goes by ${address.channel}`,
        );
      }
      for (const file of body.attachments) {
        if (!(await deps.attachments.get(file.id))) {
          throw new HubError(
            'INVALID_INPUT',
            `invalid reply: attachments: no uploaded file ${file.id} (${file.filename})`,
          );
        }
      }
    }
    const words =
      body.cannedResponseId === undefined
        ? { text: body.text ?? '', html: body.html }
        : await renderCannedFor(deps, body.cannedResponseId, id, principal).then((filled) => ({
            text: filled.text,
            html: body.html ?? filled.html,
          }));
    const replyId = randomUUID();
    const now = deps.now();
    await requestReply(
      deps.store,
      {
        replyId,
        conversationId: id,
        customerId: state.customerId,
        ...address,
        references: [...address.references],
        text: words.text,
        html: words.html,
        attachments: body.attachments,
        actor: principal.kind === 'user' ? `user:${principal.userId}` : `api-token:${principal.tokenId}`,
      },
      now,
    );
    // The reply is a message of the conversation from now on; its delivery is the outbox's.
    const result = await change(id, undefined, {
      kind: 'AttachOutbound',
      conversationId: id,
      customerId: state.customerId,
      inboxId: state.inboxId,
      subject: state.subject,
      message: { interactionId: replyId, channel: state.channel, occurredAt: now, threadKeys: [] },
      actor: principal.actor,
      now,
    });
    return reply.status(202).send({ ...result, replyId, channel: address.channel });
  });

  const assignment = changeSchema('Assign to an agent and/or a team (another agent: conversations:assign-others)', {
    body: AssignmentBody,
  });
  app.post('/v1/conversations/:id/assignment', { ...write, schema: assignment }, async (request) => {
    const body = request.body;
    const principal = principalOf(request);
    // An agent takes a conversation, or lets go of their own; anything else is a supervisor's.
    const { id } = request.params;
    const { state } = await loadAggregate(deps.store, conversationStream(id), conversationDecider);
    const current = state.exists ? state.assignee.agentId : null;
    const me = principal.kind === 'user' ? principal.userId : undefined;
    const self = me !== undefined && (body.agentId === me || (body.agentId === null && current === me));
    if (!self) await requirePermission('conversations:assign-others')(request);
    return change(id, body.revision, {
      kind: 'Assign',
      agentId: body.agentId,
      teamId: body.teamId,
      actor: principal.actor,
      now: deps.now(),
    });
  });
}
