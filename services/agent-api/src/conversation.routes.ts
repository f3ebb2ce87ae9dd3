import { randomUUID } from 'node:crypto';
import type { Principal } from '@hub/access';
import { type ConversationCommand, conversationDecider } from '@hub/conversations';
import { handleCommand, loadAggregate } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { conversationPriorities, conversationStream } from '@hub/events';
import { findConversation, inboxCounts, listInbox, slaStates } from '@hub/inbox';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';

export interface ConversationApiDependencies {
  readonly store: EventStore;
  readonly readModels: SqlExecutor;
  /** Handles agents are mentioned by in notes (`@maryam`) -> user ids. */
  readonly knownHandles: () => Promise<Readonly<Record<string, string>>>;
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
const AssignmentBody = z.object({
  revision: Revision,
  agentId: z.string().trim().min(1).max(200).nullable(),
  teamId: z.string().trim().min(1).max(200).nullable().default(null),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HubError('INVALID_INPUT', `invalid ${what}: ${issue?.path.join('.') || ''} ${issue?.message ?? ''}`.trim());
}

const userIdOf = (principal: Principal): string =>
  principal.kind === 'user' ? principal.userId : `api-token:${principal.tokenId}`;

const read = { onRequest: requirePermission('conversations:read') };
const write = { onRequest: requirePermission('conversations:write') };

/**
 * The agents' inbox and conversations. Reads come from the inbox read model; every change is a
 * command decided by the conversation's decider on its stream, appended at the revision the agent
 * saw, and names the agent. Register inside the scope that authenticates (`authenticate` hook).
 */
export async function registerConversationRoutes(app: FastifyInstance, deps: ConversationApiDependencies) {
  app.get('/v1/inbox', read, async (request) => {
    const q = parse(InboxQuery, request.query, 'inbox query');
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

  app.get('/v1/inbox/counts', read, async (request) => {
    const q = parse(CountsQuery, request.query, 'counts query');
    return inboxCounts(deps.readModels, userIdOf(principalOf(request)), q.team);
  });

  app.get('/v1/conversations/:id', read, async (request) => {
    const { id } = parse(ConversationId, request.params, 'conversation id');
    const conversation = await findConversation(deps.readModels, id);
    if (!conversation) throw new HubError('NOT_FOUND', `no conversation ${id}`);
    return conversation;
  });

  /** Decides `command` on the conversation at the revision the agent saw; answers the new revision. */
  async function change(request: FastifyRequest, seenRevision: number | undefined, command: ConversationCommand) {
    const { id } = parse(ConversationId, request.params, 'conversation id');
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

  app.post('/v1/conversations/:id/status', write, async (request) => {
    const body = parse(StatusBody, request.body, 'status');
    return change(request, body.revision, {
      kind: 'ChangeStatus',
      status: body.status,
      reason: body.reason,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.post('/v1/conversations/:id/snooze', write, async (request) => {
    const body = parse(SnoozeBody, request.body, 'snooze');
    return change(request, body.revision, {
      kind: 'Snooze',
      until: new Date(body.until),
      reason: body.reason,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.post('/v1/conversations/:id/priority', write, async (request) => {
    const body = parse(PriorityBody, request.body, 'priority');
    return change(request, body.revision, {
      kind: 'SetPriority',
      priority: body.priority,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.post('/v1/conversations/:id/labels', write, async (request) => {
    const body = parse(LabelBody, request.body, 'label');
    return change(request, body.revision, {
      kind: 'AddLabel',
      label: body.label,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.delete('/v1/conversations/:id/labels/:label', write, async (request) => {
    const { label } = parse(LabelParams, request.params, 'label');
    const { revision } = parse(LabelQuery, request.query, 'label query');
    return change(request, revision, { kind: 'RemoveLabel', label, actor: actorOf(request), now: deps.now() });
  });

  app.post('/v1/conversations/:id/notes', write, async (request, reply) => {
    const body = parse(NoteBody, request.body, 'note');
    const noteId = randomUUID();
    const result = await change(request, body.revision, {
      kind: 'AddNote',
      noteId,
      text: body.text,
      knownHandles: await deps.knownHandles(),
      actor: actorOf(request),
      now: deps.now(),
    });
    return reply.status(201).send({ ...result, noteId });
  });

  app.post('/v1/conversations/:id/assignment', write, async (request) => {
    const body = parse(AssignmentBody, request.body, 'assignment');
    const principal = principalOf(request);
    // An agent takes a conversation, or lets go of their own; anything else is a supervisor's.
    const { id } = parse(ConversationId, request.params, 'conversation id');
    const { state } = await loadAggregate(deps.store, conversationStream(id), conversationDecider);
    const current = state.exists ? state.assignee.agentId : null;
    const me = principal.kind === 'user' ? principal.userId : undefined;
    const self = me !== undefined && (body.agentId === me || (body.agentId === null && current === me));
    if (!self) await requirePermission('conversations:assign-others')(request);
    return change(request, body.revision, {
      kind: 'Assign',
      agentId: body.agentId,
      teamId: body.teamId,
      actor: principal.actor,
      now: deps.now(),
    });
  });
}
