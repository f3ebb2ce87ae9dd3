import type { FastifyInstance } from 'fastify';
import type { IngestDependencies } from './ingest-dependencies.ts';
import { registerEmailRoutes } from './routes/email.routes.ts';
import { registerGenericRoutes } from './routes/generic.routes.ts';
import { registerPhoneRoutes } from './routes/phone.routes.ts';
import { registerWebFormRoutes } from './routes/webform.routes.ts';

/**
 * All channel adapters, each an encapsulated plugin: its content-type parsers, auth and limits
 * never leak into its siblings.
 */
export async function registerIngestRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  for (const register of [registerGenericRoutes, registerEmailRoutes, registerPhoneRoutes, registerWebFormRoutes]) {
    await app.register(async (scope) => register(scope, deps));
  }
}
