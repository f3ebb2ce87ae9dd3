import { HubError } from '@hub/errors';
import type { SqlExecutor } from '@hub/sql';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requirePermission } from './access/authenticate.ts';
import { customerProfile } from './customer-profile.ts';
import { parseInput } from './parse-input.ts';

const CustomerParams = z.object({ id: z.string().uuid() });

/** `GET /v1/customers/:id/profile`; register inside the scope that authenticates. */
export async function registerCustomerProfileRoute(app: FastifyInstance, deps: { readonly readModels: SqlExecutor }) {
  app.get('/v1/customers/:id/profile', { onRequest: requirePermission('customers:read') }, async (request) => {
    const { id } = parseInput(CustomerParams, request.params, 'customer id');
    const profile = await customerProfile(deps.readModels, id);
    if (!profile) throw new HubError('NOT_FOUND', `no customer ${id}`);
    return profile;
  });
}
