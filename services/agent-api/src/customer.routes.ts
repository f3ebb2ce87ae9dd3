import { randomUUID } from 'node:crypto';
import type { Principal } from '@hub/access';
import { type CountryCode, normalizeEmail, normalizeHandle, normalizePhone } from '@hub/customer-identity';
import { HubError } from '@hub/errors';
import type { SqlExecutor } from '@hub/sql';
import { findCustomer, lookupCustomer, searchCustomers, timelinePage } from '@hub/timeline';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type AuthenticateHook, principalOf, requirePermission } from './access/authenticate.ts';
import { type ErasureDependencies, eraseCustomer } from './erase-customer.ts';
import { mergeCustomers, unmergeCustomers } from './merge-customers.ts';
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
const MergeBody = z.object({
  mergedId: z.string().uuid(),
  agentId: z.string().trim().min(1).max(200).default('agent'),
});
const UnmergeParams = z.object({ id: z.string().uuid(), mergedId: z.string().uuid() });
const UnmergeQuery = z.object({
  reason: z.string().trim().min(1).max(1024).default('undone by an agent'),
  agentId: z.string().trim().min(1).max(200).default('agent'),
});
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

/** A signed-in agent is who decided; an integration's token may name the agent it acts for. */
const agentIdOf = (principal: Principal, named: string): string =>
  principal.kind === 'user' ? principal.userId : named;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new HubError('INVALID_INPUT', `invalid ${what}: ${issue?.path.join('.') || ''} ${issue?.message ?? ''}`.trim());
}

const read = { onRequest: requirePermission('customers:read') };

/** The agents' customer API; every route needs a signed-in user or token whose role permits it. */
export async function registerCustomerRoutes(app: FastifyInstance, deps: AgentApiDependencies): Promise<void> {
  // onRequest, before the body is read: an unauthenticated client cannot make us buffer it.
  app.addHook('onRequest', deps.authenticate);

  app.get('/v1/customers', read, async (request) => {
    const { q, limit } = parse(Search, request.query, 'search');
    return { customers: await searchCustomers(deps.readModels, q, limit) };
  });

  app.get('/v1/customers/lookup', read, async (request) => {
    const [kind, value] = normalizeLookup(parse(Lookup, request.query, 'lookup'), deps.defaultPhoneRegion);
    if (!value) throw new HubError('INVALID_INPUT', `not a valid ${kind}`);
    const customer = await lookupCustomer(deps.readModels, kind, value);
    if (!customer) throw new HubError('NOT_FOUND', `no customer with this ${kind}`);
    return customer;
  });

  app.get('/v1/customers/:id', read, async (request) => {
    const { id } = parse(CustomerId, request.params, 'customer id');
    const customer = await findCustomer(deps.readModels, id);
    if (!customer) throw new HubError('NOT_FOUND', `no customer ${id}`);
    return customer;
  });

  app.get('/v1/customers/:id/timeline', read, async (request) => {
    const { id } = parse(CustomerId, request.params, 'customer id');
    const query = parse(TimelineQuery, request.query, 'timeline query');
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

  const mergeDeps = { ...deps, newId: randomUUID };

  app.post('/v1/customers/:id/merges', { onRequest: requirePermission('customers:merge') }, async (request, reply) => {
    const { id } = parse(CustomerId, request.params, 'customer id');
    const body = parse(MergeBody, request.body, 'merge');
    await mergeCustomers(mergeDeps, id, body.mergedId, agentIdOf(principalOf(request), body.agentId));
    return reply.status(202).send({ survivorId: id, mergedId: body.mergedId });
  });

  app.delete(
    '/v1/customers/:id/merges/:mergedId',
    { onRequest: requirePermission('customers:merge') },
    async (request, reply) => {
      const { id, mergedId } = parse(UnmergeParams, request.params, 'unmerge');
      const query = parse(UnmergeQuery, request.query, 'unmerge query');
      const agentId = agentIdOf(principalOf(request), query.agentId);
      const restored = await unmergeCustomers(mergeDeps, id, mergedId, { ...query, agentId });
      return reply.status(202).send({ survivorId: id, restoredId: mergedId, ...restored });
    },
  );

  app.delete('/v1/customers/:id', { onRequest: requirePermission('customers:erase') }, async (request, reply) => {
    const { id } = parse(CustomerId, request.params, 'customer id');
    const principal = principalOf(request);
    const requestedBy = principal.kind === 'user' ? `user:${principal.userId}` : `api-token:${principal.tokenId}`;
    const result = await eraseCustomer(deps, id, { requestedBy, reason: null });
    return reply.status(202).send(result);
  });
}
