import { can } from '@hub/access';
import { listAuditTrail } from '@hub/audit-trail';
import { HubError } from '@hub/errors';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf } from './access/authenticate.ts';

export interface AuditApiDependencies {
  readonly readModels: SqlExecutor;
}

/** Exactly one of actor (a user id, `me`), conversation, customer. */
const AuditQuery = z
  .object({
    actor: z.string().trim().min(1).max(200).optional(),
    conversation: z.string().uuid().optional(),
    customer: z.string().uuid().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .refine((q) => [q.actor, q.conversation, q.customer].filter((v) => v !== undefined).length === 1, {
    message: 'name exactly one of actor, conversation, customer',
  });
const AuditEntry = z.object({
  eventType: z.string(),
  actor: z.object({ kind: z.enum(['user', 'system']), id: z.string() }),
  streamId: z.string(),
  revision: z.number().int(),
  conversationId: z.string().nullable(),
  customerId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  recordedAt: z.string(),
});
const AuditPage = z.object({ entries: z.array(AuditEntry).readonly(), nextCursor: z.string().nullable() });

const auditSchema = {
  summary: "Who did what, newest first: an agent's actions (actor, `me`), a conversation's or a customer's",
  description: "Supervisors and admins (audit:read) read everyone's trail; every user reads their own.",
  tags: ['audit'],
  security: security.agent,
  querystring: AuditQuery,
  response: { 200: AuditPage, ...problems(400, 401, 403) },
};

/**
 * Who did what: every agent action and every decision of a hub process, per agent, per
 * conversation or per customer, newest first. Supervisors and admins read everyone's; each user
 * reads their own (`actor=me` or their id). Register inside the scope that authenticates.
 */
export async function registerAuditRoutes(scope: FastifyInstance, deps: AuditApiDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/v1/audit', { schema: auditSchema }, async (request) => {
    const q = request.query;
    const principal = principalOf(request);
    const self = principal.actor.kind === 'agent' ? principal.actor.userId : null;
    const actorId = q.actor === 'me' ? self : q.actor;
    if (q.actor === 'me' && !actorId)
      throw new HubError('INVALID_INPUT', 'invalid audit query: this token acts for no user');
    const ownTrail = actorId !== undefined && actorId === self;
    if (!ownTrail && !can(principal.role, 'audit:read'))
      throw new HubError('FORBIDDEN', `the ${principal.role} role may not audit:read`, { permission: 'audit:read' });
    const filter = actorId
      ? { actorId }
      : q.conversation
        ? { conversationId: q.conversation }
        : { customerId: q.customer as string };
    return listAuditTrail(deps.readModels, filter, { limit: q.limit, ...(q.cursor ? { cursor: q.cursor } : {}) });
  });
}
