import { problems, security, type ZodTypeProvider } from '@hub/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { principalOf, requirePermission } from './access/authenticate.ts';
import { type SubjectAccessDependencies, subjectAccessExport } from './subject-access.ts';

const CustomerParams = z.object({ id: z.string().uuid() });
const Notes = z.array(z.object({ at: z.string(), text: z.string() }));
const SubjectAccessDocument = z
  .object({
    kind: z.literal('subject-access-export'),
    exportedAt: z.string(),
    customerId: z.string().meta({ description: 'the survivor: the customer that stands for the person' }),
    requestedFor: z.string(),
    customers: z.array(
      z.object({
        customerId: z.string(),
        displayName: z.string().nullable(),
        firstChannel: z.string().nullable(),
        firstSeenAt: z.string().nullable(),
        mergedInto: z.string().nullable(),
      }),
    ),
    identifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
    interactions: z.array(z.looseObject({ interactionId: z.string(), occurredAt: z.string(), text: z.string() })),
    conversations: z.array(z.looseObject({ conversationId: z.string(), notes: Notes })),
    csat: z.array(
      z.object({
        conversationId: z.string(),
        rating: z.number().int(),
        comment: z.string().nullable(),
        at: z.string(),
      }),
    ),
    cases: z.array(z.looseObject({ caseId: z.string(), number: z.string(), notes: Notes })),
    orders: z.array(z.unknown()).nullable().meta({
      description:
        'the orders of these customers with their lines, returns and refunds (null where the hub keeps no orders)',
    }),
  })
  .meta({ id: 'SubjectAccessDocument' });

const exportSchema = {
  summary:
    "A customer's own data as one JSON document (a data-protection request): identifiers, interactions, conversations with notes, cases, CSAT, orders; everyone merged into it included",
  tags: ['customers'],
  security: security.agent,
  params: CustomerParams,
  response: { 200: SubjectAccessDocument, ...problems(400, 401, 403, 404) },
};

/** `GET /v1/customers/:id/export` (`customers:export`); register inside the scope that authenticates. */
export async function registerSubjectAccessRoute(scope: FastifyInstance, deps: SubjectAccessDependencies) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const options = { onRequest: requirePermission('customers:export'), schema: exportSchema };
  app.get('/v1/customers/:id/export', options, async (request, reply) => {
    const { id } = request.params;
    const document = await subjectAccessExport(deps, id);
    // Reads leave no event, so the audit trail (an index of events) cannot hold this one: the log does.
    const principal = principalOf(request);
    const by = principal.kind === 'user' ? `user:${principal.userId}` : `api-token:${principal.tokenId}`;
    request.log.info({ customerId: document.customerId, by }, 'subject access export');
    reply.header('content-disposition', `attachment; filename="customer-${document.customerId}.json"`);
    reply.header('cache-control', 'no-store');
    return document;
  });
}
