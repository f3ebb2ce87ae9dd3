import type { FastifyInstance } from 'fastify';
import type { IngestDependencies } from './ingest-dependencies.ts';
import { registerGenericRoutes } from './routes/generic.routes.ts';

/**
 * All channel adapters, each an encapsulated plugin: its content-type parsers, auth and limits
 * never leak into its siblings.
 */
export async function registerIngestRoutes(app: FastifyInstance, deps: IngestDependencies): Promise<void> {
  await app.register(async (scope) => registerGenericRoutes(scope, deps));
}
