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
  openCase,
} from '@hub/cases';
import { conversationDecider } from '@hub/conversations';
import { handleCommand, loadAggregate } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { caseKinds, caseStatuses, caseStream, conversationStream } from '@hub/events';
import { PERSONAL_DATA_OF } from '@hub/personal-data';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
import { customerGroup } from './customer-group.ts';
import { parseInput } from './parse-input.ts';

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

const read = { onRequest: requirePermission('cases:read') };
const write = { onRequest: requirePermission('cases:write') };

/**
 * Customer-service cases. Reads come from the cases read model; every change is a command decided
 * by the case's decider on its stream at the revision the agent saw, naming the agent. Register
 * inside the scope that authenticates.
 */
export async function registerCaseRoutes(app: FastifyInstance, deps: CaseApiDependencies) {
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

  app.post('/v1/cases', write, async (request, reply) => {
    const body = parseInput(OpenBody, request.body, 'case');
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

  app.get('/v1/cases', read, async (request) => {
    const q = parseInput(ListQuery, request.query, 'case query');
    const owner = q.owner === 'me' ? (viewerOf(request) ?? '') : q.owner;
    const customers = q.customer ? await customerGroup(deps.readModels, q.customer) : undefined;
    return listCases(deps.readModels, {
      limit: q.limit,
      ...(q.status ? { status: q.status } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(owner !== undefined ? { ownerId: owner } : {}),
      ...(q.customer ? { customerIds: customers?.customerIds ?? [] } : {}),
      ...(q.conversation ? { conversationId: q.conversation } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    });
  });

  app.get('/v1/cases/:ref', read, async (request) => {
    const { ref } = parseInput(CaseRefParams, request.params, 'case id or number');
    const found = CaseNumberText.safeParse(ref).success
      ? await findCaseByNumber(deps.readModels, ref)
      : await findCase(deps.readModels, ref);
    if (!found) throw new HubError('NOT_FOUND', `no case ${ref}`);
    return found;
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

  app.post('/v1/cases/:id/status', write, async (request) => {
    const { id } = parseInput(CaseParams, request.params, 'case id');
    const body = parseInput(StatusBody, request.body, 'status');
    return change(id, body.revision, {
      kind: 'ChangeCaseStatus',
      status: body.status,
      reason: body.reason,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.post('/v1/cases/:id/owner', write, async (request) => {
    const { id } = parseInput(CaseParams, request.params, 'case id');
    const body = parseInput(OwnerBody, request.body, 'owner');
    await requireOwner(body.ownerId);
    return change(id, body.revision, {
      kind: 'AssignCaseOwner',
      ownerId: body.ownerId,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.post('/v1/cases/:id/conversations', write, async (request) => {
    const { id } = parseInput(CaseParams, request.params, 'case id');
    const body = parseInput(LinkBody, request.body, 'link');
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

  app.delete('/v1/cases/:id/conversations/:conversationId', write, async (request) => {
    const { id, conversationId } = parseInput(LinkParams, request.params, 'link');
    const { revision } = parseInput(RevisionQuery, request.query, 'unlink query');
    return change(id, revision, {
      kind: 'UnlinkConversation',
      conversationId,
      actor: actorOf(request),
      now: deps.now(),
    });
  });

  app.post('/v1/cases/:id/notes', write, async (request, reply) => {
    const { id } = parseInput(CaseParams, request.params, 'case id');
    const body = parseInput(NoteBody, request.body, 'note');
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
