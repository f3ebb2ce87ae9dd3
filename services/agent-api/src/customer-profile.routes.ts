import { HubError } from '@hub/errors';
import { problems, security, type ZodTypeProvider } from '@hub/http';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from './access/authenticate.ts';
import { CaseSummary } from './case.routes.ts';
import { customerProfile } from './customer-profile.ts';
import { profileAsOf } from './time-travel.profile.ts';
import { AsOfQuery } from './time-travel.query.ts';
import type { TimeTravelDependencies } from './time-travel.ts';
import { checkAsOf } from './time-travel.ts';

const CustomerParams = z.object({ id: z.string().uuid() });
const CustomerProfile = z.object({
  customerId: z.string(),
  mergedIds: z.array(z.string()).meta({ description: 'customers merged into this one, shown here too' }),
  displayName: z.string().nullable(),
  identifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
  channels: z.array(z.object({ channel: z.string(), interactions: z.number().int(), lastAt: z.string() })),
  lastContact: z.object({ at: z.string(), channel: z.string(), direction: z.string() }).nullable(),
  openConversations: z.array(
    z.object({
      id: z.string(),
      channel: z.string(),
      subject: z.string().nullable(),
      status: z.string(),
      assigneeId: z.string().nullable(),
      lastActivityAt: z.string(),
    }),
  ),
  openCases: z.array(CaseSummary),
  merged: z.array(z.object({ customerId: z.string(), displayName: z.string().nullable() })).meta({
    description: 'customers merged into this one: DELETE /v1/customers/{id}/merges/{mergedId} gives one back',
  }),
  mergeCandidates: z
    .array(
      z.object({
        customerId: z.string(),
        displayName: z.string().nullable(),
        identifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
        evidence: z.array(
          z.object({
            interactionId: z.string(),
            detectedAt: z.string(),
            channel: z.string().nullable(),
            summary: z.string().nullable(),
          }),
        ),
      }),
    )
    .meta({ description: 'customers who may be this person, with the interactions that brought them together' }),
});

const profileSchema = {
  summary:
    'A customer at a glance: identifiers, channels, last contact, open conversations and cases, merges and merge candidates; with asOf, as it stood then',
  tags: ['customers'],
  security: security.agent,
  params: CustomerParams,
  querystring: AsOfQuery,
  response: { 200: CustomerProfile, ...problems(400, 401, 403, 404) },
};

/** `GET /v1/customers/:id/profile`; register inside the scope that authenticates. */
export async function registerCustomerProfileRoute(
  scope: FastifyInstance,
  deps: { readonly readModels: SqlExecutor } & TimeTravelDependencies,
) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const options = { onRequest: requirePermission('customers:read'), schema: profileSchema };
  app.get('/v1/customers/:id/profile', options, async (request) => {
    const { id } = request.params;
    if (request.query.asOf) return profileAsOf(deps, id, checkAsOf(request.query.asOf, deps.now()));
    const profile = await customerProfile(deps.readModels, id);
    if (!profile) throw new HubError('NOT_FOUND', `no customer ${id}`);
    return profile;
  });
}
