import { randomUUID } from 'node:crypto';
import { conversationDecider } from '@hub/conversations';
import { loadAggregate } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { conversationStream } from '@hub/events';
import { changeCannedResponses, listCannedResponses, renderCanned, unknownPlaceholders } from '@hub/replies';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
import { type AgentName, cannedContextFor } from './canned-context.ts';
import { parseInput } from './parse-input.ts';

export interface CannedResponseApiDependencies {
  readonly store: EventStore;
  readonly readModels: SqlExecutor;
  readonly agentName: AgentName;
  readonly now: () => Date;
}

const CannedResponseId = z.object({ id: z.string().uuid() });
/** `/late-order` or `late-order`: what an agent types in the console to pick it. */
const Shortcut = z
  .string()
  .trim()
  .regex(/^\/?[\p{L}\p{N}][\p{L}\p{N}_-]{0,62}$/u, 'letters, digits, - and _, optionally after a /');
const CannedResponseBody = z.object({
  shortcut: Shortcut,
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(20_000),
});
const PreviewBody = z.object({ conversationId: z.string().uuid(), cannedResponseId: z.string().uuid() });

/** A template naming a placeholder the hub cannot fill is refused before it is saved. */
function requireKnownPlaceholders(text: string) {
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) {
    throw new HubError('INVALID_INPUT', `unknown placeholder: ${unknown.join(', ')}`, { unknown });
  }
}

/**
 * Canned responses: supervisors and admins write them (`canned-responses:manage`), every agent
 * lists and uses them. Each change is an event naming who made it (stream `canned-responses`).
 */
export async function registerCannedResponseRoutes(app: FastifyInstance, deps: CannedResponseApiDependencies) {
  const read = { onRequest: requirePermission('conversations:read') };
  const manage = { onRequest: requirePermission('canned-responses:manage') };
  const change = (command: Parameters<typeof changeCannedResponses>[1]) =>
    changeCannedResponses(deps.store, command, { eventId: randomUUID, now: deps.now() });

  app.get('/v1/canned-responses', read, async () => {
    const { responses, revision } = await listCannedResponses(deps.store);
    return { cannedResponses: responses, revision };
  });

  app.post('/v1/canned-responses', manage, async (request, reply) => {
    const body = parseInput(CannedResponseBody, request.body, 'canned response');
    requireKnownPlaceholders(body.text);
    const cannedResponseId = randomUUID();
    const result = await change({ kind: 'create', cannedResponseId, ...body, actor: principalOf(request).actor });
    return reply.status(201).send({ cannedResponseId, ...body, revision: result.revision });
  });

  app.put('/v1/canned-responses/:id', manage, async (request) => {
    const { id } = parseInput(CannedResponseId, request.params, 'canned response id');
    const body = parseInput(CannedResponseBody, request.body, 'canned response');
    requireKnownPlaceholders(body.text);
    const result = await change({ kind: 'change', cannedResponseId: id, ...body, actor: principalOf(request).actor });
    return { cannedResponseId: id, ...body, ...result };
  });

  app.delete('/v1/canned-responses/:id', manage, async (request) => {
    const { id } = parseInput(CannedResponseId, request.params, 'canned response id');
    const result = await change({ kind: 'delete', cannedResponseId: id, actor: principalOf(request).actor });
    return { cannedResponseId: id, ...result };
  });

  // What the customer would read, for the console to show before the agent sends it.
  app.post('/v1/canned-responses/preview', read, async (request) => {
    const body = parseInput(PreviewBody, request.body, 'preview');
    return renderCannedFor(deps, body.cannedResponseId, body.conversationId, principalOf(request));
  });
}

/** The canned response filled in for this conversation and agent; 400 naming what cannot be filled. */
export async function renderCannedFor(
  deps: Pick<CannedResponseApiDependencies, 'store' | 'readModels' | 'agentName'>,
  cannedResponseId: string,
  conversationId: string,
  principal: Parameters<AgentName>[0],
) {
  const { responses } = await listCannedResponses(deps.store);
  const canned = responses.find((response) => response.cannedResponseId === cannedResponseId);
  if (!canned) throw new HubError('NOT_FOUND', `no canned response ${cannedResponseId}`);
  const { state } = await loadAggregate(deps.store, conversationStream(conversationId), conversationDecider);
  if (!state.exists) throw new HubError('NOT_FOUND', `no conversation ${conversationId}`);
  const context = await cannedContextFor(deps.readModels, deps.agentName, state, principal);
  return { cannedResponseId, ...renderCanned(canned.text, context) };
}
