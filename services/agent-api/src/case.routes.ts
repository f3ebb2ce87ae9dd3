import { randomUUID } from 'node:crypto';
import {
  CASE_NOTE_MAX_LENGTH,
  CASE_SUBJECT_MAX_LENGTH,
  type CaseCommand,
  caseDecider,
  findCase,
  findCaseByNumber,
  isCaseEvent,
  listCases,
  nextStatuses,
  openCase,
} from '@hub/cases';
import { conversationDecider } from '@hub/conversations';
import { handleCommand, loadAggregate } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { type CaseKind, type CaseStatus, caseKinds, caseStatuses, caseStream, conversationStream } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
import { customerGroup } from './customer-group.ts';
import { customerNamesOf } from './customer-names.ts';

export interface CaseApiDependencies {
  readonly store: EventStore;
  readonly readModels: SqlExecutor;
  /** Whether a user id names an active user (a case's owner must be one). */
  readonly isActiveUser: (userId: string) => Promise<boolean>;
  readonly now: () => Date;
}

const CaseNumberText = z.string().regex(/^[Cc]-\d{4}-\d{6,12}$/, 'a case number reads C-2026-000042');
const CaseParams = z.object({ id: z.string().uuid() });
const CaseRefParams = z.object({ ref: z.union([z.string().uuid(), CaseNumberText]) });
const LinkParams = z.object({ id: z.string().uuid(), conversationId: z.string().uuid() });
const Revision = z.number().int().min(0);
const RevisionQuery = z.object({ revision: z.coerce.number().int().min(0) });
const OwnerId = z.string().trim().min(1).max(128);
const OpenBody = z.object({
  kind: z.enum(caseKinds),
  customerId: z.string().uuid(),
  subject: z.string().trim().min(1).max(CASE_SUBJECT_MAX_LENGTH),
  description: z.string().trim().max(CASE_NOTE_MAX_LENGTH).nullable().default(null),
  orderReference: z.string().trim().min(1).max(200).nullable().default(null),
  /** Default: the agent who opens it. */
  ownerId: OwnerId.nullable().optional(),
  conversationIds: z.array(z.string().uuid()).max(100).default([]),
});
const ListQuery = z.object({
  status: z.enum(caseStatuses).optional(),
  kind: z.enum(caseKinds).optional(),
  /** `me` is the viewer. */
  owner: OwnerId.optional(),
  customer: z.string().uuid().optional(),
  conversation: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
// Every change carries `revision`: the case's revision the agent saw. A stale one changes nothing:
// 409 with the current state.
const StatusBody = z.object({
  revision: Revision,
  status: z.enum(caseStatuses),
  reason: z.string().trim().min(1).max(1024).nullable().default(null),
});
const OwnerBody = z.object({ revision: Revision, ownerId: OwnerId.nullable() });
const LinkBody = z.object({ revision: Revision, conversationId: z.string().uuid() });
const NoteBody = z.object({ revision: Revision, text: z.string().trim().min(1).max(CASE_NOTE_MAX_LENGTH) });

/** A case in lists (also in a customer's profile). */
export const CaseSummary = z
  .object({
    id: z.string(),
    number: z.string().meta({ description: 'C-2026-000042' }),
    kind: z.string(),
    status: z.string(),
    customerId: z.string(),
    ownerId: z.string().nullable(),
    subject: z.string(),
    orderReference: z.string().nullable(),
    conversationIds: z.array(z.string()),
    openedAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    revision: z.number().int().meta({ description: 'send it back as the revision you saw with any change' }),
  })
  .meta({ id: 'CaseSummary' });
/** A case in the cases list: with whom it is, so a row reads without another request. */
const CaseListItem = CaseSummary.extend({
  customerName: z.string().nullable().meta({ description: "the customer's name (null when unknown)" }),
}).meta({ id: 'CaseListItem' });
const CasePage = z.object({ cases: z.array(CaseListItem), nextCursor: z.string().nullable() });
const CaseDetail = CaseListItem.extend({
  description: z.string().nullable(),
  nextStatuses: z
    .array(z.string())
    .meta({ description: "the statuses its kind's lifecycle allows next (none when closed)" }),
  conversations: z
    .array(z.object({ id: z.string(), subject: z.string().nullable(), channel: z.string(), status: z.string() }))
    .meta({ description: 'the linked conversations as the inbox shows them, in the order linked' }),
  items: z.array(
    z.object({
      revision: z.number().int(),
      kind: z.string(),
      actor: z.unknown(),
      at: z.string(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});
const Opened = z.object({
  caseId: z.string(),
  number: z.string(),
  kind: z.string(),
  status: z.string(),
  ownerId: z.string().nullable(),
  revision: z.number().int(),
});
const Changed = z.object({
  caseId: z.string(),
  status: z.string().nullable(),
  revision: z.number().int(),
  changed: z.boolean(),
});

/** The linked conversations' subject, channel and status, in the case's order (unknown ones left out). */
async function linkedConversationsOf(db: SqlExecutor, conversationIds: readonly string[]) {
  if (conversationIds.length === 0) return [];
  const rows = await db.query<{ conversation_id: string; subject: string | null; channel: string; status: string }>(
    `SELECT conversation_id, subject, channel, status FROM read_models.conversations
      WHERE conversation_id = ANY($1::text[])`,
    [conversationIds],
  );
  const byId = new Map(rows.map((row) => [row.conversation_id, row]));
  return conversationIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ id, subject: row.subject, channel: row.channel, status: row.status }] : [];
  });
}

/** What every case route shares in the document. */
const documented = { tags: ['cases'], security: security.agent } as const;
/** A change: 409 WRONG_EXPECTED_REVISION with the current state when the revision is stale. */
const changeProblems = problems(400, 401, 403, 404, 409);
const openSchema = {
  ...documented,
  summary: "Open a case for a customer (a merged one's goes to its survivor), with its number",
  body: OpenBody,
  response: { 201: Opened, ...problems(400, 401, 403, 404, 409) },
};
const listSchema = {
  ...documented,
  summary: 'Cases, filtered (owner=me is the viewer; a customer includes everyone merged into it)',
  querystring: ListQuery,
  response: { 200: CasePage, ...problems(400, 401, 403) },
};
const showSchema = {
  ...documented,
  summary: 'A case by id or number (C-2026-000042), with its history',
  params: CaseRefParams,
  response: { 200: CaseDetail, ...problems(400, 401, 403, 404) },
};
/** A change's route: the case in the path, `body` (or `params` and `querystring`), the new revision. */
const changeSchema = <I extends object>(summary: string, input: I) => ({
  ...documented,
  summary,
  params: CaseParams,
  ...input,
  response: { 200: Changed, ...changeProblems },
});
const statusSchema = changeSchema('Change the status', { body: StatusBody });
const ownerSchema = changeSchema('Give the case to an active user, or to nobody', { body: OwnerBody });
const linkSchema = changeSchema("Link one of the customer's conversations", { body: LinkBody });
const unlinkSchema = changeSchema('Unlink a conversation', { params: LinkParams, querystring: RevisionQuery });
const noteSchema = {
  ...changeSchema('An internal note on the case', { body: NoteBody }),
  response: { 201: Changed.extend({ noteId: z.string() }), ...changeProblems },
};

const read = { onRequest: requirePermission('cases:read') };
const write = { onRequest: requirePermission('cases:write') };

/**
 * Customer-service cases. Reads come from the cases read model; every change is a command decided
 * by the case's decider on its stream at the revision the agent saw, naming the agent. Register
 * inside the scope that authenticates.
 */
export async function registerCaseRoutes(scope: FastifyInstance, deps: CaseApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const actorOf = (request: FastifyRequest) => principalOf(request).actor;
  const viewerOf = (request: FastifyRequest) => {
    const principal = principalOf(request);
    return principal.kind === 'user' ? principal.userId : undefined;
  };

  async function requireOwner(ownerId: string | null): Promise<void> {
    if (ownerId !== null && !(await deps.isActiveUser(ownerId))) {
      throw new HubError('INVALID_INPUT', `no active user ${ownerId} to own the case`, { field: 'ownerId' });
    }
  }

  /** The conversation exists and is the customer's (or of someone merged with them). */
  async function requireConversation(conversationId: string, customers: readonly string[]): Promise<void> {
    const { state } = await loadAggregate(deps.store, conversationStream(conversationId), conversationDecider);
    if (!state.exists) throw new HubError('NOT_FOUND', `no conversation ${conversationId}`);
    if (!customers.includes(state.customerId)) {
      throw new HubError('INVALID_INPUT', `conversation ${conversationId} is another customer's`, {
        field: 'conversationId',
      });
    }
  }

  app.post('/v1/cases', { ...write, schema: openSchema }, async (request, reply) => {
    const body = request.body;
    const group = await customerGroup(deps.readModels, body.customerId);
    if (!group) throw new HubError('NOT_FOUND', `no customer ${body.customerId}`);
    const ownerId = body.ownerId === undefined ? (viewerOf(request) ?? null) : body.ownerId;
    await requireOwner(ownerId);
    for (const conversationId of body.conversationIds) await requireConversation(conversationId, group.customerIds);
    const now = deps.now();
    const opened = await openCase(
      { store: deps.store, newEventId: randomUUID, metadata: { [PERSONAL_DATA_OF]: group.survivorId } },
      {
        caseId: randomUUID(),
        caseKind: body.kind,
        // A merged customer's case is the survivor's.
        customerId: group.survivorId,
        subject: body.subject,
        description: body.description || null,
        orderReference: body.orderReference,
        ownerId,
        conversationIds: body.conversationIds,
        actor: actorOf(request),
        now,
      },
    );
    const { state } = opened;
    return reply.status(201).send({
      caseId: state.caseId,
      number: state.caseNumber,
      kind: state.kind,
      status: state.status,
      ownerId: state.ownerId,
      revision: opened.revision,
    });
  });

  app.get('/v1/cases', { ...read, schema: listSchema }, async (request) => {
    const q = request.query;
    const owner = q.owner === 'me' ? (viewerOf(request) ?? '') : q.owner;
    const customers = q.customer ? await customerGroup(deps.readModels, q.customer) : undefined;
    const page = await listCases(deps.readModels, {
      limit: q.limit,
      ...(q.status ? { status: q.status } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(owner !== undefined ? { ownerId: owner } : {}),
      ...(q.customer ? { customerIds: customers?.customerIds ?? [] } : {}),
      ...(q.conversation ? { conversationId: q.conversation } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    });
    const names = await customerNamesOf(
      deps.readModels,
      page.cases.map((c) => c.customerId),
    );
    return { ...page, cases: page.cases.map((c) => ({ ...c, customerName: names.get(c.customerId) ?? null })) };
  });

  app.get('/v1/cases/:ref', { ...read, schema: showSchema }, async (request) => {
    const { ref } = request.params;
    const found = CaseNumberText.safeParse(ref).success
      ? await findCaseByNumber(deps.readModels, ref)
      : await findCase(deps.readModels, ref);
    if (!found) throw new HubError('NOT_FOUND', `no case ${ref}`);
    const names = await customerNamesOf(deps.readModels, [found.customerId]);
    return {
      ...found,
      customerName: names.get(found.customerId) ?? null,
      nextStatuses: caseKinds.includes(found.kind as CaseKind)
        ? [...nextStatuses(found.kind as CaseKind, found.status as CaseStatus)]
        : [],
      conversations: await linkedConversationsOf(deps.readModels, found.conversationIds),
    };
  });

  /** Decides `command` on the case at the revision the agent saw; answers the new revision. */
  async function change(caseId: string, seenRevision: number, command: CaseCommand) {
    // An erased customer's case is a record without personal data: nothing more is written to it.
    const { state } = await loadAggregate(deps.store, caseStream(caseId), caseDecider, isCaseEvent);
    if (state.exists && !(await customerGroup(deps.readModels, state.customerId))) {
      throw new HubError('NOT_FOUND', `no case ${caseId}: its customer was erased`);
    }
    const result = await handleCommand({
      store: deps.store,
      streamId: caseStream(caseId),
      decider: caseDecider,
      command,
      seenRevision,
      isEvent: isCaseEvent,
      eventContext: (_event, _index, state) => ({
        id: randomUUID(),
        occurredAt: deps.now(),
        metadata: state.exists ? { [PERSONAL_DATA_OF]: state.customerId } : {},
      }),
    });
    const status = result.state.exists ? result.state.status : null;
    return { caseId, status, revision: result.revision, changed: result.events.length > 0 };
  }

  app.post('/v1/cases/:id/status', { ...write, schema: statusSchema }, async (request) => {
    const { id } = request.params;
    const body = request.body;
    return change(id, body.revision, {
      kind: 'ChangeCaseStatus',
      status: body.status,
      reason: body.reason,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.post('/v1/cases/:id/owner', { ...write, schema: ownerSchema }, async (request) => {
    const { id } = request.params;
    const body = request.body;
    await requireOwner(body.ownerId);
    return change(id, body.revision, {
      kind: 'AssignCaseOwner',
      ownerId: body.ownerId,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.post('/v1/cases/:id/conversations', { ...write, schema: linkSchema }, async (request) => {
    const { id } = request.params;
    const body = request.body;
    const { state } = await loadAggregate(deps.store, caseStream(id), caseDecider, isCaseEvent);
    if (!state.exists) throw new HubError('NOT_FOUND', `no case ${id}`);
    const group = await customerGroup(deps.readModels, state.customerId);
    await requireConversation(body.conversationId, group?.customerIds ?? [state.customerId]);
    return change(id, body.revision, {
      kind: 'LinkConversation',
      conversationId: body.conversationId,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.delete('/v1/cases/:id/conversations/:conversationId', { ...write, schema: unlinkSchema }, async (request) => {
    const { id, conversationId } = request.params;
    const { revision } = request.query;
    return change(id, revision, {
      kind: 'UnlinkConversation',
      conversationId,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.post('/v1/cases/:id/notes', { ...write, schema: noteSchema }, async (request, reply) => {
    const { id } = request.params;
    const body = request.body;
    const noteId = randomUUID();
    const result = await change(id, body.revision, {
      kind: 'AddCaseNote',
      noteId,
      text: body.text,
      actor: actorOf(request),
      now: deps.now(),
    });
    return reply.status(201).send({ ...result, noteId });
  });
}
