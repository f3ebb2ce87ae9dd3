import type { Principal } from '@hub/access';
import { type CountryCode, normalizeEmail, normalizeHandle, normalizePhone } from '@hub/customer-identity';
import { HubError } from '@hub/errors';
import { customerStream } from '@hub/events';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import type { SqlExecutor } from '@hub/sql';
import { findCustomer, lookupCustomer, searchCustomers, timelineOwner, timelinePage } from '@hub/timeline';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { type AuthenticateHook, principalOf, requirePermission } from './access/authenticate.ts';
import { type ErasureDependencies, eraseCustomer } from './erase-customer.ts';
import { mergeCustomers, unmergeCustomers } from './merge-customers.ts';
import { AsOf, AsOfQuery } from './time-travel.query.ts';
import { checkAsOf, customerAsOf, timelineAsOf } from './time-travel.ts';
import { decodeCursor, encodeCursor } from './timeline-cursor.ts';

export interface AgentApiDependencies extends ErasureDependencies {
  readonly readModels: SqlExecutor;
  /** Where customer searches read (a bulkhead over `readModels`, see `limitConcurrency`); default `readModels`. */
  readonly searchReads?: SqlExecutor;
  /** Who is calling (session, API token or the legacy HUB_AGENT_TOKEN); see `createAuthenticate`. */
  readonly authenticate: AuthenticateHook;
  readonly defaultPhoneRegion: CountryCode | undefined;
}

const CustomerId = z.object({ id: z.string().uuid() });
// Control characters are refused (a 400, not a literal match): no name or identifier holds one.
// `%`, `_`, `\\` and regular-expression or full-text operators are matched literally.
const Search = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^\P{Cc}*$/u, 'must not contain control characters')
    .meta({ description: 'a name, email, phone (any written form, or its last 7+ digits) or handle' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional().meta({ description: 'nextCursor of the previous page' }),
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
const IfMatchHeaders = z.looseObject({
  'if-match': z
    .string()
    .trim()
    .regex(/^(\*|(W\/)?("\d+"|\d+))$/, 'If-Match must be a revision as the ETag gave it')
    .optional(),
});
const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  asOf: AsOf.optional(),
});
const Customer = z
  .object({ id: z.string(), mergedInto: z.string().nullable().optional() })
  .meta({ id: 'Customer', description: 'a customer of the timeline read model, with its identifiers' });
const SearchAnswer = z.object({
  customers: z.array(
    Customer.extend({
      match: z.enum(['exact', 'prefix', 'similar']).meta({ description: 'how the best term of this customer matched' }),
    }),
  ),
  nextCursor: z.string().nullable(),
});
/** Digits in any script with the usual phone punctuation: worth reading as a number too. */
const PHONE_LIKE = /^\+?[\p{Nd}\s\-().]+$/u;
const CustomerWithRevision = Customer.extend({ revision: z.number().int() });
const Timeline = z.object({
  customerId: z.string(),
  entries: z
    .array(
      z.object({
        interactionId: z.string(),
        occurredAt: z.string(),
        channel: z.string(),
        direction: z.string(),
        conversationId: z.string(),
        contact: z.object({ kind: z.string(), value: z.string() }),
        summary: z.string(),
        text: z.string(),
        html: z.string().nullable(),
        details: z.unknown(),
      }),
    )
    .meta({ description: 'interactions across channels, newest first' }),
  nextCursor: z.string().nullable(),
});
const MergeAnswer = z.object({ survivorId: z.string(), mergedId: z.string(), revision: z.number().int() });
const UnmergeAnswer = z.object({ survivorId: z.string(), restoredId: z.string(), revision: z.number().int() });
const ErasureAnswer = z
  .object({ erasedIds: z.array(z.string()) })
  .meta({ description: '{ erasedIds, attachments, parseFailures, deadLetters }' });

/** What every customer route shares in the document. */
const customerRoute = { tags: ['customers'], security: security.agent } as const;

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
function seenRevision(given: number | undefined, header: string | undefined): number | undefined {
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
export async function registerCustomerRoutes(scope: FastifyInstance, deps: AgentApiDependencies): Promise<void> {
  // onRequest, before the body is read: an unauthenticated client cannot make us buffer it.
  scope.addHook('onRequest', deps.authenticate);
  const app = scope.withTypeProvider<ZodTypeProvider>();

  const searchSchema = {
    ...customerRoute,
    summary: 'Search names, emails, phones and handles: exact, then prefix, then similar (spelling folded)',
    querystring: Search,
    response: { 200: SearchAnswer, ...problems(400, 401, 403) },
  };
  app.get('/v1/customers', { ...read, schema: searchSchema }, async (request) => {
    const { q, limit, cursor } = request.query;
    const phone = PHONE_LIKE.test(q) ? normalizePhone(q, deps.defaultPhoneRegion) : null;
    return searchCustomers(deps.searchReads ?? deps.readModels, {
      text: q,
      phone,
      limit,
      ...(cursor ? { cursor } : {}),
    });
  });

  const lookupSchema = {
    ...customerRoute,
    summary: 'The customer owning an identifier (exactly one of email, phone, handle)',
    querystring: Lookup,
    response: { 200: Customer, ...problems(400, 401, 403, 404) },
  };
  app.get('/v1/customers/lookup', { ...read, schema: lookupSchema }, async (request) => {
    const [kind, value] = normalizeLookup(request.query, deps.defaultPhoneRegion);
    if (!value) throw new HubError('INVALID_INPUT', `not a valid ${kind}`);
    const customer = await lookupCustomer(deps.readModels, kind, value);
    if (!customer) throw new HubError('NOT_FOUND', `no customer with this ${kind}`);
    return customer;
  });

  const customerSchema = {
    ...customerRoute,
    summary: "A customer, its identifiers and its stream's revision (also the ETag); with asOf, as it stood then",
    params: CustomerId,
    querystring: AsOfQuery,
    response: { 200: CustomerWithRevision, ...problems(400, 401, 403, 404) },
  };
  app.get('/v1/customers/:id', { ...read, schema: customerSchema }, async (request, reply) => {
    const { id } = request.params;
    if (request.query.asOf) return customerAsOf(deps, id, checkAsOf(request.query.asOf, deps.now()));
    const customer = await findCustomer(deps.readModels, id);
    if (!customer) throw new HubError('NOT_FOUND', `no customer ${id}`);
    // The stream's revision (its last event only), so an agent's later change can say what it saw.
    const [last] = await deps.store.readStream(customerStream(id), { direction: 'backwards', maxCount: 1 });
    const revision = last?.revision ?? -1;
    reply.header('etag', etag(revision));
    return { ...customer, revision };
  });

  const timelineSchema = {
    ...customerRoute,
    summary: 'Every interaction across channels, newest first; with asOf, those that were the customer’s then',
    params: CustomerId,
    querystring: TimelineQuery,
    response: { 200: Timeline, ...problems(400, 401, 403, 404) },
  };
  app.get('/v1/customers/:id/timeline', { ...read, schema: timelineSchema }, async (request) => {
    const { id } = request.params;
    const query = request.query;
    if (query.asOf) {
      const asOf = checkAsOf(query.asOf, deps.now());
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      const then = await timelineAsOf(deps, id, asOf, { limit: query.limit + 1, ...(after ? { after } : {}) });
      const page = then.entries.slice(0, query.limit);
      const last = page.at(-1);
      const nextCursor = then.entries.length > query.limit && last ? encodeCursor(last) : null;
      return { customerId: then.customerId, entries: page, nextCursor };
    }
    const target = await timelineOwner(deps.readModels, id);
    if (!target) throw new HubError('NOT_FOUND', `no customer ${id}`);
    const entries = await timelinePage(deps.readModels, target, {
      limit: query.limit + 1,
      ...(query.cursor ? { after: decodeCursor(query.cursor) } : {}),
    });
    const page = entries.slice(0, query.limit);
    const last = page.at(-1);
    return {
      customerId: target,
      entries: page,
      nextCursor: entries.length > query.limit && last ? encodeCursor(last) : null,
    };
  });

  const mergeSchema = {
    ...customerRoute,
    summary: 'Merge another customer into this one (expectedRevision or If-Match; stale: 409)',
    params: CustomerId,
    headers: IfMatchHeaders,
    body: MergeBody,
    response: { 202: MergeAnswer, ...problems(400, 401, 403, 404, 409) },
  };
  const merge = { onRequest: requirePermission('customers:merge'), schema: mergeSchema };
  app.post('/v1/customers/:id/merges', merge, async (request, reply) => {
    const { id } = request.params;
    const body = request.body;
    const seen = seenRevision(body.expectedRevision, request.headers['if-match']);
    const agentId = agentIdOf(principalOf(request), body.agentId);
    const { revision } = await mergeCustomers(deps, id, body.mergedId, { agentId, seenRevision: seen });
    reply.header('etag', etag(revision));
    return reply.status(202).send({ survivorId: id, mergedId: body.mergedId, revision });
  });

  const unmergeSchema = {
    ...customerRoute,
    summary: 'Undo a merge: identifiers and interactions go back (expectedRevision or If-Match; stale: 409)',
    params: UnmergeParams,
    querystring: UnmergeQuery,
    headers: IfMatchHeaders,
    response: { 202: UnmergeAnswer, ...problems(400, 401, 403, 404, 409) },
  };
  app.delete(
    '/v1/customers/:id/merges/:mergedId',
    { onRequest: requirePermission('customers:merge'), schema: unmergeSchema },
    async (request, reply) => {
      const { id, mergedId } = request.params;
      const query = request.query;
      const seen = seenRevision(query.expectedRevision, request.headers['if-match']);
      const agentId = agentIdOf(principalOf(request), query.agentId);
      const restored = await unmergeCustomers(deps, id, mergedId, { ...query, agentId, seenRevision: seen });
      reply.header('etag', etag(restored.revision));
      return reply.status(202).send({ survivorId: id, restoredId: mergedId, ...restored });
    },
  );

  const eraseSchema = {
    ...customerRoute,
    summary: 'Erasure of the customer and everyone merged with it (crypto-shredding)',
    params: CustomerId,
    querystring: EraseQuery,
    response: { 202: ErasureAnswer, ...problems(400, 401, 403, 404) },
  };
  const erase = { onRequest: requirePermission('customers:erase'), schema: eraseSchema };
  app.delete('/v1/customers/:id', erase, async (request, reply) => {
    const { id } = request.params;
    const query = request.query;
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
