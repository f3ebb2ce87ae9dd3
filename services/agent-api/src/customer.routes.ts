import type { Principal } from '@hub/access';
import { type CountryCode, normalizeEmail, normalizeHandle, normalizePhone } from '@hub/customer-identity';
import { HubError } from '@hub/errors';
import { customerStream } from '@hub/events';
import type { SqlExecutor } from '@hub/sql';
import { findCustomer, lookupCustomer, searchCustomers, timelinePage } from '@hub/timeline';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type AuthenticateHook, principalOf, requirePermission } from './access/authenticate.ts';
import { type ErasureDependencies, eraseCustomer } from './erase-customer.ts';
import { mergeCustomers, unmergeCustomers } from './merge-customers.ts';
import { parseInput } from './parse-input.ts';
import { decodeCursor, encodeCursor } from './timeline-cursor.ts';

export interface AgentApiDependencies extends ErasureDependencies {
  readonly readModels: SqlExecutor;
  /** Who is calling (session, API token or the legacy HUB_AGENT_TOKEN); see `createAuthenticate`. */
  readonly authenticate: AuthenticateHook;
  readonly defaultPhoneRegion: CountryCode | undefined;
}

const CustomerId = z.object({ id: z.string().uuid() });
const Search = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const Lookup = z
  .object({ email: z.string().max(320), phone: z.string().max(64), handle: z.string().max(300) })
  .partial()
  .refine((q) => [q.email, q.phone, q.handle].filter((v) => v !== undefined).length === 1, {
    message: 'give exactly one of email, phone or handle',
  });
const Revision = z.coerce.number().int().min(0);
const MergeBody = z.object({
  mergedId: z.string().uuid(),
  agentId: z.string().trim().min(1).max(200).default('agent'),
  /** The survivor's revision the agent saw (as `GET /v1/customers/:id` gave it); else If-Match. */
  expectedRevision: Revision.optional(),
});
const UnmergeParams = z.object({ id: z.string().uuid(), mergedId: z.string().uuid() });
const UnmergeQuery = z.object({
  reason: z.string().trim().min(1).max(1024).default('undone by an agent'),
  agentId: z.string().trim().min(1).max(200).default('agent'),
  expectedRevision: Revision.optional(),
});
const EraseQuery = z.object({
  reason: z.string().trim().min(1).max(1024).optional(),
  agentId: z.string().trim().min(1).max(200).optional(),
});
/** `If-Match: "7"` (the ETag of `GET /v1/customers/:id`); `*` asks for no check. */
const IfMatch = z
  .string()
  .trim()
  .regex(/^(\*|(W\/)?("\d+"|\d+))$/, 'If-Match must be a revision as the ETag gave it')
  .optional();
const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  asOf: z.string().datetime({ offset: true }).optional(),
});

/** The identifier asked for, normalised as the writer stored it; `null` when it is not valid. */
function normalizeLookup(
  query: { email?: string; phone?: string; handle?: string },
  region: CountryCode | undefined,
): [kind: string, value: string | null] {
  if (query.email !== undefined) return ['email', normalizeEmail(query.email)];
  if (query.phone !== undefined) return ['phone', normalizePhone(query.phone, region)];
  const [network = '', id = ''] = (query.handle ?? '').split(/:(.*)/s);
  return ['handle', normalizeHandle(network, id)];
}

/** The revision the agent saw, from the body or query, or from If-Match; both must agree. */
function seenRevision(given: number | undefined, ifMatch: unknown): number | undefined {
  const header = parseInput(IfMatch, ifMatch, 'If-Match');
  const fromHeader = header === undefined || header === '*' ? undefined : Number(header.replace(/\D/g, ''));
  if (given !== undefined && fromHeader !== undefined && given !== fromHeader)
    throw new HubError('INVALID_INPUT', `expectedRevision ${given} and If-Match ${fromHeader} disagree`);
  return given ?? fromHeader;
}

/** The ETag of a customer: the revision of its stream, which a merge or unmerge may carry back. */
const etag = (revision: number) => `"${revision}"`;

/** A signed-in agent is who decided; an integration's token may name the agent it acts for. */
const agentIdOf = (principal: Principal, named: string): string =>
  principal.kind === 'user' ? principal.userId : named;

const read = { onRequest: requirePermission('customers:read') };

/** The agents' customer API; every route needs a signed-in user or token whose role permits it. */
export async function registerCustomerRoutes(app: FastifyInstance, deps: AgentApiDependencies): Promise<void> {
  // onRequest, before the body is read: an unauthenticated client cannot make us buffer it.
  app.addHook('onRequest', deps.authenticate);

  app.get('/v1/customers', read, async (request) => {
    const { q, limit } = parseInput(Search, request.query, 'search');
    return { customers: await searchCustomers(deps.readModels, q, limit) };
  });

  app.get('/v1/customers/lookup', read, async (request) => {
    const [kind, value] = normalizeLookup(parseInput(Lookup, request.query, 'lookup'), deps.defaultPhoneRegion);
    if (!value) throw new HubError('INVALID_INPUT', `not a valid ${kind}`);
    const customer = await lookupCustomer(deps.readModels, kind, value);
    if (!customer) throw new HubError('NOT_FOUND', `no customer with this ${kind}`);
    return customer;
  });

  app.get('/v1/customers/:id', read, async (request, reply) => {
    const { id } = parseInput(CustomerId, request.params, 'customer id');
    const customer = await findCustomer(deps.readModels, id);
    if (!customer) throw new HubError('NOT_FOUND', `no customer ${id}`);
    // The stream's revision (its last event only), so an agent's later change can say what it saw.
    const [last] = await deps.store.readStream(customerStream(id), { direction: 'backwards', maxCount: 1 });
    const revision = last?.revision ?? -1;
    reply.header('etag', etag(revision));
    return { ...customer, revision };
  });

  app.get('/v1/customers/:id/timeline', read, async (request) => {
    const { id } = parseInput(CustomerId, request.params, 'customer id');
    const query = parseInput(TimelineQuery, request.query, 'timeline query');
    const customer = await findCustomer(deps.readModels, id);
    if (!customer) throw new HubError('NOT_FOUND', `no customer ${id}`);
    const target = customer.mergedInto ?? id;
    const entries = await timelinePage(deps.readModels, target, {
      limit: query.limit + 1,
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
      ...(query.asOf ? { asOf: new Date(query.asOf) } : {}),
    });
    const page = entries.slice(0, query.limit);
    const last = page.at(-1);
    return {
      customerId: target,
      entries: page,
      nextCursor: entries.length > query.limit && last ? encodeCursor(last) : null,
    };
  });

  app.post('/v1/customers/:id/merges', { onRequest: requirePermission('customers:merge') }, async (request, reply) => {
    const { id } = parseInput(CustomerId, request.params, 'customer id');
    const body = parseInput(MergeBody, request.body, 'merge');
    const seen = seenRevision(body.expectedRevision, request.headers['if-match']);
    const agentId = agentIdOf(principalOf(request), body.agentId);
    const { revision } = await mergeCustomers(deps, id, body.mergedId, { agentId, seenRevision: seen });
    reply.header('etag', etag(revision));
    return reply.status(202).send({ survivorId: id, mergedId: body.mergedId, revision });
  });

  app.delete(
    '/v1/customers/:id/merges/:mergedId',
    { onRequest: requirePermission('customers:merge') },
    async (request, reply) => {
      const { id, mergedId } = parseInput(UnmergeParams, request.params, 'unmerge');
      const query = parseInput(UnmergeQuery, request.query, 'unmerge query');
      const seen = seenRevision(query.expectedRevision, request.headers['if-match']);
      const agentId = agentIdOf(principalOf(request), query.agentId);
      const restored = await unmergeCustomers(deps, id, mergedId, { ...query, agentId, seenRevision: seen });
      reply.header('etag', etag(restored.revision));
      return reply.status(202).send({ survivorId: id, restoredId: mergedId, ...restored });
    },
  );

  app.delete('/v1/customers/:id', { onRequest: requirePermission('customers:erase') }, async (request, reply) => {
    const { id } = parseInput(CustomerId, request.params, 'customer id');
    const query = parseInput(EraseQuery, request.query, 'erasure query');
    const principal = principalOf(request);
    // A token acting for a named agent says so; a signed-in user is who they are.
    const requestedBy =
      principal.kind === 'user'
        ? `user:${principal.userId}`
        : query.agentId
          ? `agent:${query.agentId}`
          : `api-token:${principal.tokenId}`;
    const result = await eraseCustomer(deps, id, { requestedBy, reason: query.reason ?? null });
    return reply.status(202).send(result);
  });
}
