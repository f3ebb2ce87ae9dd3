import { randomUUID } from 'node:crypto';
import { conversationDecider } from '@hub/conversations';
import { loadAggregate } from '@hub/decider';
import { HubError } from '@hub/errors';
import type { EventStore } from '@hub/event-store';
import { conversationStream } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import { changeCannedResponses, listCannedResponses, renderCanned, unknownPlaceholders } from '@hub/replies';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
import { type AgentName, cannedContextFor } from './canned-context.ts';

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
const CannedResponse = z.object({
  cannedResponseId: z.string(),
  shortcut: z.string(),
  title: z.string(),
  text: z.string().meta({ description: 'the template; {{customer.name}}, {{agent.name}}, {{conversation.*}}' }),
});
const CannedResponses = z.object({ cannedResponses: z.array(CannedResponse).readonly(), revision: z.number().int() });
const Changed = z.object({ cannedResponseId: z.string(), revision: z.number().int() });
const Saved = CannedResponse.extend({ revision: z.number().int() });
const Preview = z.object({ cannedResponseId: z.string(), text: z.string(), html: z.string() });

/** What every canned-response route shares in the document. */
const documented = { tags: ['replies'], security: security.agent } as const;
const listSchema = {
  ...documented,
  summary: 'The canned responses every agent may use',
  response: { 200: CannedResponses, ...problems(401, 403) },
};
const createSchema = {
  ...documented,
  summary: 'Create a canned response (canned-responses:manage); its shortcut is unique whatever its case',
  body: CannedResponseBody,
  response: { 201: Saved, ...problems(400, 401, 403, 409) },
};
const changeSchema = {
  ...documented,
  summary: 'Change a canned response (canned-responses:manage)',
  params: CannedResponseId,
  body: CannedResponseBody,
  response: { 200: Saved.extend({ changed: z.boolean() }), ...problems(400, 401, 403, 404, 409) },
};
const deleteSchema = {
  ...documented,
  summary: 'Delete a canned response (canned-responses:manage)',
  params: CannedResponseId,
  response: { 200: Changed.extend({ changed: z.boolean() }), ...problems(400, 401, 403, 404, 409) },
};
const previewSchema = {
  ...documented,
  summary: 'A canned response filled in for a conversation and this agent, as the customer would read it',
  body: PreviewBody,
  response: { 200: Preview, ...problems(400, 401, 403, 404) },
};

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
export async function registerCannedResponseRoutes(scope: FastifyInstance, deps: CannedResponseApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const read = { onRequest: requirePermission('conversations:read') };
  const manage = { onRequest: requirePermission('canned-responses:manage') };
  const change = (command: Parameters<typeof changeCannedResponses>[1]) =>
    changeCannedResponses(deps.store, command, { eventId: randomUUID, now: deps.now() });

  app.get('/v1/canned-responses', { ...read, schema: listSchema }, async () => {
    const { responses, revision } = await listCannedResponses(deps.store);
    return { cannedResponses: responses, revision };
  });

  app.post('/v1/canned-responses', { ...manage, schema: createSchema }, async (request, reply) => {
    const body = request.body;
    requireKnownPlaceholders(body.text);
    const cannedResponseId = randomUUID();
    const result = await change({ kind: 'create', cannedResponseId, ...body, actor: principalOf(request).actor });
    return reply.status(201).send({ cannedResponseId, ...body, revision: result.revision });
  });

  app.put('/v1/canned-responses/:id', { ...manage, schema: changeSchema }, async (request) => {
    const { id } = request.params;
    const body = request.body;
    requireKnownPlaceholders(body.text);
    const result = await change({ kind: 'change', cannedResponseId: id, ...body, actor: principalOf(request).actor });
    return { cannedResponseId: id, ...body, ...result };
  });

  app.delete('/v1/canned-responses/:id', { ...manage, schema: deleteSchema }, async (request) => {
    const { id } = request.params;
    const result = await change({ kind: 'delete', cannedResponseId: id, actor: principalOf(request).actor });
    return { cannedResponseId: id, ...result };
  });

  // What the customer would read, for the console to show before the agent sends it.
  app.post('/v1/canned-responses/preview', { ...read, schema: previewSchema }, async (request) => {
    const body = request.body;
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
